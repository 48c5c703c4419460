"""What every coach action shares: safety triage first, the person's place, and channel-aware replies."""

from __future__ import annotations

import abc
import math
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ReminderScheduled
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import holds
from actions import emergency_followup, pain_memory, progress_checkin, screen, triage_state
from actions.output import send, times_holds
from actions.routine_state import CONTENT, Place, current_place, leave_routine, requested_stretch
from pacing import (
    Reply,
    alternate,
    coach_answers,
    commands,
    form_answers,
    glossary,
    safety_replies,
    step_questions,
    suitability,
)
from pacing.language import emergency_in_spanish, is_foreign, is_spanish
from pacing.replies import way_forward
from pacing.routine import Moment
from stretch_content import Content, Stretch
from triage import Assessment, Level, assess, spanish

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
        holds.HOLD_OVER_INTENT,
    }
)
"""Requests outside a routine answered as asked even when they mention pain, when they ask for something
(``commands.asks_or_requests``): the person asked for that
answer (a stretch starts only on request, after the notice that says to stop if anything hurts; the
suitability answer says so too: "I'm 20 weeks pregnant and my back hurts a bit, which stretch is good?")."""


ALWAYS_ANSWERED = frozenset(
    {
        "book_appointment",
        "ask_clinic_details",
        "ask_medication",
        "bot_challenge",
        holds.HOLD_OVER_INTENT,
    }
)
"""Of those, the ones answered as asked even when nothing is asked in words ("back pain. appointment tuesday"):
their answers give the clinic's number, or the medication line a clinician wants said."""


ASKED_OF_THEIR_SURGEON = frozenset({"recent_procedure"})
"""Red flags whose answer is the guide's consult advice (ask the surgeon or doctor who did it), not the question."""

_LEAVES_A_MESSAGE = re.compile(
    r"\b(tell|let|pass (on|along)|message|call me|call back|callback|get back to me|reach me|my (number|phone|cell))\b",
    re.I,
)
"""A message or callback asked for in words: "my back hurts, please tell the doctor I called" (no one will call)."""

_INTRODUCES = re.compile(r"^\W*(hello|hi|hey|hiya|howdy|good (morning|afternoon|evening)|my name is|this is)\b", re.I)
"""A first message that introduces the person: its ache is the reason they came, answered with the welcome."""


TOLD_OF_A_STRETCH = frozenset({"request_stretch", "ask_modification", "do_all_stretches"})
"""Intents the NLU gives a message for the stretch it names: with pain in it and nothing asked
("tailbone is killing me on the floor for the twist"), the message is the pain."""


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
    then: commands.Command | None = None
    """A command said beside the answer to the 0-10 check-in ("3. next"), carried out after it."""
    medication_said: bool = False
    """The medication line was said first this turn ("7 tonite. so did u see my q about the aleve")."""

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
        if self.place is not None or commands.asks_for_stretches(self.text):
            return False
        if self.intent in TOLD_OF_A_STRETCH and not commands.asks_or_requests(self.text):
            return True  # "forward fold gives me a sharp twinge": pain told of a stretch, not a request for it
        if self.intent in ALWAYS_ANSWERED or (self.intent == "leave_message" and _LEAVES_A_MESSAGE.search(self.text)):
            return False
        if self.intent in ANSWERED_DESPITE_PAIN and (
            commands.asks_or_requests(self.text) or _INTRODUCES.search(self.text)
        ):
            return False  # asked, or "Hello, I'm Doris... my back aches in the mornings"; "that twist did me in": told
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
        hold = holds.running_hold(self.tracker.events, self.tracker.sender_id, answering=True)
        return hold.due if hold is not None and hold.due > datetime.now() else None

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
        send(self.dispatcher, reply)

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
                holds.HOLD_OVER_INTENT,
                trigger_date_time=when,
                name=holds.timer_name(self.tracker.sender_id),
                kill_on_user_message=True,
            )
        )


