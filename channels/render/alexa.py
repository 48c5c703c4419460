"""Alexa: SSML with real breaks for holds, a reprompt, a card, and whether the session ends.

Alexa's limits live here and in ``channels/alexa/ssml.py`` (the checker): a single ``<break>`` is at most
``MAX_BREAK_SECONDS``, so a longer silence is said as breaks with "N more seconds." between them.
The channel (``channels/alexa/response.py``) reads everything it needs from ``custom["voice"]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from channels.alexa.ssml import MAX_BREAK_SECONDS
from channels.render.base import Message
from channels.render.speech import spoken
from pacing import Reply
from pacing.reply import OtherLanguage, PhoneNumber, Silence, Speech, Words

CHANNEL = "alexa"


def say(text: str) -> str:
    """Plain words as an SSML fragment: names as words, ``&``, ``<``, ``>`` escaped."""
    return escape(spoken(text))


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
    """Speech as an SSML fragment (no ``<speak>``: the channel wraps the turn's speech once)."""
    return " ".join(piece(p) for p in speech)


def voice(reply: Reply) -> dict[str, Any]:
    """What the Alexa channel builds its response from."""
    return {
        "ssml": ssml(reply.speech),
        "reprompt": say(reply.reprompt) if reply.reprompt else None,
        "card_title": reply.title,
        "card_text": reply.text,
        "farewell": say(reply.farewell) if reply.farewell else None,
        "ends_session": reply.ends_conversation,
    }


@dataclass(frozen=True)
class AlexaRenderer:
    times_holds: bool = False  # the hold's silence is in the speech

    def render(self, reply: Reply) -> list[Message]:
        return [{"text": reply.text, "custom": {"voice": voice(reply)}}]


RENDERER = AlexaRenderer()
