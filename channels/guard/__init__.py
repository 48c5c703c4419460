"""One input guard for every channel (REST, socket.io, Twilio Voice, Alexa): what may reach Rasa at all.

Each module has one job; channels import what they need from here:

* ``inputs``: the sender id, text and metadata are strings Rasa can keep, bounded; a conversation id
  is in its channel's namespace (``channels.conversation_id``: ``rest:…``, ``web:…``, ``phone:…``,
  ``alexa:…``); the one HTTP refusal (``{"error": ...}``);
* ``commands``: which ``/intent`` a person may type, matched as Rasa unpacks it and read from the
  served model's domain;
* ``rate_limits``: a per-sender and a per-client token bucket;
* ``answer``: the guard's own replies, and counting Rasa's so that a turn is always answered;
* ``turn``: ``guard(on_new_message)``, which wraps Rasa's handler for every channel with all of the
  above, and tells the person when their place could not be stored (``storage.failures``).
"""

from channels.guard.commands import rasa_command, served_intents, user_intents
from channels.guard.inputs import (
    MAX_BODY_BYTES,
    MAX_MESSAGE_CHARS,
    MAX_METADATA_BYTES,
    MAX_SENDER_CHARS,
    UNREADABLE,
    InvalidInputError,
    check_conversation,
    check_metadata,
    check_sender,
    check_text,
    refusal,
)
from channels.guard.rate_limits import SLOW_DOWN, RateLimit, RateLimiter, client_allowed, client_of
from channels.guard.turn import OnNewMessage, guard

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_MESSAGE_CHARS",
    "MAX_METADATA_BYTES",
    "MAX_SENDER_CHARS",
    "SLOW_DOWN",
    "UNREADABLE",
    "InvalidInputError",
    "OnNewMessage",
    "RateLimit",
    "RateLimiter",
    "check_conversation",
    "check_metadata",
    "check_sender",
    "check_text",
    "client_allowed",
    "client_of",
    "guard",
    "rasa_command",
    "refusal",
    "served_intents",
    "user_intents",
]
