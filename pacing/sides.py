"""Moving to a side of a two-sided stretch: "skip to left", "no wait, i want the left side", "when left side?",
"can i do the left side first".

People doing the Lying Knee Twist name the side they want, in passing or as a question. A side named as
a request moves to that side's first round (their choice, like skipping); a side asked for first changes
the routine's side order, so that side is done first and the other one after it (both sides are done);
a side named in a question is answered with when it comes. None leaves the stretch.
"""

from __future__ import annotations

import re

from pacing.reply import Reply, join
from pacing.routine import Moment, Routine
from pacing.steps import STEP_REPROMPT, rounds_phrase, routine_choices, show_step

_OTHER = re.compile(
    r"\b(other|opposite) (side|one|leg|knee)\b|\bswitch(ing)? (sides|legs|over)\b|\bswap (sides|legs)\b"
)
_SIDE_AFTER = re.compile(r"\b(left|right)\b(?= ?(side|leg|knee|one|now|please|pls|plz|first|instead|then)\b|[?!.]*$)")
_SIDE_BEFORE = re.compile(
    r"\b(to|the|my|on|do|for|with|start|go|try|want|wanna|onto|at) (left|right)\b"
    r"(?! (now|away|here|there|after|before)\b)"
)
_NOT_A_SIDE = re.compile(
    r"\b(all right|alright|right now|right away|right here|right there|that'?s right|you'?re right|left ?overs?|"
    r"(how|much|many|anything|nothing|steps?|rounds?|reps?|time|more|any) (are |is )?left|i left|left it|"
    r"(is|are|s) left\b)"
)
_QUESTION = re.compile(
    r"^\s*(so |and |ok |okay |um+ )?(when|is|are|which|how|will|do we|does|what time|whens|when's|are we)\b|\bwhen\b",
    re.IGNORECASE,
)


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def named_side(text: str, moment: Moment) -> str | None:
    """The side of ``moment``'s stretch the message names ("left", "the other side"), or None.

    "right now", "alright", "how many are left" name no side; a stretch done on no side has none.
    """
    sides = moment.stretch.sides
    if len(sides) != 2:
        return None
    low = _NOT_A_SIDE.sub(" ", _plain(text))
    if _OTHER.search(low):
        current = moment.side or sides[0]
        return sides[1] if current == sides[0] else sides[0]
    found = _SIDE_AFTER.search(low) or _SIDE_BEFORE.search(low)
    if found is None:
        return None
    word = found.group(1) if found.re is _SIDE_AFTER else found.group(2)
    return word if word in sides else None


def asks_when(text: str) -> bool:
    """ "when left side", "is it the left now?": a question about a side, not a request to move to it."""
    low = _plain(text)
    if re.search(
        r"\b(can|could|may|shall) (we|i)\b|\b(let'?s|lets|i want|i wanna|i'?d like|skip|jump|go to|switch)\b", low
    ):
        return False
    return bool(_QUESTION.search(low))


_FIRST = re.compile(
    r"\b(first|1st|firstly|start(ing)? (with|on)|begin(ning)? (with|on)|before (the |my )?(right|left|other))\b"
)


def wants_first(text: str) -> bool:
    """ "can i do the left side first", "start with my left", "left before right": the side is to come first."""
    return bool(_FIRST.search(_NOT_A_SIDE.sub(" ", _plain(text))))


def first_of_side(routine: Routine, side: str) -> int | None:
    """Where ``side`` starts in the routine (its first round's first step), or None if it has no such side."""
    return next((m.index for m in routine.moments if m.side == side and m.starts_side), None)


def moved(moment: Moment) -> Reply:
    """The first step of the side just asked for."""
    lead = Reply.plain(f"Okay, over to your {moment.side} side.")
    return join(lead, show_step(moment))


def same_place(before: Routine, index: int, after: Routine) -> int:
    """Where the turn at ``index`` of ``before`` is in ``after`` (the same stretch in another side order).

    In the setup, the same step; on the side now done first, the same round and step; on the other side,
    the first step of the side now done first (the one asked for)."""
    moment = before.at(index)
    if moment.side is None:
        return index if moment.phase == "setup" else after.total - (before.total - index)
    first = after.sides[0]
    start = first_of_side(after, first)
    assert start is not None
    if moment.side == first:
        was = first_of_side(before, first)
        assert was is not None
        return start + index - was
    return start


def side_first(routine: Routine, moment: Moment) -> Reply:
    """The side asked for first, in the routine's new order: the step to do now, and that the other side follows.

    ``moment`` is the turn shown now (in the setup, the same step again; else that side's first step)."""
    first, *rest = routine.sides
    then = f", then your {' and '.join(rest)} side" if rest else ""
    lead = Reply.plain(f"Okay, your {first} side first{then}.")
    return join(lead, show_step(moment))


def already_there(moment: Moment) -> Reply:
    """A request for the side the person is already on: where they are, nothing moves."""
    assert moment.round is not None
    text = (
        f"You're already on your {moment.side} side, {rounds_phrase(moment.round, moment.stretch.repetitions)}. "
        f'Say "next" to carry on, or "repeat" to hear the step again.'
    )
    return Reply.plain(text, choices=routine_choices(moment), reprompt=STEP_REPROMPT)


def when_side(routine: Routine, moment: Moment, side: str) -> Reply:
    """ "When do we do the left?": when that side comes, counted in steps, and how to go there now."""
    start = first_of_side(routine, side)
    assert start is not None
    if moment.side == side:
        return already_there(moment)
    if start > moment.index:
        reps = moment.stretch.repetitions
        count = start - moment.index
        before = f"the {reps.max} rounds on your {moment.side} side" if moment.side else "the first side"
        text = (
            f"Your {side} side comes after {before}: {count} more step{'s' if count > 1 else ''} from here. "
            f'Say "{side} side" if you\'d like to move to it now.'
        )
    else:
        text = f"You've already done your {side} side. Say \"{side} side\" if you'd like to do it again."
    return Reply.plain(text, choices=routine_choices(moment), reprompt=STEP_REPROMPT)