CATCH_ALL_INTENTS = frozenset(
    {"out_of_scope", "nlu_fallback", "ask_suitability", "ask_about_body", "ask_modification", "ask_medical_advice"}
)
"""Intents whose answer is general: a request said beside the rest of the message is answered instead."""
FALLBACK_INTENTS = frozenset({"out_of_scope", "nlu_fallback"})
"""Off-topic or not understood: a request for the stretches or for what fits in the time is read too."""


START_INTENTS = frozenset({"request_stretch", "do_all_stretches", "affirm"})


def asked_stretch(turn: Turn) -> Stretch | None:
    """The stretch a question is about: the one named, else the one in progress."""
    named = requested_stretch(turn.content, turn.tracker)
    return named or (turn.place.routine.stretch if turn.place is not None else None)


FORM_INTENTS = CATCH_ALL_INTENTS - {"ask_suitability"}
"""Intents a question about the current step's form was read as ("do my shoulders stay down?": off-topic)."""


def asks_about_form(turn: Turn) -> bool:
    """Mid-routine, a question about where a body part goes in the current step, which the NLU could not place
    (or read as a body or change question); a change the guide gives ("can i bend my knees?": its easier
    version) or the person's situation keeps its own answer."""
    if turn.place is None or turn.intent not in FORM_INTENTS or not form_answers.asks_about_form(turn.text):
        return False
    return not (suitability.Change.of(turn.text).in_the_guide or suitability.situations(turn.text))


def describes(turn: Turn) -> Stretch | None:
    """Outside a routine, a stretch someone asks to hear about before trying it ("Could you describe what the
    Forward Fold involves before I decide?"), whatever the NLU made of it; not with their situation in it
    ("with my bad hip, what does the twist involve?": that is a suitability question)."""
    if turn.place is not None or not coach_answers.asks_to_describe(turn.text) or suitability.situations(turn.text):
        return None
    if turn.intent in START_INTENTS and not coach_answers.asks_only_to_hear(turn.text):
        return None  # "how do I do a forward fold", "walk me through cat cow": a start
    return requested_stretch(turn.content, turn.tracker)


def step_question(turn: Turn, moment: Moment) -> Reply | None:
    """Mid-routine, a question about the step the NLU reads as something else (pain, a side, suitability, a hold),
    answered from the guide's words (``pacing/step_questions.py``); None when the message asks none of them.
    Called only when triage found no pain and no red flag."""
    text, content = turn.text, turn.content
    if step_questions.feels_stretch_not_pain(text):
        return step_questions.stretch_felt(content, moment)
    if step_questions.asks_about_noise(text):
        return step_questions.noise(content, moment, text)
    if step_questions.asks_how_to_come_up(text):
        return step_questions.coming_up(content, moment, text)
    if step_questions.asks_to_change_rounds(text):
        return step_questions.rounds(content, moment)
    if step_questions.asks_how_many_breaths(text) and (said := step_questions.breaths(content, moment)):
        return said
    if (sentence := step_questions.when_to(moment.stretch, text)) is not None:
        return step_questions.when(content, moment, sentence)
    return None


def answer_stretch_question(turn: Turn, stretch: Stretch | None) -> None:
    """A question about doing a stretch answers and keeps the place; outside a routine, a yes starts it."""
    moment = turn.place.moment if turn.place else None
    turn.say(suitability.answer_question(turn.content, turn.text, stretch, moment))
    offer(turn, stretch)


