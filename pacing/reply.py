"""A reply as data: what to show, what to say (words, silences, the phone number), the choices offered.

The core decides *what* is said; each channel's renderer (``channels/render/``) decides *how*: chat text
with quick replies, SSML with breaks, TwiML with pauses, plain text. No markup and no Rasa payload
lives here, and no platform limit: a silence is as long as the step needs, and a renderer that cannot
say it in one piece splits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Act(StrEnum):
    """What a choice asks the assistant to do; the channels turn each into their own form."""

    NEXT = "next"
    REPEAT = "repeat"
    BACK = "back"
    STOP = "stop"
    FINISH = "finish"
    RESUME = "resume"
    STRETCH = "stretch"
    BOOK = "book"
    YES = "yes"
    NO = "no"
    SCORE = "score"
    """A 0-10 pain score at the check-in (pacing/checkin.py); the label is the number."""
    SKIP_CHECKIN = "skip_checkin"


@dataclass(frozen=True)
class Choice:
    """One thing the person can pick (a quick reply on a screen): its label, what it does, which stretch."""

    act: Act
    label: str
    stretch: str | None = None
    """The stretch's id, for ``Act.STRETCH``."""


@dataclass(frozen=True)
class Words:
    """Plain words, spoken as written."""

    text: str


@dataclass(frozen=True)
class Silence:
    """A pause of ``seconds`` (a timed hold, room for breaths)."""

    seconds: int


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number, read digit group by digit group."""

    shown: str


@dataclass(frozen=True)
class OtherLanguage:
    """Words in another language (``lang`` as BCP 47, e.g. ``es-US``)."""

    lang: str
    text: str


Speech = Words | Silence | PhoneNumber | OtherLanguage


@dataclass(frozen=True)
class StepText:
    """A step's own words in a reply: its heading ("Cat/Cow: round 1 of 3") and what to do."""

    heading: str
    text: str


@dataclass(frozen=True)
class ChartPoint:
    """One session on the progress chart: its day and the pain before and after (None: not answered)."""

    label: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class Reply:
    """What the assistant says in one message.

    ``speech`` is the spoken form, piece by piece; ``reprompt`` what a speaker says after a silence.
    ``picture`` names the step's picture (``web/static/poses/<picture>.svg``), ``hold_seconds`` a timed
    hold. ``farewell`` is what a channel that closes the conversation after this reply says instead
    (Alexa's "stop"); ``ends_conversation`` marks a goodbye. ``step`` is the step the reply shows, whose
    words are its last paragraph; ``blocks`` the paragraphs of ``text`` when it has several (``paragraphs``).
    """

    text: str
    speech: tuple[Speech, ...]
    choices: tuple[Choice, ...] = ()
    picture: str | None = None
    title: str | None = None
    reprompt: str | None = None
    hold_seconds: int | None = None
    farewell: str | None = None
    ends_conversation: bool = False
    step: StepText | None = None
    blocks: tuple[str, ...] = ()
    chart: tuple[ChartPoint, ...] = ()
    link: str | None = None
    """A file the person can download (a reminder's calendar file): a link on the web page, its URL in text."""
    """Pain before and after, session by session ("how am I doing?"): drawn by the web page, said elsewhere."""

    def __post_init__(self) -> None:
        if self.blocks and "\n\n".join(self.blocks) != self.text:
            raise ValueError("a reply's blocks must be its text, paragraph by paragraph")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The reply's text as the paragraphs it was written in (a joined reply: one per part, at least)."""
        return self.blocks or ((self.text,) if self.text else ())

    @property
    def hold_continues(self) -> bool:
        """True when a hold shown before this reply is still on: it offers "next" and shows no new step or hold
        ("how long do I hold?" mid-hold); a new step, a stop or a finish ends it."""
        return not self.picture and not self.hold_seconds and any(c.act is Act.NEXT for c in self.choices)

    @classmethod
    def plain(cls, text: str, **kwargs: Any) -> Reply:
        """A reply that is spoken exactly as it is shown (most replies but the steps themselves)."""
        return cls(text=text, speech=(Words(text),), **kwargs)


def words(*texts: str) -> tuple[Speech, ...]:
    """Several sentences as speech pieces."""
    return tuple(Words(t) for t in texts if t)


def join(*replies: Reply | None) -> Reply:
    """Several replies as one message (the choices, picture and hold of the last one that has them)."""
    parts = [r for r in replies if r is not None]
    if not parts:
        raise ValueError("nothing to join")
    last = parts[-1]
    blocks = tuple(block for r in parts for block in r.paragraphs)
    return Reply(
        text="\n\n".join(r.text for r in parts if r.text),
        speech=tuple(piece for r in parts for piece in r.speech),
        choices=next((r.choices for r in reversed(parts) if r.choices), ()),
        picture=next((r.picture for r in reversed(parts) if r.picture), None),
        title=next((r.title for r in reversed(parts) if r.title), None),
        reprompt=last.reprompt or next((r.reprompt for r in reversed(parts) if r.reprompt), None),
        hold_seconds=next((r.hold_seconds for r in reversed(parts) if r.hold_seconds), None),
        farewell=next((r.farewell for r in reversed(parts) if r.farewell), None),
        ends_conversation=any(r.ends_conversation for r in parts),
        step=next((r.step for r in reversed(parts) if r.step), None),
        blocks=blocks if len(blocks) > 1 else (),
        chart=next((r.chart for r in reversed(parts) if r.chart), ()),
        link=next((r.link for r in reversed(parts) if r.link), None),
    )
