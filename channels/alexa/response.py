"""A turn's bot messages as one Alexa response: one speech, a reprompt, a Simple card, shouldEndSession.

Replies from the actions and the input guard arrive rendered by ``channels/render/alexa.py``: their
speech, reprompt, card, farewell and whether they end the conversation are in ``custom["voice"]``. Any
other message (a plain domain response) is plain text, so it is spoken as plain words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from channels.alexa.ssml import MAX_SPEECH_CHARS, speak
from channels.render.alexa import say
from pacing import replies
from pacing.steps import STEP_REPROMPT

DEFAULT_REPROMPT = say(STEP_REPROMPT)
"""For turns whose replies carry no reprompt (plain domain responses): said after a silence."""
DEFAULT_FAREWELL = say(replies.GOODBYE)
"""Said when the person asked to stop and the turn's reply has no farewell of its own."""


def _voice(message: Mapping[str, Any]) -> Mapping[str, Any]:
    custom = message.get("custom")
    voice = custom.get("voice") if isinstance(custom, Mapping) else None
    return voice if isinstance(voice, Mapping) else {}


def speech_of(message: Mapping[str, Any]) -> str | None:
    """A message's speech: the renderer's SSML, else its text as plain words; None if silent."""
    ssml = _voice(message).get("ssml")
    if isinstance(ssml, str) and ssml.strip():
        return ssml.strip()
    text = message.get("text")
    if isinstance(text, str) and text.strip():
        return say(text.strip())
    return None


def _fit(fragments: list[str]) -> str:
    """Join the fragments; if over Alexa's limit, drop the oldest (the latest is the current step)."""
    while fragments:
        document = speak(" ".join(fragments))
        if len(document) <= MAX_SPEECH_CHARS:
            return document
        fragments = fragments[1:]
    return speak("")


def _last(messages: Sequence[Mapping[str, Any]], key: str) -> Any:
    return next((_voice(m)[key] for m in reversed(messages) if _voice(m).get(key)), None)


def ends_conversation(messages: Sequence[Mapping[str, Any]]) -> bool:
    """True when a reply of the turn is a goodbye."""
    return any(_voice(m).get("ends_session") is True for m in messages)


def build(messages: Sequence[Mapping[str, Any]], *, stop_requested: bool) -> dict[str, Any]:
    """The Alexa response JSON for the bot messages of one turn.

    ``stop_requested`` (Alexa's Stop or Cancel) closes the session with the reply's farewell: a clean
    goodbye, never an invitation to pick another stretch. A goodbye reply closes it too, with its farewell.
    """
    end_session = stop_requested or ends_conversation(messages)
    farewell = _last(messages, "farewell")
    if end_session and (farewell or stop_requested):
        speech = _fit([farewell or DEFAULT_FAREWELL])
    else:
        fragments = [s for s in (speech_of(m) for m in messages) if s]
        speech = _fit(fragments or [_last(messages, "reprompt") or DEFAULT_REPROMPT])
    body: dict[str, Any] = {"outputSpeech": {"type": "SSML", "ssml": speech}, "shouldEndSession": end_session}
    if not end_session:
        reprompt = _last(messages, "reprompt") or DEFAULT_REPROMPT
        body["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": speak(reprompt)}}
    title = _last(messages, "card_title")
    if title:
        content = next((_voice(m).get("card_text") for m in reversed(messages) if _voice(m).get("card_title")), "")
        body["card"] = {"type": "Simple", "title": str(title), "content": str(content or "")}
    return {"version": "1.0", "sessionAttributes": {}, "response": body}


def empty() -> dict[str, Any]:
    """The answer to requests that need none (SessionEndedRequest): Alexa ignores its content."""
    return {"version": "1.0", "response": {}}
