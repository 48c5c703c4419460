"""What every coach action shares: the red-flag screen, the person's place, and channel-aware replies."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ReminderScheduled
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.output import send
from actions.routine_state import CONTENT, Place, current_place, leave_routine
from pacing import Reply, replies
from stretch_content import Content
from triage import Level, assess

HOLD_TIMER = "hold_timer"
HOLD_OVER_INTENT = "EXTERNAL_hold_over"
TIMED_HOLD_CHANNELS = frozenset({"socketio"})
"""Channels where the server tells the person when a hold is over (a speaker times holds itself)."""


@dataclass
class Turn:
    """One action run: what it knows and what it has said and done so far."""

    dispatcher: CollectingDispatcher
    tracker: Tracker
    place: Place | None
    content: Content = CONTENT
    events: list[dict[str, Any]] = field(default_factory=list)

    def say(self, reply: Reply) -> None:
        """Send a reply; a timed hold on the web also starts the release timer."""
        send(self.dispatcher, self.tracker, reply)
        if reply.hold_seconds and self.tracker.get_latest_input_channel() in TIMED_HOLD_CHANNELS:
            self.events.append(
                ReminderScheduled(
                    HOLD_OVER_INTENT,
                    trigger_date_time=datetime.now() + timedelta(seconds=reply.hold_seconds),
                    name=HOLD_TIMER,
                    kill_on_user_message=True,
                )
            )


class CoachAction(Action, abc.ABC):
    """Base of every coach action; abstract, so the action server does not register it.

    Safety comes before the predicted intent: triage (triage.assess) decides from the text whether it
    is an emergency, a possible red flag, or pain during a routine, whatever the NLU made of it.
    """

    @abc.abstractmethod
    def name(self) -> str: ...

    @abc.abstractmethod
    def respond(self, turn: Turn) -> None:
        """Say what fits and append slot events to ``turn.events``."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        turn = Turn(dispatcher, tracker, current_place(tracker))
        safety = assess(tracker.latest_message.get("text") or "")
        if safety.level is Level.EMERGENCY:
            turn.say(replies.emergency(turn.content.clinic))
            return leave_routine()
        if safety.level is Level.ASK:  # interim until the yes/no red-flag question lands (issue 9)
            turn.say(replies.possible_emergency(turn.content))
            return leave_routine()
        if turn.place is not None and safety.level is Level.PAIN:
            turn.say(replies.pain(turn.content, turn.place.moment))
            return leave_routine()
        self.respond(turn)
        return turn.events