def offer(turn: Turn, stretch: Stretch | None) -> None:
    """Outside a routine, the stretch an answer was about stays offered: a yes starts it (after the screen)."""
    if turn.place is None and stretch is not None:
        turn.events.extend(triage_state.offered(stretch.id))


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
        if level is Level.EMERGENCY and not (turn.assessment.learned_only and screen.takes_answer(turn)):
            assessment = turn.assessment
            turn.say(safety_replies.emergency_for(turn.content, assessment.flags, about_other=assessment.about_other))
            advice = triage_state.after_emergency_advice(learned_only=assessment.learned_only)
            return [*advice, *progress_checkin.dropped(turn)]
        if spanish.red_flag(turn.text):  # "no puedo controlar la orina": the advice in Spanish and English
            lifeline = next((r.number for r in turn.content.resources_for(("suicidal",)) if not r.serves_all), None)
            said = emergency_in_spanish(turn.content.clinic, lifeline=lifeline if spanish.crisis(turn.text) else None)
            turn.say(said)
            return [*triage_state.after_emergency_advice(), *progress_checkin.dropped(turn)]
        # "like 5, me duele un poco": Spanish, whose red flags were read just above; in a language the coach
        # cannot read at all, the 911 line comes first
        if is_foreign(turn.text) and is_spanish(turn.text) and progress_checkin.reads_as_score(turn):
            progress_checkin.intercept(turn)
            if turn.then is not None:  # "5, siguiente"
                command_action(turn.then, turn).respond(turn)
            return turn.events
        if is_foreign(turn.text):
            unread = None if is_spanish(turn.text) else turn.content.emergency_number  # Somali, Hmong: 911 too
            turn.say(safety_replies.english_only(turn.content.clinic, unread))
            return []
        if (followed := emergency_followup.respond(turn)) is not None:  # "back from the ER, nothing broke"
            return followed
        if screen.call_starts(turn):
            turn.events.extend(screen.call_started())
        answering = not screen.call_starts(turn) and screen.takes_answer(turn)
        consult = level in (Level.NONE, Level.PAIN) or (level is Level.ASK and turn.assessment.learned_only)
        surgeon_asked = bool(turn.assessment.flags) and set(turn.assessment.flags) <= ASKED_OF_THEIR_SURGEON
        if level is Level.ASK and surgeon_asked and not answering and not turn.assessment.about_other:
            # "just had a lumbar puncture, can I stretch tonight": the consult advice, not the answer to "tonight"
            moment = turn.place.moment if turn.place else None
            turn.say(suitability.suitability(turn.content, turn.text, moment))
            offer(turn, requested_stretch(turn.content, turn.tracker))
            return turn.events
        if consult and not answering and turn.place is None and suitability.asks_if_safe_for_them(turn.text):
            # "5 months pregnant, can I do these?", "...can i do cat cow": the consult advice, and a yes starts the
            # stretch named (after the screen), as the NLU's own suitability question does
            answer_stretch_question(turn, requested_stretch(turn.content, turn.tracker))
            return turn.events
        if level is Level.ASK and turn.assessment.flags == ("faint",) and not answering:  # dizzy: stop and rest
            turn.say(coach_answers.unwell(turn.content, turn.place.moment if turn.place else None))
            return []
        if level is Level.ASK and turn.assessment.about_other and not answering:  # their sign: no question to us
            turn.say(safety_replies.possible_red_flag_for_other(turn.content.clinic, turn.content.emergency_number))
            return []
        if level is Level.ASK and not answering:  # "yes, sometimes my foot tingles" answers the question
            turn.say(safety_replies.red_flag_question(turn.content.clinic))
            return triage_state.question_asked()
        if not answering and level is Level.NONE and step_questions.asks_about_medication(turn.text):
            turn.say(step_questions.medication(turn.content))  # never dropped beside a score or a request
            turn.medication_said = True
        if not answering and progress_checkin.intercept(turn):  # a 0-10 answer to the check-in, if one is open
            if turn.then is not None:  # "3. next", "1. kids need breakfast, stop": then the command
                command_action(turn.then, turn).respond(turn)
            return turn.events
        if level is Level.PAIN and turn.place is not None:
            turn.say(safety_replies.pain(turn.content, turn.place.moment))
            return [*turn.events, *leave_routine(), *pain_memory.remember(turn.place)]
        if not answering and level is Level.NONE and pain_memory.answer(turn):  # "no its fine, it was my knees"
            return turn.events
        if answering:  # every answer is read, whatever the NLU made of it ("actually both legs")
            screen.answer(turn)
            return turn.events
        if level is Level.PAIN and turn.pain_is_the_message:
            turn.say(safety_replies.pain(turn.content, None))
            return [*turn.events, *(triage_state.question_answered() if triage_state.question_pending(tracker) else [])]
        if not self.answers_question and (
            triage_state.question_pending(tracker) or triage_state.pending_stretch(tracker)
        ):
            turn.events.extend(triage_state.question_answered())
        if level is Level.NONE and turn.place is not None and (step_said := step_question(turn, turn.place.moment)):
            turn.say(step_said)  # "like a pull not bad pain", "can i do extra rounds on the left": the place kept
            turn.keeps_hold = True
            turn.keep_hold_timer()
            return turn.events
        if turn.medication_said and turn.intent in CATCH_ALL_INTENTS | {"ask_medication"}:
            turn.say(way_forward(turn.content, turn.place.moment if turn.place else None))
            return turn.events  # the medication line was the answer
        if (word := glossary.asked(turn.content, turn.text)) is not None:  # "what does exhale mean?"
            turn.say(glossary.meaning(turn.content, word, turn.place.moment if turn.place else None))
            turn.keeps_hold = True
            return turn.events
        if level is Level.NONE and alternate.asks_to_alternate(turn.text) and (about := asked_stretch(turn)):
            turn.say(alternate.alternate_answer(turn.content, about, turn.place.moment if turn.place else None))
            if turn.place is None:
                turn.events.extend(triage_state.offered(about.id))
            turn.keeps_hold = True
            turn.keep_hold_timer()
            return turn.events  # "why not alternate" (mid-Cat/Cow it was read as a pause)
        if asks_about_form(turn):  # "wrists under shoulders or in front?": the step's own words, and who can help
            assert turn.place is not None
            turn.say(form_answers.form_answer(turn.content, turn.place.moment))
            turn.keeps_hold = True
            turn.keep_hold_timer()
            return turn.events
        if (described := describes(turn)) is not None:  # "describe the knee twist without starting it"
            turn.say(coach_answers.describe(described))
            turn.events.extend(triage_state.offered(described.id))
            return turn.events
        command = self.trailing_command(turn)
        if command is not None:  # "Anyhow. Next.": the command the message ends with, not its chatter
            command.respond(turn)
        else:
            self.respond(turn)
        return turn.events

    def trailing_command(self, turn: Turn) -> CoachAction | None:
        """The action a message asks for beside its chatter, if not this one.

        In a routine, the step command it ends with ("ok prob not lol. next"); after a catch-all answer
        (off-topic, suitability, a body question), a request said in passing ("Where was I?", "can you
        book me in with someone").
        """
        command = commands.trailing_command(turn.text) if turn.place is not None else None
        if command is None and turn.intent in FALLBACK_INTENTS:  # "back's stiff. got maybe 10 min"
            command = commands.asked_instead_of_fallback(turn.text)
        if command is None and turn.intent in CATCH_ALL_INTENTS:
            command = commands.asked_in_passing(turn.text)
            if command is None and coach_answers.asks_when_to_see_someone(turn.text):
                from actions.safety_actions import ActionFallback  # answers it with the consult advice

                return None if self.name() == "action_fallback" else ActionFallback()
        if command is None:
            return None
        action = command_action(command, turn)
        return None if action.name() == self.name() else action


def command_action(command: commands.Command, turn: Turn) -> CoachAction:
    """The action that carries out a command read from the words ("next", "leave": stop, or goodbye outside
    a routine)."""
    from actions.info_actions import ActionBookingInfo, ActionGoodbye, ActionGreet, ActionListStretches
    from actions.routine_actions import (
        ActionNextStep,
        ActionPauseRoutine,
        ActionPreviousStep,
        ActionRepeatStep,
        ActionResumeRoutine,
        ActionStopRoutine,
        ActionTellProgress,
        ActionTellSessionTime,
    )
    from actions.safety_actions import ActionAnswerBodyQuestion

    actions: dict[str, type[CoachAction]] = {
        "next": ActionNextStep,
        "back": ActionPreviousStep,
        "repeat": ActionRepeatStep,
        "pause": ActionPauseRoutine,
        "progress": ActionTellProgress,
        "book": ActionBookingInfo,
        "leave": ActionStopRoutine if turn.place is not None else ActionGoodbye,
        "resume": ActionResumeRoutine,
        "time": ActionTellSessionTime,
        "stretches": ActionListStretches,
        "greet": ActionGreet,
        "form": ActionAnswerBodyQuestion,
    }
    return actions[command]()
