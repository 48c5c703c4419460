"""One conversation, one owner, whatever the channel: every conversation id carries its channel's namespace.

Rasa keys a conversation by its sender id alone, whichever channel the message came in on, so before this
a REST sender could name a web visitor's (or a caller's, or an Alexa user's) conversation and read and
move their stretch. Each channel now derives the id from what it authenticated, inside its own namespace:

* ``web:<id>``: the socket.io channel, from the tab's signed owner token (``channels.session_token``);
* ``rest:<sender>``: the REST channel, from the request's ``sender`` (an integration's own names);
* ``phone:<caller>``: Twilio Voice, from the signed request's ``From``;
* ``alexa:<user id>``: Alexa, from the verified request's user (or session) id.

The namespace is added by the channel and never taken from the client, so ``{"sender": "web:abc"}`` on
REST is the conversation ``rest:web:abc``. ``channels.guard`` refuses any message whose id is not in its
channel's namespace (defence in depth). ``make forget ID=rest:ann`` erases what REST sender "ann" said.

Standard library only: the test harness and the page server import it without Rasa.
"""

from __future__ import annotations

NAMESPACES = {
    "socketio": "web",
    "rest": "rest",
    "twilio_voice": "phone",
    "alexa": "alexa",
}
"""Rasa input channel name → the namespace of its conversation ids."""


def namespace_of(channel: str | None) -> str | None:
    """The namespace of ``channel``'s conversations, or None for a channel that has none (Rasa's own shell)."""
    return NAMESPACES.get(channel or "")


def conversation_id(channel: str, local_id: str) -> str:
    """``local_id`` (what the channel authenticated) as a conversation id of ``channel``: ``<namespace>:<id>``."""
    return f"{NAMESPACES[channel]}:{local_id}"


def belongs_to(channel: str | None, sender_id: str) -> bool:
    """Whether ``sender_id`` is a conversation of ``channel`` (channels without a namespace: any id)."""
    namespace = namespace_of(channel)
    return namespace is None or sender_id.startswith(f"{namespace}:")


def rest_conversation(sender: str) -> str:
    """The conversation a REST request with ``{"sender": sender}`` talks to."""
    return conversation_id("rest", sender)
