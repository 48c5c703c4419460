"""Alexa: a turn's replies as one Alexa response: SSML with real breaks for holds, a reprompt, a Simple card,
and whether the session ends.

Alexa's limits live here and in ``channels/alexa/ssml.py`` (the checker): a single ``<break>`` is at most
``MAX_BREAK_SECONDS``, so a longer silence is said as breaks with "N more seconds." between them; a
speech over ``MAX_SPEECH_CHARS`` drops its oldest replies (the latest is the current step). The channel
(``channels/alexa/channel.py``) collects the turn's replies and answers with ``response``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from channels.alexa.ssml import MAX_BREAK_SECONDS, MAX_SPEECH_CHARS, speak
from channels.render.speech import spoken
from pacing import Reply, replies
from pacing.reply import OtherLanguage, PhoneNumber, Silence, Speech, Words
from pacing.steps import STEP_REPROMPT

CHANNEL = "alexa"


def say(text: str) -> str:
    """Plain words as an SSML fragment: names as words, ``&``, ``<``, ``>`` escaped."""
    return escape(spoken(text))


DEFAULT_REPROMPT = say(STEP_REPROMPT)
"""For turns whose replies carry no reprompt (plain domain responses): said after a silence."""
DEFAULT_FAREWELL = say(replies.GOODBYE)
"""Said when the person asked to stop and the turn's reply has no farewell of its own."""


def pause(seconds: float) -> str:
    """One break Alexa accepts."""
    if not 0 < seconds <= MAX_BREAK_SECONDS:
        raise ValueError(f"a single break must be 0-{MAX_BREAK_SECONDS:g} s, not {seconds}")
    return f'<break time="{seconds:g}s"/>'


def silence(seconds: int) -> str:
    """A silence of any length: breaks of at most ``MAX_BREAK_SECONDS``, the time left said between them."""
    parts, left = [], seconds
    while left > 0:
        chunk = min(left, int(MAX_BREAK_SECONDS))
        parts.append(pause(chunk))
        left -= chunk
        if left > 0:
            parts.append(say(f"{left} more seconds."))
    return " ".join(parts)


def piece(part: Speech) -> str:
    if isinstance(part, Words):
        return say(part.text)
    if isinstance(part, Silence):
        return silence(part.seconds)
    if isinstance(part, PhoneNumber):
        return f'<say-as interpret-as="telephone">{escape(part.shown)}</say-as>'
    if isinstance(part, OtherLanguage):
        return f"<lang xml:lang={quoteattr(part.lang)}>{say(part.text)}</lang>"
    raise TypeError(f"no SSML for {part!r}")


def ssml(speech: tuple[Speech, ...]) -> str:
    """Speech as an SSML fragment (no ``<speak>``: the turn's speech is wrapped once)."""
    return " ".join(piece(p) for p in speech)


def _fit(fragments: list[str]) -> str:
    """Join the fragments; if over Alexa's limit, drop the oldest (the latest is the current step)."""
    while fragments:
        document = speak(" ".join(fragments))
        if len(document) <= MAX_SPEECH_CHARS:
            return document
        fragments = fragments[1:]
    return speak("")


def speech_of(reply: Reply) -> str:
    """A reply's speech as SSML; its text as plain words if it has no speech of its own."""
    return ssml(reply.speech).strip() or say(reply.text.strip())


def _last(said: Sequence[Reply], value: Any) -> Any:
    return next((value(r) for r in reversed(said) if value(r)), None)


def response(said: Sequence[Reply], *, stop_requested: bool) -> dict[str, Any]:
    """The Alexa response JSON for the replies of one turn (a plain domain response as ``Reply.plain``).

    ``stop_requested`` (Alexa's Stop or Cancel) closes the session with the reply's farewell: a clean
    goodbye, never an invitation to pick another stretch. A goodbye reply closes it too, with its farewell.
    """
    end_session = stop_requested or any(r.ends_conversation for r in said)
    farewell = _last(said, lambda r: r.farewell)
    reprompt = _last(said, lambda r: r.reprompt)
    if end_session and (farewell or stop_requested):
        speech = _fit([say(farewell) if farewell else DEFAULT_FAREWELL])
    else:
        fragments = [s for s in (speech_of(r) for r in said) if s]
        speech = _fit(fragments or [say(reprompt) if reprompt else DEFAULT_REPROMPT])
    body: dict[str, Any] = {"outputSpeech": {"type": "SSML", "ssml": speech}, "shouldEndSession": end_session}
    if not end_session:
        again = say(reprompt) if reprompt else DEFAULT_REPROMPT
        body["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": speak(again)}}
    carded = next((r for r in reversed(said) if r.title), None)
    if carded is not None:
        body["card"] = {"type": "Simple", "title": str(carded.title), "content": carded.text}
    return {"version": "1.0", "sessionAttributes": {}, "response": body}


def empty() -> dict[str, Any]:
    """The answer to requests that need none (SessionEndedRequest): Alexa ignores its content."""
    return {"version": "1.0", "response": {}}
