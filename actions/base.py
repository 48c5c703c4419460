"""What every coach action shares: safety triage first, the person's place, and channel-aware replies."""

from __future__ import annotations

import abc
import math
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ReminderScheduled
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import pain_memory, screen, triage_state
from actions.output import send, times_holds
from actions.routine_state import CONTENT, Place, current_place, leave_routine
from pacing import Reply, safety_replies
from pacing.language import emergency_in_spanish, is_foreign
from stretch_content import Content
from triage import Assessment, Level, assess, spanish

HOLD_TIMER = "hold_timer"
"""Prefix of the release timer's name; the name ends with the conversation id (``hold_timer_name``)."""
HOLD_OVER_INTENT = "EXTERNAL_hold_over"


ANSWERED_DESPITE_PAIN = frozenset(
    {
        "request_stretch",
        "list_stretches",
        "do_all_stretches",
        "book_appointment",
        "ask_clinic_details",
        "ask_benefits",
        "ask_capabilities",
        "ask_medication",
        "ask_suitability",
        "ask_modification",
        "ask_session_time",
        "leave_message",
        "bot_challenge",
        "EXTERNAL_hold_over",
    }
)
"""Requests outside a routine answered as asked even when they mention pain: the person asked for that
answer (a stretch starts only on request, after the notice that says to stop if anything hurts; the
suitability answer says so too: "I'm 20 weeks pregnant and my back hurts a bit, which stretch is good?")."""


@dataclass
class Turn:
    """One action run: what it knows and what it has said and done so far."""

    dispatcher: CollectingDispatcher
    tracker: Tracker
    place: Place | None
    content: Content = CONTENT
    events: list[dict[str, Any]] = field(default_factory=list)
    keeps_hold: bool = False
    """Set by answers that leave the person in the hold ("where was I?"): a hold they show runs on."""

    @property
    def text(self) -> str:
        return str(self.tracker.latest_message.get("text") or "")

    @cached_property
    def assessment(self) -> Assessment:
        """The triage of this turn's message (read once per turn)."""
        return assess(self.text)

    @property
    def pain_is_the_message(self) -> bool:
        """Pain now with no routine running, and no request beside it the person would want answered.

        "My back is killing me" gets a reply about the pain whatever the NLU made of it (a fallback
        answered "didn't understand"); "which stretch helps when my back hurts" or a yes to a stretch
        just offered is still answered as asked.
        """
        if self.place is not None or self.intent in ANSWERED_DESPITE_PAIN:
            return False
        return not (self.intent == "affirm" and triage_state.pending_stretch(self.tracker))

    @property
    def intent(self) -> str:
        return str((self.tracker.latest_message.get("intent") or {}).get("name") or "")

    @property
    def timed(self) -> bool:
        """Whether the server times holds on this channel (the web page); a speaker times them itself."""
        return times_holds(self.tracker)

    @cached_property
    def running_hold(self) -> datetime | None:
        """When the hold already running is due to be released (None if none is), read once per turn."""
        due = hold_timer_due(self.tracker)
        return due if due is not None and due > datetime.now() else None

    def say(self, reply: Reply) -> None:
        """Send a reply; a timed hold on the web also starts the release timer."""
        seconds = reply.hold_seconds
        if seconds and self.timed:
            due = self.running_hold if self.keeps_hold else None
            if due is not None:
                # The hold already running: the page counts down what is left (keep_hold_timer re-arms it).
                left = math.ceil((due - datetime.now()).total_seconds())
                reply = replace(reply, hold_seconds=max(1, left))
            else:
                self._release_at(datetime.now() + timedelta(seconds=seconds))
        send(self.dispatcher, self.tracker, reply)

    def keep_hold_timer(self) -> None:
        """Re-arm the release timer for the time left, after a question that leaves the person in the hold.

        Rasa kills the timer on any message (``kill_on_user_message``: "stop", pain, "next" must end it),
        so an answer that keeps the person holding schedules the same release again, at the same time.
        """
        if not self.timed or self.place is None or not self.place.moment.step.seconds:
            return
        if self.running_hold is not None:
            self._release_at(self.running_hold)

    def _release_at(self, when: datetime) -> None:
        self.events.append(
            ReminderScheduled(
                HOLD_OVER_INTENT,
                trigger_date_time=when,
                name=hold_timer_name(self.tracker.sender_id),
                kill_on_user_message=True,
            )
        )


