"""What an Alexa request means for the conversation: the Rasa message to send, if any.

Amazon's built-in intents map onto the assistant's own intents (``/intent`` bypasses NLU); the
catch-all intent's AMAZON.SearchQuery slot carries everything else as text for Rasa's NLU.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LAUNCH_MESSAGE = "/greet"
CATCH_ALL_INTENT = "CatchAllIntent"
CATCH_ALL_SLOT = "query"
STOP_MESSAGE = "/stop_routine"
GOODBYE_MESSAGE = "/goodbye"
"""Stop or cancel with no routine running: a goodbye rather than "we're not in a stretch"."""

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
    if name == CATCH_ALL_INTENT:
        return Inbound(slot_text(request, CATCH_ALL_SLOT))  # empty text: the channel guard answers it
    if isinstance(name, str) and name in BUILT_IN_INTENTS:
        return Inbound(BUILT_IN_INTENTS[name], ends_session=name in ENDING_INTENTS)
    return Inbound(UNKNOWN_INTENT_MESSAGE)
