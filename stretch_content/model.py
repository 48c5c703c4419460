"""Typed shapes of the clinic's content, so every reader gets checked fields instead of dict lookups."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StepKind(StrEnum):
    """What a step asks of the person; the pacing core renders each kind differently."""

    INSTRUCTION = "instruction"
    HOLD = "hold"
    VARIATION = "variation"


@dataclass(frozen=True)
class Step:
    """One thing to do, as the article words it.

    ``text`` and ``illustration`` may contain ``{side}`` / ``{other_side}`` for two-sided stretches.
    A hold has either ``seconds`` (timed) or ``breaths`` (the article's "a few breaths").
    """

    kind: StepKind
    illustration: str
    text: str | None = None
    caution: str | None = None
    seconds: int | None = None
    breaths: str | None = None


@dataclass(frozen=True)
class Repetitions:
    """How many rounds of the cycle the article asks for ("three times", "five to ten times")."""

    min: int
    max: int


@dataclass(frozen=True)
class Stretch:
    """A stretch: setup once, then ``cycle`` repeated per side and round, then closing words."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    targets: str
    sides: tuple[str, ...]
    repetitions: Repetitions
    setup: tuple[Step, ...]
    cycle: tuple[Step, ...]
    closing: tuple[Step, ...]
    said_alone: tuple[str, ...] = ()
    """Everyday words that name the stretch only as a whole message ("cat"), never inside one ("my cat")."""

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step as written, once each (not expanded into rounds)."""
        return self.setup + self.cycle + self.closing


@dataclass(frozen=True)
class Clinic:
    """Who the person should call, and the clinic's own words of caution."""

    name: str
    area: str
    phone: str
    consult: str
    stop_if_it_hurts: str
    booking_script: str
    red_flags: str
    emergency: str

    @property
    def red_flag_question(self) -> str:
        """The one yes/no question asked about a possible red flag."""
        return f"Are you having any of these right now: {self.red_flags}?"

    @property
    def phone_digits(self) -> str:
        """The phone number as bare digits, for ``tel:`` links and speech."""
        return "".join(ch for ch in self.phone if ch.isdigit())
