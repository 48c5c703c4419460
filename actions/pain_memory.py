"""Where a pain stop left a person, kept in one slot, so "resume" can say what happened and take them
back there once it no longer hurts (the routine itself ends at the stop, as safety asks)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.routine_state import CONTENT, Place
from pacing import Routine

PAIN_STOP_SLOT = "pain_stop_place"
ASKED_BY = "action_resume_routine"
"""The action that asks "does it still hurt?"; a yes or no right after it answers that question."""
_BOOKKEEPING = frozenset({"action_listen", "action_session_start"})


def remember(place: Place) -> list[dict[str, Any]]:
    """Set at a pain stop: the stretch and the turn where it hurt."""
    return [SlotSet(PAIN_STOP_SLOT, f"{place.routine.stretch.id}:{place.index}")]


def forget() -> list[dict[str, Any]]:
    return [SlotSet(PAIN_STOP_SLOT, None)]


def stopped_at(tracker: Tracker) -> Place | None:
    """The place of the last pain stop, or None (none, or a value that no longer fits the content)."""
    value = tracker.get_slot(PAIN_STOP_SLOT)
    if not isinstance(value, str) or ":" not in value:
        return None
    stretch_id, _, index = value.rpartition(":")
    try:
        routine = Routine(CONTENT.stretch(stretch_id))
        place = Place(routine, int(index))
        place.moment  # noqa: B018 (raises IndexError outside the routine)
    except (KeyError, ValueError, IndexError):
        return None
    return place


def asked_if_it_still_hurts(tracker: Tracker) -> bool:
    """True when the coach's last answer was "does it still hurt?" (so this yes or no answers it)."""
    if stopped_at(tracker) is None:
        return False
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    for event in reversed(events[:last_user]):
        if event.get("event") == "action" and event.get("name") not in _BOOKKEEPING:
            return bool(event.get("name") == ASKED_BY)
    return False
