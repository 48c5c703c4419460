"""The safety conversation's state in slots: a yes/no red-flag question (the triage's, or the screen
before exercise) waiting for its answer, whether emergency advice was given and not yet cleared, and
when the person last answered the screen with a clear "no" (a later stretch asks the screen again when
that is unset or too old)."""

from __future__ import annotations

import time
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.routine_state import leave_routine

QUESTION_SLOT = "safety_question"
EMERGENCY_SLOT = "emergency_advised"
ADVISED_AT_SLOT = "emergency_advised_at"
LEARNED_SLOT = "emergency_learned"
PENDING_STRETCH_SLOT = "pending_stretch"
SCREENED_SLOT = "screened_at"
"""Seconds since the epoch of the last clear "no" to the screen; unset after any red-flag mention."""
RED_FLAG_QUESTION = "red_flag"
SCREEN_QUESTION = "screen"
"""``safety_question`` while the screen before exercise waits for its answer (``pending_stretch`` waits)."""
ALL_STRETCHES = "all"
"""``pending_stretch`` value for a "do all three" session waiting on the question."""
# ``pending_stretch`` without a question pending is a stretch just offered ("would you like to try
# it?"): a yes starts it.


def question_pending(tracker: Tracker) -> bool:
    """Whether a yes/no red-flag question (the triage's or the screen) waits for its answer."""
    return tracker.get_slot(QUESTION_SLOT) in (RED_FLAG_QUESTION, SCREEN_QUESTION)


def screen_pending(tracker: Tracker) -> bool:
    return bool(tracker.get_slot(QUESTION_SLOT) == SCREEN_QUESTION)


def screened_at(tracker: Tracker) -> float | None:
    value = tracker.get_slot(SCREENED_SLOT)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def emergency_advised(tracker: Tracker) -> bool:
    return tracker.get_slot(EMERGENCY_SLOT) is True


SIDE_MARK = "@"
"""Between a waiting stretch's id and the side asked to come first ("lying_knee_twist@left")."""


def pending_stretch(tracker: Tracker) -> str | None:
    """The stretch waiting for the screen or offered (an id, or "all")."""
    value = tracker.get_slot(PENDING_STRETCH_SLOT)
    return value.partition(SIDE_MARK)[0] if isinstance(value, str) else None


def pending_first_side(tracker: Tracker) -> str | None:
    """The side asked to come first in the stretch waiting ("lets do the knee twist, left side first")."""
    value = tracker.get_slot(PENDING_STRETCH_SLOT)
    side = value.partition(SIDE_MARK)[2] if isinstance(value, str) else ""
    return side or None


def after_emergency_advice(*, learned_only: bool = False) -> list[dict[str, Any]]:
    """The routine ends and the advice stands (``pacing.after_emergency``) until the person says none of the
    symptoms apply, or has been seen, or ``ADVICE_STANDS`` has passed; when, and whether only the learned
    reader found it, are kept for that."""
    return [
        *leave_routine(),
        SlotSet(EMERGENCY_SLOT, True),
        SlotSet(ADVISED_AT_SLOT, time.time()),
        SlotSet(LEARNED_SLOT, learned_only or None),
        *question_answered(),
        *screen_expired(),
    ]


def advised_at(tracker: Tracker) -> float | None:
    value = tracker.get_slot(ADVISED_AT_SLOT)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def advice_was_learned(tracker: Tracker) -> bool:
    return tracker.get_slot(LEARNED_SLOT) is True


def question_asked(pending: str | None = None) -> list[dict[str, Any]]:
    """The triage's red-flag question: a red flag was mentioned, so the next stretch is screened again."""
    return [SlotSet(QUESTION_SLOT, RED_FLAG_QUESTION), SlotSet(PENDING_STRETCH_SLOT, pending), *screen_expired()]


def screen_asked(pending: str, first_side: str | None = None) -> list[dict[str, Any]]:
    """The screen before exercise: ``pending`` (a stretch id or "all") starts after a clear "no" (with
    ``first_side`` first, when the person asked for it)."""
    value = f"{pending}{SIDE_MARK}{first_side}" if first_side else pending
    return [SlotSet(QUESTION_SLOT, SCREEN_QUESTION), SlotSet(PENDING_STRETCH_SLOT, value), *screen_expired()]


def screened(now: float) -> list[dict[str, Any]]:
    """A clear "no" to the screen at ``now``: later stretches start without it until the interval ends."""
    return [SlotSet(SCREENED_SLOT, now)]


def screen_expired() -> list[dict[str, Any]]:
    return [SlotSet(SCREENED_SLOT, None)]


def offered(stretch_id: str, first_side: str | None = None) -> list[dict[str, Any]]:
    """``stretch_id`` (or "all") offered: a yes starts it (with ``first_side`` first, when the person asked)."""
    return [SlotSet(PENDING_STRETCH_SLOT, f"{stretch_id}{SIDE_MARK}{first_side}" if first_side else stretch_id)]


def offered_no_more() -> list[dict[str, Any]]:
    """The stretch offered is withdrawn (it still hurts): a later yes starts nothing."""
    return [SlotSet(PENDING_STRETCH_SLOT, None)]


def question_answered() -> list[dict[str, Any]]:
    return [SlotSet(QUESTION_SLOT, None), SlotSet(PENDING_STRETCH_SLOT, None)]


def all_clear() -> list[dict[str, Any]]:
    """None of the symptoms apply: the question and any earlier emergency advice are settled."""
    return [
        SlotSet(EMERGENCY_SLOT, None),
        SlotSet(ADVISED_AT_SLOT, None),
        SlotSet(LEARNED_SLOT, None),
        *question_answered(),
    ]
