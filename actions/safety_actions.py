"""Safety first: pain stops a routine, red flags go to emergency care, the rest gets the consult message."""

from __future__ import annotations

from actions.base import CoachAction, Turn
from actions.routine_state import leave_routine
from pacing import replies
from triage import Level, assess


class ActionStopForPain(CoachAction):
    def name(self) -> str:
        return "action_stop_for_pain"

    def respond(self, turn: Turn) -> None:
        turn.say(replies.pain(turn.content, turn.place.moment if turn.place else None))
        turn.events.extend(leave_routine())


class ActionEmergency(CoachAction):
    """The NLU predicted a red flag that triage did not confirm (the base answers those first),
    so the advice is given conditionally: a false alarm must not read as a diagnosis."""

    def name(self) -> str:
        return "action_emergency"

    def respond(self, turn: Turn) -> None:
        turn.say(replies.possible_emergency(turn.content))
        turn.events.extend(leave_routine())


class ActionFallback(CoachAction):
    """Low confidence or out of scope. Keeps the routine's place, unless the words say it hurts."""

    def name(self) -> str:
        return "action_fallback"

    def respond(self, turn: Turn) -> None:
        if assess(turn.tracker.latest_message.get("text") or "").level is Level.PAIN:
            ActionStopForPain().respond(turn)
            return
        turn.say(replies.fallback(turn.content, turn.place.moment if turn.place else None))
