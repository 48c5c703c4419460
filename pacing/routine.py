"""Where a person is in a stretch and where each move takes them: the routine as a flat list of turns."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from stretch_content import Step, StepKind, Stretch

Phase = Literal["setup", "cycle", "closing"]


@dataclass(frozen=True)
class Moment:
    """One turn of a routine: a step of the article, placed on a side and in a round."""

    stretch: Stretch
    step: Step
    index: int
    total: int
    phase: Phase = "setup"
    side: str | None = None
    other_side: str | None = None
    round: int | None = None
    starts_side: bool = False
    starts_round: bool = False
    optional: bool = False
    written: int = 1
    """The step's place in the stretch as written (1-based), the same in every round and on each side."""
    first_side: str | None = None
    """The side this person's routine does first, when it is not the content's first ("left side first")."""

    @property
    def number(self) -> int:
        """1-based position among all the routine's turns."""
        return self.index + 1

    def _fill(self, template: str | None) -> str | None:
        if template is None:
            return None
        return template.format(side=self.side or "", other_side=self.other_side or "")

    @property
    def text(self) -> str | None:
        return self._fill(self.step.text)

    @property
    def caution(self) -> str | None:
        return self._fill(self.step.caution)

    @property
    def illustration(self) -> str:
        return self._fill(self.step.illustration) or ""

    @property
    def is_hold(self) -> bool:
        return self.step.kind is StepKind.HOLD


def side_order(stretch: Stretch, first_side: str | None = None) -> tuple[str, ...]:
    """The stretch's sides in the order they are done: the content's, or ``first_side`` first."""
    if first_side is None or first_side not in stretch.sides:
        return stretch.sides
    return (first_side, *(s for s in stretch.sides if s != first_side))


def _first_side(stretch: Stretch, first_side: str | None) -> str | None:
    """``first_side`` when it changes the content's order, else None (one spelling per order)."""
    order = side_order(stretch, first_side)
    return order[0] if order != stretch.sides else None


@cache
def plan(stretch: Stretch, first_side: str | None = None) -> tuple[Moment, ...]:
    """Expand setup, cycle (per side, per round up to the article's maximum) and closing into turns.

    The sides come in the content's order unless ``first_side`` names the other one: then that side's
    rounds come first and the content's first side follows, so both are always done."""
    first_side = _first_side(stretch, first_side)
    turns: list[Moment] = [
        Moment(stretch, step, 0, 0, phase="setup", written=i + 1, first_side=first_side)
        for i, step in enumerate(stretch.setup)
    ]
    first_cycle, first_closing = len(stretch.setup) + 1, len(stretch.setup) + len(stretch.cycle) + 1
    sides: tuple[str | None, ...] = side_order(stretch, first_side) or (None,)
    for side_no, side in enumerate(sides):
        other = sides[1 - side_no] if len(sides) == 2 else None
        for round_no in range(1, stretch.repetitions.max + 1):
            for step_no, step in enumerate(stretch.cycle):
                turns.append(
                    Moment(
                        stretch,
                        step,
                        0,
                        0,
                        phase="cycle",
                        side=side,
                        other_side=other,
                        round=round_no,
                        starts_side=step_no == 0 and round_no == 1 and side is not None,
                        starts_round=step_no == 0,
                        optional=round_no > stretch.repetitions.min,
                        written=first_cycle + step_no,
                        first_side=first_side,
                    )
                )
    for i, step in enumerate(stretch.closing):
        turns.append(Moment(stretch, step, 0, 0, phase="closing", written=first_closing + i, first_side=first_side))
    return tuple(replace(turn, index=i, total=len(turns)) for i, turn in enumerate(turns))


@dataclass(frozen=True)
class Routine:
    """Navigation over a stretch's turns; positions are plain ints so they fit in a Rasa slot."""

    stretch: Stretch
    first_side: str | None = None
    """The side done first when the person chose it ("can i do the left side first"); None: the content's order."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "first_side", _first_side(self.stretch, self.first_side))

    @classmethod
    def of(cls, moment: Moment) -> Routine:
        """The routine a turn belongs to, in its side order."""
        return cls(moment.stretch, moment.first_side)

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides in the order this routine does them."""
        return side_order(self.stretch, self.first_side)

    def starting_with(self, side: str) -> Routine:
        """The same stretch with ``side`` done first (and the other side after it)."""
        return Routine(self.stretch, side)

    @property
    def moments(self) -> tuple[Moment, ...]:
        return plan(self.stretch, self.first_side)

    @property
    def total(self) -> int:
        return len(self.moments)

    @property
    def required_total(self) -> int:
        """Steps without the optional rounds (Cat/Cow's sixth to tenth): what the routine takes."""
        return sum(not m.optional for m in self.moments)

    def at(self, index: int) -> Moment:
        """The turn at ``index``; IndexError outside the routine."""
        if not 0 <= index < self.total:
            raise IndexError(f"{self.stretch.id} has no step {index}")
        return self.moments[index]

    def after(self, index: int) -> int | None:
        """The next position, or None when ``index`` was the last turn (the routine is complete)."""
        return index + 1 if index + 1 < self.total else None

    def before(self, index: int) -> int | None:
        """The previous position, or None at the first turn."""
        return index - 1 if index > 0 else None

    def can_finish_early(self, index: int) -> bool:
        """True once every round the article requires is behind the person or at its last step
        (cat/cow from the end of round five): "that's enough" then finishes rather than stops."""
        moment = self.at(index)
        if moment.optional or moment.phase == "closing":
            return True
        following = self.after(index)
        if following is None:
            return True
        return self.at(following).optional or self.at(following).phase == "closing"

    def closing_from(self, index: int) -> tuple[Moment, ...]:
        """Closing turns not yet said at ``index``: said when someone finishes early."""
        return tuple(m for m in self.moments[index:] if m.phase == "closing")

    def next_hold(self, index: int) -> Moment | None:
        """The current turn if it is a hold, else the next hold ahead."""
        return next((m for m in self.moments[index:] if m.is_hold), None)
