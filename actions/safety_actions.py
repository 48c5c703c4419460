"""The NLU's safety and scope intents. Triage (in the base) has already answered real emergencies,
possible red flags and pain during a routine; what reaches these actions is answered from the words."""

from __future__ import annotations

from actions.base import CoachAction, Turn
from actions.routine_actions import stop_routine
from actions.routine_state import leave_routine
from actions.triage_state import emergency_advised
from pacing.coach_answers import asks_when_to_see_someone, when_to_see_someone, wraps_up
from pacing.safety_replies import FallbackKind, after_emergency, body_question, fallback, fallback_kind, pain
from pacing.suitability import answer_question, question_not_command
from triage import Level


class ActionStopForPain(CoachAction):
    """ "Ouch" outside a routine stops stretching; "what if it hurts?" is a question, not pain."""

    def name(self) -> str:
        return "action_stop_for_pain"

    def respond(self, turn: Turn) -> None:
        moment = turn.place.moment if turn.place else None
        if turn.assessment.level is Level.PAIN:
            turn.say(pain(turn.content, moment))
            turn.events.extend(leave_routine())
        else:
            turn.say(body_question(turn.content, moment))


class ActionNotUnderstood(CoachAction):
    """The NLU predicted a red flag the triage does not confirm: no alarm, "I didn't understand", the place kept."""

    def name(self) -> str:
        return "action_not_understood"

    def respond(self, turn: Turn) -> None:
        turn.say(fallback(turn.content, FallbackKind.NOT_UNDERSTOOD, turn.place.moment if turn.place else None))


class ActionAnswerBodyQuestion(CoachAction):
    """ "Is it ok if my knee clicks?": the assistant can't assess it, and says who can."""

    def name(self) -> str:
        return "action_answer_body_question"

    def respond(self, turn: Turn) -> None:
        turn.say(body_question(turn.content, turn.place.moment if turn.place else None))


class ActionFallback(CoachAction):
    """Medical, medication, off-topic or not understood: a short answer of its own kind; the place is kept."""

    def name(self) -> str:
        return "action_fallback"

    def respond(self, turn: Turn) -> None:
        if turn.place is None and emergency_advised(turn.tracker):  # "I'm not going, it's just a cold"
            turn.say(after_emergency(turn.content.clinic))
            return
        if turn.place is not None and wraps_up(turn.text):  # "thank you dear, that's enough for today"
            stop_routine(turn, turn.place)
            return
        if turn.intent == "nlu_fallback" and question_not_command(turn.text):  # "can i do it with my bump?"
            named = turn.content.find_stretch(turn.text)
            turn.say(answer_question(turn.content, turn.text, named, turn.place.moment if turn.place else None))
            return
        if asks_when_to_see_someone(turn.text):  # "when should i see a doctor about my back?"
            turn.say(when_to_see_someone(turn.content, turn.place.moment if turn.place else None))
            return
        kind = fallback_kind(turn.intent, turn.text)
        turn.say(fallback(turn.content, kind, turn.place.moment if turn.place else None))
