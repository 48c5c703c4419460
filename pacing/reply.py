"""A reply in both forms at once: shown (chat text, buttons, picture) and spoken (an SSML fragment).

Building both together keeps the web and the voice channels saying the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

MAX_BREAK_SECONDS = 10  # Alexa rejects a single <break> longer than this.


@dataclass(frozen=True)
class Button:
    """A quick reply: what the button says and what it sends (text or a /intent payload)."""

    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """What the assistant says in one message.

    ``ssml`` is a fragment (no ``<speak>``); channels that need a whole document wrap it.
    ``reprompt`` is what a speaker says if the person stays silent.
    """

    text: str
    ssml: str
    buttons: tuple[Button, ...] = ()
    illustration: str | None = None
    title: str | None = None
    reprompt: str | None = None
    hold_seconds: int | None = None

    @classmethod
    def plain(cls, text: str, **kwargs: Any) -> Reply:
        """A reply that is spoken exactly as it is shown (most replies but the steps themselves)."""
        return cls(text=text, ssml=say(text), **kwargs)

    def plain_speech(self) -> str:
        """The spoken words without markup, for channels that read plain text (a phone call)."""
        return ssml_to_plain(self.ssml)


def say(text: str) -> str:
    """Plain words made safe for SSML (``&``, ``<``, ``>`` escaped)."""
    return escape(text)


def pause(seconds: float) -> str:
    """A break Alexa accepts; longer pauses must be split with words between them."""
    if not 0 < seconds <= MAX_BREAK_SECONDS:
        raise ValueError(f"a single break must be 0-{MAX_BREAK_SECONDS} s, not {seconds}")
    return f'<break time="{seconds:g}s"/>'


def phone(shown: str) -> str:
    """A phone number read digit group by digit group."""
    return f'<say-as interpret-as="telephone">{escape(shown)}</say-as>'


_TAG = re.compile(r"<[^>]+>")


def ssml_to_plain(ssml: str) -> str:
    """Drop tags and unescape entities; collapses whitespace left by removed breaks."""
    text = _TAG.sub(" ", ssml)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def join(*replies: Reply) -> Reply:
    """Several replies as one message (the buttons, picture and hold of the last one that has them)."""
    if not replies:
        raise ValueError("nothing to join")
    last = replies[-1]
    return Reply(
        text="\n\n".join(r.text for r in replies if r.text),
        ssml=" ".join(r.ssml for r in replies if r.ssml),
        buttons=next((r.buttons for r in reversed(replies) if r.buttons), ()),
        illustration=next((r.illustration for r in reversed(replies) if r.illustration), None),
        title=next((r.title for r in reversed(replies) if r.title), None),
        reprompt=last.reprompt or next((r.reprompt for r in reversed(replies) if r.reprompt), None),
        hold_seconds=next((r.hold_seconds for r in reversed(replies) if r.hold_seconds), None),
    )
