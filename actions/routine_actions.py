"""Starting a stretch and moving through it: each action maps one request onto the pacing core."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet

from actions.base import CoachAction, Turn
from actions.routine_state import NOTICE_SLOT, Place, leave_routine, move_to
from pacing import Routine, replies
from pacing.reply import Reply, join, say
from stretch_content import Content, Stretch

STRETCH_ENTITY = "stretch"
ACTION_SESSION_START = "action_session_start"


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


def new_session() -> list[dict[str, Any]]:
    """Each routine starts a new Rasa session (slots carried over, history kept in the store).

    Rasa loads, replays and sends to this server every event of the current session on each turn,
    so without this a turn gets slower the longer a conversation runs (bench/turn_latency.py).
    """
    return [FollowupAction(ACTION_SESSION_START)]


def _show(turn: Turn, place: Place, lead: Reply | None = None) -> None:
    step = replies.step(place.moment)
    turn.say(join(lead, step) if lead else step)
    turn.events.extend(move_to(place.routine, place.index))


def _without_routine(turn: Turn) -> bool:
    """True (after saying so) when there is no routine to move through."""
    if turn.place is None:
        turn.say(replies.no_routine(turn.content))
        turn.events.extend(leave_routine())
        return True
    return False


class ActionStartStretch(CoachAction):
    def name(self) -> str:
        return "action_start_stretch"

    def respond(self, turn: Turn) -> None:
        stretch = requested_stretch(turn.content, turn.tracker)
        if stretch is None:
            unknown = replies.unknown_stretch(turn.content)
            turn.say(join(unknown, replies.keep_place(turn.place.moment)) if turn.place else unknown)
            return
        routine = Routine(stretch)
        with_notice = not turn.tracker.get_slot(NOTICE_SLOT)
        turn.say(replies.start(turn.content, routine, with_notice=with_notice))
        turn.events.extend([*move_to(routine, 0), SlotSet(NOTICE_SLOT, True), *new_session()])


class ActionNextStep(CoachAction):
    def name(self) -> str:
        return "action_next_step"

    def respond(self, turn: Turn) -> None:
        if _without_routine(turn):
            return
        assert turn.place is not None
        routine, index = turn.place.routine, turn.place.index
        following = routine.after(index)
        if following is None:
            turn.say(replies.finished(turn.content, routine))
            turn.events.extend(leave_routine())
            return
        _show(turn, Place(routine, following))


class ActionRepeatStep(CoachAction):
    def name(self) -> str:
        return "action_repeat_step"

    def respond(self, turn: Turn) -> None:
        if not _without_routine(turn):
            assert turn.place is not None
            _show(turn, turn.place)


class ActionResumeRoutine(ActionRepeatStep):
    def name(self) -> str:
        return "action_resume_routine"


class ActionPreviousStep(CoachAction):
    def name(self) -> str:
        return "action_previous_step"

    def respond(self, turn: Turn) -> None:
        if _without_routine(turn):
            return
        assert turn.place is not None
        earlier = turn.place.routine.before(turn.place.index)
        if earlier is None:
            note = "This is the first step, so here it is again."
            _show(turn, turn.place, Reply(text=note, ssml=say(note)))
        else:
            _show(turn, Place(turn.place.routine, earlier))


class ActionRestartRoutine(CoachAction):
    def name(self) -> str:
        return "action_restart_routine"

    def respond(self, turn: Turn) -> None:
        if _without_routine(turn):
            return
        assert turn.place is not None
        note = f"Starting the {turn.place.routine.stretch.name} over from the first step."
        _show(turn, Place(turn.place.routine, 0), Reply(text=note, ssml=say(note)))


class ActionStopRoutine(CoachAction):
    """Stop, or "finish" once the article's minimum rounds are done (which counts as completing it)."""

    def name(self) -> str:
        return "action_stop_routine"

    def respond(self, turn: Turn) -> None:
        if _without_routine(turn):
            return
        assert turn.place is not None
        routine, index = turn.place.routine, turn.place.index
        if routine.can_finish_early(index):
            turn.say(replies.finished(turn.content, routine, from_index=index))
        else:
            turn.say(replies.stopped(turn.content, turn.place.moment))
        turn.events.extend(leave_routine())


class ActionPauseRoutine(CoachAction):
    def name(self) -> str:
        return "action_pause_routine"

    def respond(self, turn: Turn) -> None:
        if not _without_routine(turn):
            assert turn.place is not None
            turn.say(replies.paused(turn.place.moment))


class ActionTellProgress(CoachAction):
    def name(self) -> str:
        return "action_tell_progress"

    def respond(self, turn: Turn) -> None:
        if not _without_routine(turn):
            assert turn.place is not None
            turn.say(replies.progress(turn.place.moment))


class ActionTellHoldDuration(CoachAction):
    def name(self) -> str:
        return "action_tell_hold_duration"

    def respond(self, turn: Turn) -> None:
        if not _without_routine(turn):
            assert turn.place is not None
            turn.say(replies.hold_answer(turn.place.routine, turn.place.index))


class ActionTellRepetitions(CoachAction):
    def name(self) -> str:
        return "action_tell_repetitions"

    def respond(self, turn: Turn) -> None:
        if not _without_routine(turn):
            assert turn.place is not None
            turn.say(replies.repetitions_answer(turn.place.moment))


class ActionHoldOver(CoachAction):
    """Fired by the web hold timer; silent if the person already moved past the hold."""

    def name(self) -> str:
        return "action_hold_over"

    def respond(self, turn: Turn) -> None:
        if turn.place is not None and turn.place.moment.step.seconds:
            turn.say(replies.hold_over())
