"""A turn's bot messages as one Alexa response: one speech, a reprompt, a Simple card, shouldEndSession."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from channels.alexa.ssml import MAX_SPEECH_CHARS, as_fragment, speak
from pacing import replies

DEFAULT_REPROMPT = replies.empty_message().ssml
"""For turns whose replies carry no reprompt (plain domain responses): said after a silence."""


def _voice(message: Mapping[str, Any]) -> Mapping[str, Any]:
    custom = message.get("custom")
    voice = custom.get("voice") if isinstance(custom, Mapping) else None
    return voice if isinstance(voice, Mapping) else {}


def speech_of(message: Mapping[str, Any]) -> str | None:
    """A message's speech: the core's SSML when the action sent it, else its text made safe; None if silent."""
    ssml = _voice(message).get("ssml")
    if isinstance(ssml, str) and ssml.strip():
        return ssml.strip()
    text = message.get("text")
    if isinstance(text, str) and text.strip():
        return as_fragment(text.strip())
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


def build(messages: Sequence[Mapping[str, Any]], *, end_session: bool) -> dict[str, Any]:
    """The Alexa response JSON for the bot messages of one turn."""
    fragments = [s for s in (speech_of(m) for m in messages) if s]
    reprompt = _last(messages, "reprompt") or DEFAULT_REPROMPT
    body: dict[str, Any] = {
        "outputSpeech": {"type": "SSML", "ssml": _fit(fragments or [reprompt])},
        "shouldEndSession": end_session,
    }
    if not end_session:
        body["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": speak(reprompt)}}
    title = _last(messages, "card_title")
    if title:
        content = next((_voice(m).get("card_text") for m in reversed(messages) if _voice(m).get("card_title")), "")
        body["card"] = {"type": "Simple", "title": str(title), "content": str(content or "")}
    return {"version": "1.0", "sessionAttributes": {}, "response": body}


def empty() -> dict[str, Any]:
    """The answer to requests that need none (SessionEndedRequest): Alexa ignores its content."""
    return {"version": "1.0", "response": {}}
