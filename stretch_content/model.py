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
    A hold has either ``seconds`` (timed) or ``breaths`` (the article's "a few breaths", with
    ``breath_pause_seconds``: how long a speaker stays silent after each "breathe" cue).
    """

    kind: StepKind
    illustration: str
    text: str | None = None
    caution: str | None = None
    seconds: int | None = None
    breaths: str | None = None
    breath_pause_seconds: int | None = None
    """For a hold in breaths: the silence a speaker leaves after each of its two "breathe" cues."""


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


class Urgency(StrEnum):
    """What a current mention of a red flag by the speaker means on its own."""

    EMERGENCY = "emergency"
    ASK = "ask"


@dataclass(frozen=True)
class RedFlag:
    """A symptom that sends a person to emergency care, with where that rule comes from.

    ``terms``, ``vague_terms`` (a mention without the flag's clear signs: always ask) and
    ``urgent_with`` (makes an ``ask`` flag an emergency) are regular expressions over the message in
    lower case without apostrophes; the triage package decides whose, when and whether a mention counts.
    ``for_others``: a current mention of someone the writer is with ("my son took a handful of my
    pills") is an emergency of theirs too; with ``others_with``, only alongside one of those signs
    ("my dad fell down the stairs and can't move his legs", not "my mom fell last week").
    ``hedges`` False: "sometimes" or "a bit" never makes it an ask (thoughts of suicide, an overdose).
    ``history_counts``: a mention counts although it is long ago or over (a history of cancer with new
    back pain is the red flag: NICE NG59).
    ``kind_words``: words that say an emergency is of this kind when only the learned reader found it
    (it finds that something is wrong, not which resource fits: "took my pills twice" gets Poison Help).
    """

    id: str
    source: str
    alone: Urgency
    terms: tuple[str, ...]
    vague_terms: tuple[str, ...] = ()
    urgent_with: tuple[str, ...] = ()
    lay: str | None = None
    for_others: bool = False
    others_with: tuple[str, ...] = ()
    hedges: bool = True
    kind_words: tuple[str, ...] = ()
    history_counts: bool = False


def lay_list(items: tuple[str, ...]) -> str:
    """ "a, b, or c": how replies read a list of symptoms."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])}, or {items[-1]}"


@dataclass(frozen=True)
class Clinic:
    """Who the person should call, and the clinic's own words of caution."""

    name: str
    area: str
    phone: str
    consult: str
    stop_if_it_hurts: str
    booking_script: str
    emergency: str
    red_flag_list: tuple[RedFlag, ...] = ()

    @property
    def red_flags(self) -> str:
        """The red flags in lay words, in the content's order ("loss of bladder control ..., or chest pain")."""
        return lay_list(tuple(flag.lay for flag in self.red_flag_list if flag.lay))

    @property
    def red_flag_question(self) -> str:
        """The one yes/no question for a possible red flag; yes means emergency advice."""
        return f"Are you having any of these right now: {self.red_flags}?"

    def red_flag(self, flag_id: str) -> RedFlag:
        """The red flag with this id; KeyError for an unknown id."""
        for flag in self.red_flag_list:
            if flag.id == flag_id:
                return flag
        raise KeyError(flag_id)

    @property
    def phone_digits(self) -> str:
        """The phone number as bare digits, for ``tel:`` links and speech."""
        return "".join(ch for ch in self.phone if ch.isdigit())


@dataclass(frozen=True)
class EmergencyResource:
    """A number to call (or text) in an emergency, which red flags it is for, and where it comes from.

    ``spoken`` is the number as a voice should read it ("9 8 8", not "nine hundred eighty-eight");
    ``serves`` the red-flag ids it is for, empty when ``serves_all``.
    """

    id: str
    name: str
    number: str
    spoken: str
    contact: str
    source: str
    serves: tuple[str, ...] = ()
    serves_all: bool = False

    def is_for(self, flag_id: str) -> bool:
        return self.serves_all or flag_id in self.serves