def hold_timer_name(sender_id: str) -> str:
    """The release timer's name, one per conversation.

    Rasa 3.6 schedules a reminder as a job whose id is the reminder's *name* alone
    (``MessageProcessor._schedule_reminders``: ``id=e.name, replace_existing=True``), in one scheduler
    for the whole server: a fixed name made each new hold anywhere replace the pending release of every
    other conversation, so of two people holding at once only the later one was told to release.
    """
    return f"{HOLD_TIMER}_{sender_id}"


def hold_timer_due(tracker: Tracker) -> datetime | None:
    """When the conversation's latest release timer is due, if one was set and has not fired yet."""
    name = hold_timer_name(tracker.sender_id)
    for event in reversed(tracker.events):
        if event.get("event") == "user" and (event.get("parse_data") or {}).get("intent", {}).get("name") == (
            HOLD_OVER_INTENT
        ):
            return None
        if event.get("event") == "reminder" and event.get("name") == name:
            try:
                due = datetime.fromisoformat(str(event.get("date_time")))
            except ValueError:
                return None
            return due.astimezone().replace(tzinfo=None) if due.tzinfo else due  # local, as datetime.now()
    return None


class CoachAction(Action, abc.ABC):
    """Base of every coach action; abstract, so the action server does not register it.

    Safety comes before the predicted intent: the triage (``triage.assess``) reads every message, and
    an emergency, a possible red flag, or pain during a routine is answered whatever the NLU made of
    it. The answer to a red-flag question (the triage's or the screen before exercise) is read from its
    words whatever the intent (``actions/screen.py``): only a clear yes or no settles it. "Would you like
    to try it?" is dropped when the person answers something else.
    """

    @abc.abstractmethod
    def name(self) -> str: ...

    @abc.abstractmethod
    def respond(self, turn: Turn) -> None:
        """Say what fits and append slot events to ``turn.events``."""

    answers_question = False
    """True for the actions that take a yes/no answer to the red-flag question."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        turn = Turn(dispatcher, tracker, current_place(tracker))
        level = turn.assessment.level
        if level is Level.EMERGENCY:
            assessment = turn.assessment
            turn.say(safety_replies.emergency_for(turn.content, assessment.flags, about_other=assessment.about_other))
            return triage_state.after_emergency_advice()
        if spanish.red_flag(turn.text):  # "no puedo controlar la orina": the advice in Spanish and English
            turn.say(emergency_in_spanish(turn.content.clinic))
            return triage_state.after_emergency_advice()
        if is_foreign(turn.text):
            turn.say(safety_replies.english_only(turn.content.clinic))
            return []
        if screen.call_starts(turn):
            turn.events.extend(screen.call_started())
        answering = not screen.call_starts(turn) and screen.takes_answer(turn)
        if level is Level.ASK and not answering:  # "yes, sometimes my foot tingles" answers the question
            turn.say(safety_replies.red_flag_question(turn.content.clinic))
            return triage_state.question_asked()
        if level is Level.PAIN and turn.place is not None:
            turn.say(safety_replies.pain(turn.content, turn.place.moment))
            return [*leave_routine(), *pain_memory.remember(turn.place)]
        if answering:  # every answer is read, whatever the NLU made of it ("actually both legs")
            screen.answer(turn)
            return turn.events
        if level is Level.PAIN and turn.pain_is_the_message:
            turn.say(safety_replies.pain(turn.content, None))
            return triage_state.question_answered() if triage_state.question_pending(tracker) else []
        if not self.answers_question and (
            triage_state.question_pending(tracker) or triage_state.pending_stretch(tracker)
        ):
            turn.events.extend(triage_state.question_answered())
        self.respond(turn)
        return turn.events
