"""Where a pain stop left a person, kept in one slot, so "resume" can say what happened and take them
back there once it no longer hurts (the routine itself ends at the stop, as safety asks)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import triage_state
from actions.routine_state import CONTENT, Place, move_to
from pacing import Routine, coach_answers, safety_replies
from pacing.screen import Answer, read_answer, says_no

if TYPE_CHECKING:
    from actions.base import Turn

PAIN_STOP_SLOT = "pain_stop_place"
ASKED_SLOT = "pain_stop_asked"
ASKED_BY = "action_resume_routine"
"""The action that asks "does it still hurt?"; a yes or no right after it answers that question."""
_BOOKKEEPING = frozenset({"action_listen", "action_session_start"})


def remember(place: Place) -> list[dict[str, Any]]:
    """Set at a pain stop: the stretch and the turn where it hurt ("cat_cow:3"), with the side done first
    when the person chose it ("lying_knee_twist:left:4")."""
    side = f"{place.routine.first_side}:" if place.routine.first_side else ""
    return [SlotSet(PAIN_STOP_SLOT, f"{place.routine.stretch.id}:{side}{place.index}")]


def forget() -> list[dict[str, Any]]:
    return [SlotSet(PAIN_STOP_SLOT, None), SlotSet(ASKED_SLOT, None)]


def stopped_at(tracker: Tracker) -> Place | None:
    """The place of the last pain stop, or None (none, or a value that no longer fits the content)."""
    value = tracker.get_slot(PAIN_STOP_SLOT)
    if not isinstance(value, str) or ":" not in value:
        return None
    stretch_id, _, index = value.rpartition(":")
    stretch_id, _, first_side = stretch_id.partition(":")
    try:
        routine = Routine(CONTENT.stretch(stretch_id), first_side or None)
        place = Place(routine, int(index))
        place.moment  # noqa: B018 (raises IndexError outside the routine)
    except (KeyError, ValueError, IndexError):
        return None
    return place


def _user_turns(tracker: Tracker) -> int:
    return sum(1 for e in tracker.events if e.get("event") == "user")


def _asked_last_turn(tracker: Tracker) -> bool:
    """The turn before this message set the "asked" slot: its events lie between the last two messages.

    Read when the count of messages no longer matches because a Rasa session ended in between (a session
    ends after 40 events, server_tuning/session_length.py; the tracker sent then still holds the turn before)."""
    events = list(tracker.events)
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2:
        return False
    between = events[users[-2] + 1 : users[-1]]
    return any(e.get("event") == "slot" and e.get("name") == ASKED_SLOT and e.get("value") is not None for e in between)


def asking(tracker: Tracker) -> list[dict[str, Any]]:
    """Set when the coach asks "does it still hurt?" (by whichever action: "resume", "where was I", "next")."""
    return [SlotSet(ASKED_SLOT, float(_user_turns(tracker)))]


def asked_if_it_still_hurts(tracker: Tracker) -> bool:
    """True when the coach's last answer was "does it still hurt?" (so this yes or no answers it)."""
    if stopped_at(tracker) is None:
        return False
    asked = tracker.get_slot(ASKED_SLOT)
    if isinstance(asked, (int, float)) and not isinstance(asked, bool):
        return int(asked) == _user_turns(tracker) - 1 or _asked_last_turn(tracker)
    events = list(tracker.events)  # asked before this slot existed: the last action was "resume"
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    for event in reversed(events[:last_user]):
        if event.get("event") == "action" and event.get("name") not in _BOOKKEEPING:
            return bool(event.get("name") == ASKED_BY)
    return False


def answer(turn: Turn) -> bool:
    """The reply to "does it still hurt?", read whatever the NLU made of it (True: answered here): a no in any
    words ("no its fine it was just my knees on the floor") goes back to the step, a yes stops for good;
    anything else is answered as usual (the question then lapses)."""
    stopped = stopped_at(turn.tracker)
    if turn.place is not None or stopped is None or not asked_if_it_still_hurts(turn.tracker):
        return False
    reading = read_answer(turn.text)
    if reading is Answer.NO or (reading is Answer.UNCLEAR and says_no(turn.text)):
        no_longer_hurts(turn, stopped)
        return True
    if reading is Answer.YES:
        still_hurts(turn)
        return True
    return False


def no_longer_hurts(turn: Turn, stopped: Place) -> None:
    """ "No, it doesn't hurt now": the stretch asked for when the question came ("can i do the knee twist
    instead"), after the screen when due; else back to the step where it hurt."""
    turn.events.extend(forget())
    pending = triage_state.pending_stretch(turn.tracker)
    if pending is None:
        turn.say(coach_answers.back_after_pain(stopped.moment))
        turn.events.extend(move_to(stopped.routine, stopped.index, order=True))
        return
    from actions.routine_actions import start_pending  # routine_actions imports this module

    start_pending(turn, pending, hurt_asked=True)


def still_hurts(turn: Turn) -> None:
    """ "Yes, it still hurts": the pain advice, and nothing starts (a stretch asked for is no longer offered)."""
    turn.say(safety_replies.pain(turn.content, None))
    if triage_state.pending_stretch(turn.tracker) is not None:
        turn.events.extend(triage_state.offered_no_more())
