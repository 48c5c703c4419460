"""The safety conversation's state in slots: a yes/no red-flag question waiting for its answer, and
whether emergency advice was given and not yet cleared (a later stretch asks once first)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.routine_state import leave_routine

QUESTION_SLOT = "safety_question"
EMERGENCY_SLOT = "emergency_advised"
PENDING_STRETCH_SLOT = "pending_stretch"
RED_FLAG_QUESTION = "red_flag"
ALL_STRETCHES = "all"
"""``pending_stretch`` value for a "do all three" session waiting on the question."""
# ``pending_stretch`` without a question pending is a stretch just offered ("would you like to try
# it?"): a yes starts it.


def question_pending(tracker: Tracker) -> bool:
    return bool(tracker.get_slot(QUESTION_SLOT) == RED_FLAG_QUESTION)


def emergency_advised(tracker: Tracker) -> bool:
    return tracker.get_slot(EMERGENCY_SLOT) is True


def pending_stretch(tracker: Tracker) -> str | None:
    value = tracker.get_slot(PENDING_STRETCH_SLOT)
    return value if isinstance(value, str) else None


def after_emergency_advice() -> list[dict[str, Any]]:
    """The routine ends and the advice stands until the person says none of the symptoms apply."""
    return [*leave_routine(), SlotSet(EMERGENCY_SLOT, True), *question_answered()]


def question_asked(pending: str | None = None) -> list[dict[str, Any]]:
    return [SlotSet(QUESTION_SLOT, RED_FLAG_QUESTION), SlotSet(PENDING_STRETCH_SLOT, pending)]


def offered(stretch_id: str) -> list[dict[str, Any]]:
    return [SlotSet(PENDING_STRETCH_SLOT, stretch_id)]


def question_answered() -> list[dict[str, Any]]:
    return [SlotSet(QUESTION_SLOT, None), SlotSet(PENDING_STRETCH_SLOT, None)]


def all_clear() -> list[dict[str, Any]]:
    """None of the symptoms apply: the question and any earlier emergency advice are settled."""
    return [SlotSet(EMERGENCY_SLOT, None), *question_answered()]
