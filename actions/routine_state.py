"""Keeps a person's place in a routine in two slots, and reads it back defensively."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from pacing import Moment, Routine
from stretch_content import Content, Stretch, load_content

STRETCH_SLOT = "routine_stretch"
STEP_SLOT = "routine_step"
NOTICE_SLOT = "safety_notice_given"
QUEUE_SLOT = "routine_queue"
SIDE_SLOT = "routine_first_side"
"""The side done first when the person chose it ("can i do the left side first"); unset: the content's order."""

CONTENT: Content = load_content()
"""Loaded when the action server imports the actions, so broken content stops start-up, not a routine."""


@dataclass(frozen=True)
class Place:
    """Where a person is: a routine and a position in it."""

    routine: Routine
    index: int

    @property
    def moment(self) -> Moment:
        return self.routine.at(self.index)


def current_place(tracker: Tracker) -> Place | None:
    """The active routine, or None when there is none or the slots hold something unusable."""
    stretch_id = tracker.get_slot(STRETCH_SLOT)
    step = tracker.get_slot(STEP_SLOT)
    if not isinstance(stretch_id, str) or isinstance(step, bool) or not isinstance(step, (int, float)):
        return None
    first_side = tracker.get_slot(SIDE_SLOT)
    try:
        routine = Routine(CONTENT.stretch(stretch_id), first_side if isinstance(first_side, str) else None)
    except KeyError:
        return None
    index = int(step)
    if not 0 <= index < routine.total:
        return None
    return Place(routine, index)


def move_to(routine: Routine, index: int, *, order: bool = False) -> list[dict[str, Any]]:
    """The place; for a stretch done on two sides also its side order, so it is rebuilt the same next turn.

    The order is written where it may change: at a routine's first turn (a new start is in the content's
    order, whatever an earlier routine chose), whenever it is not the content's, and when ``order`` is asked
    for (a move that may go back to the content's order). Every other move keeps the slot as it is, so a
    step costs no extra event (Rasa ends a session after 40: server_tuning/session_length.py)."""
    place = [SlotSet(STRETCH_SLOT, routine.stretch.id), SlotSet(STEP_SLOT, float(index))]
    if routine.stretch.sides and (order or index == 0 or routine.first_side is not None):
        place.append(SlotSet(SIDE_SLOT, routine.first_side))
    return place


def leave_routine() -> list[dict[str, Any]]:
    """Out of the routine, and out of any "do all three" session it was part of (the side order is
    rewritten when the next routine starts: ``move_to``)."""
    return [SlotSet(STRETCH_SLOT, None), SlotSet(STEP_SLOT, None), SlotSet(QUEUE_SLOT, None)]


def queued(tracker: Tracker) -> list[Routine]:
    """The stretches still to come in a "do all three" session (unknown ids are dropped)."""
    ids = tracker.get_slot(QUEUE_SLOT)
    routines = []
    for stretch_id in ids if isinstance(ids, list) else []:
        try:
            routines.append(Routine(CONTENT.stretch(str(stretch_id))))
        except KeyError:
            continue
    return routines


def set_queue(routines: list[Routine] | None) -> list[dict[str, Any]]:
    """The stretches still to come; an empty list is the last stretch of a session, None no session."""
    return [SlotSet(QUEUE_SLOT, None if routines is None else [r.stretch.id for r in routines])]


def in_session(tracker: Tracker) -> bool:
    """Part of a "do all three" session (the queue slot holds a list, possibly empty)."""
    return isinstance(tracker.get_slot(QUEUE_SLOT), list)


STRETCH_ENTITY = "stretch"


def requested_stretch(content: Content, tracker: Tracker) -> Stretch | None:
    """The stretch the person named: a button's id, the NLU entity, or a name anywhere in the text."""
    for value in tracker.get_latest_entity_values(STRETCH_ENTITY):
        if isinstance(value, str):
            try:
                return content.stretch(value)
            except KeyError:
                if found := content.find_stretch(value):
                    return found
    return content.find_stretch(tracker.latest_message.get("text") or "")
