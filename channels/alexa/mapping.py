"""What an Alexa request means for the conversation: the Rasa message to send, if any.

Amazon's built-in intents map onto the assistant's own intents (``/intent`` bypasses NLU); a catch-all
intent's AMAZON.SearchQuery slot carries everything else as text for Rasa's NLU. Alexa requires a carrier
word before a SearchQuery slot and leaves it out of the slot value, so the catch-all is a family of
intents, one per carrier word, named ``CatchAll_<word>`` (``'`` written ``_``): the channel puts the word
back, and "numb in both legs" reaches Rasa whole (the red-flag screen depends on it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LAUNCH_MESSAGE = "/greet"
CATCH_ALL_PREFIX = "CatchAll_"
CATCH_ALL_SLOT = "query"
_CARRIER = re.compile(r"^[a-z']+$")
STRETCH_INTENT = "StretchIntent"
STRETCH_SLOT = "stretch"
"""A stretch's name said on its own ("cat cow"): the STRETCH slot type lists the content's names."""


def catch_all_intent(carrier: str) -> str:
    """The catch-all intent for sentences starting with ``carrier`` ("what's" → ``CatchAll_what_s``)."""
    if not _CARRIER.match(carrier):
        raise ValueError(f"carrier {carrier!r} is not one lowercase word")
    return CATCH_ALL_PREFIX + carrier.replace("'", "_")


def carrier_of(intent_name: str) -> str | None:
    """The carrier word of a catch-all intent name, or None for any other intent."""
    if not intent_name.startswith(CATCH_ALL_PREFIX):
        return None
    carrier = intent_name.removeprefix(CATCH_ALL_PREFIX).replace("_", "'")
    return carrier if _CARRIER.match(carrier) else None


STOP_MESSAGE = "/stop_routine"
"""Stop and Cancel stop any routine; the session then closes with the reply's farewell (a clean goodbye)."""

BUILT_IN_INTENTS: Mapping[str, str] = {
    "AMAZON.NextIntent": "/next_step",
    "AMAZON.RepeatIntent": "/repeat_step",
    "AMAZON.PreviousIntent": "/previous_step",
    "AMAZON.StartOverIntent": "/restart_routine",
    "AMAZON.StopIntent": STOP_MESSAGE,
    "AMAZON.CancelIntent": STOP_MESSAGE,
    "AMAZON.PauseIntent": "/pause_routine",
    "AMAZON.ResumeIntent": "/resume_routine",
    "AMAZON.HelpIntent": "/ask_capabilities",
    "AMAZON.YesIntent": "/affirm",
    "AMAZON.NoIntent": "/deny",
    "AMAZON.FallbackIntent": "/out_of_scope",
    "AMAZON.NavigateHomeIntent": LAUNCH_MESSAGE,
}
ENDING_INTENTS = frozenset({"AMAZON.StopIntent", "AMAZON.CancelIntent"})
UNKNOWN_INTENT_MESSAGE = "/out_of_scope"


@dataclass(frozen=True)
class Inbound:
    """One Alexa request, decided: ``text`` for Rasa (None: leave the conversation alone)."""

    text: str | None
    ends_session: bool = False


def _dig(node: Any, *keys: str) -> Any:
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


def sender_id(envelope: Mapping[str, Any]) -> str | None:
    """The conversation id: the Alexa user id, else the session id (never a fixed one)."""
    for path in (("context", "System", "user", "userId"), ("session", "user", "userId"), ("session", "sessionId")):
        value = _dig(envelope, *path)
        if isinstance(value, str) and value:
            return value
    return None


def slot_text(request: Mapping[str, Any], slot: str) -> str:
    value = _dig(request, "intent", "slots", slot, "value")
    return value.strip() if isinstance(value, str) else ""


def decide(envelope: Mapping[str, Any]) -> Inbound:
    """Map a verified request envelope onto a Rasa message (or none)."""
    request = envelope.get("request") or {}
    kind = request.get("type")
    if kind == "LaunchRequest":
        return Inbound(LAUNCH_MESSAGE)
    if kind != "IntentRequest":  # SessionEndedRequest, System.ExceptionEncountered, ...: nothing to say
        return Inbound(None)
    name = _dig(request, "intent", "name")
    if not isinstance(name, str):
        return Inbound(UNKNOWN_INTENT_MESSAGE)
    if name == STRETCH_INTENT:
        return Inbound(slot_text(request, STRETCH_SLOT))  # empty text: the channel guard answers it
    carrier = carrier_of(name)
    if carrier is not None:
        return Inbound(f"{carrier} {slot_text(request, CATCH_ALL_SLOT)}".strip())
    if name in BUILT_IN_INTENTS:
        return Inbound(BUILT_IN_INTENTS[name], ends_session=name in ENDING_INTENTS)
    return Inbound(UNKNOWN_INTENT_MESSAGE)
