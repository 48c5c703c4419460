"""One-turn answers (welcome, the list of stretches, booking, clinic details, help, yes/no, social
turns) that never lose a routine's place."""

from __future__ import annotations

import os

from actions import pain_memory, progress_history, triage_state
from actions.base import CoachAction, Turn, answer_stretch_question
from actions.routine_actions import (
    answer_pick,
    asked_about,
    next_step,
    start_pending,
    start_requested,
    stop_routine,
)
from actions.routine_state import requested_stretch
from pacing import Reply, coach_answers, commands, language, replies, safety_replies, suitability
from pacing.coach_answers import wraps_up
from pacing.reply import join
from triage import Level


def _keeping_place(turn: Turn, reply: Reply) -> Reply:
    return join(reply, replies.keep_place(turn.place.moment)) if turn.place else reply


def _stop_first_if_asked(turn: Turn) -> None:
    """ "finish. Thank you. How I make appointment?": the stretch ends (or finishes) first, then the answer."""
    if turn.place is not None and commands.stops_first(turn.text):
        stop_routine(turn, turn.place)
        turn.place = None


class ActionGreet(CoachAction):
    def name(self) -> str:
        return "action_greet"

    def respond(self, turn: Turn) -> None:
        welcome = replies.welcome(turn.content)
        back = progress_history.welcome_back(turn)  # a returning person: their rhythm first
        welcome = _keeping_place(turn, join(back, welcome) if back else welcome)
        if language.spanish_courtesy(turn.text):  # "hola": welcome in English, and a line in Spanish
            welcome = join(welcome, language.english_only_in_spanish(turn.content.clinic))
        turn.say(welcome)


class ActionGoodbye(CoachAction):
    """ "Bye" keeps the place: the person can come back to it ("that's enough" is what stops)."""

    def name(self) -> str:
        return "action_goodbye"

    def respond(self, turn: Turn) -> None:
        turn.say(replies.goodbye())


class ActionThank(CoachAction):
    """ "Thanks" keeps the place; "thanks, that's enough for today" also stops (or finishes) the stretch."""

    def name(self) -> str:
        return "action_thank"

    def respond(self, turn: Turn) -> None:
        if turn.place is not None and (wraps_up(turn.text) or commands.stops_first(turn.text)):
            stop_routine(turn, turn.place)
            return
        turn.say(replies.thanks(turn.content, turn.place.moment if turn.place else None))


class ActionBotChallenge(CoachAction):
    def name(self) -> str:
        return "action_bot_challenge"

    def respond(self, turn: Turn) -> None:
        turn.say(_keeping_place(turn, replies.bot_challenge(turn.content)))


class ActionListStretches(CoachAction):
    def name(self) -> str:
        return "action_list_stretches"

    def respond(self, turn: Turn) -> None:
        if answer_pick(turn):  # "which of the stretches is gentlest?", "which ones quickest?"
            return
        listed = replies.list_stretches(turn.content)
        if turn.place is None and turn.assessment.level is Level.PAIN:  # "my back hurts from work, show me stretch"
            listed = join(Reply.plain(turn.content.clinic.stop_if_it_hurts), listed)
        turn.say(_keeping_place(turn, listed))


class ActionBookingInfo(CoachAction):
    def name(self) -> str:
        return "action_booking_info"

    def respond(self, turn: Turn) -> None:
        tell_booking(turn)


def tell_booking(turn: Turn) -> None:
    """How to book (the clinic's number), then the way forward from where the person is."""
    _stop_first_if_asked(turn)
    moment = turn.place.moment if turn.place else None
    turn.say(join(replies.booking(turn.content.clinic), replies.way_forward(turn.content, moment)))


class ActionClinicDetails(CoachAction):
    """Hours, addresses, "book it for me": what the assistant doesn't know or can't do, said plainly."""

    def name(self) -> str:
        return "action_clinic_details"

    def respond(self, turn: Turn) -> None:
        if commands.asked_in_passing(turn.text) == "book":  # "How I make appointment with doctor?": booking
            tell_booking(turn)
            return
        _stop_first_if_asked(turn)
        moment = turn.place.moment if turn.place else None
        turn.say(coach_answers.clinic_details(turn.content, turn.text, moment))


class ActionHelp(CoachAction):
    def name(self) -> str:
        return "action_help"

    def respond(self, turn: Turn) -> None:
        moment = turn.place.moment if turn.place else None
        turn.say(replies.help_(turn.content, moment))


class ActionAffirm(CoachAction):
    """ "Yes": to the red-flag question it means emergency care; otherwise it carries on a routine or
    starts the stretch just offered."""

    answers_question = True

    def name(self) -> str:
        return "action_affirm"

    def respond(self, turn: Turn) -> None:
        if triage_state.question_pending(turn.tracker):
            turn.say(safety_replies.emergency(turn.content.clinic))
            turn.events.extend(triage_state.after_emergency_advice())
        elif turn.place is None and pain_memory.asked_if_it_still_hurts(turn.tracker):  # "yes, it still hurts"
            pain_memory.still_hurts(turn)
        elif turn.place is not None:
            next_step(turn, turn.place)
        elif triage_state.emergency_advised(turn.tracker):
            turn.say(safety_replies.after_emergency(turn.content.clinic))
        elif offer := triage_state.pending_stretch(turn.tracker):
            turn.events.extend(triage_state.question_answered())
            start_pending(turn, offer)
        else:
            turn.say(replies.list_stretches(turn.content))


class ActionDeny(CoachAction):
    """ "No": to the red-flag question it means carry on (or start the stretch asked for); it never
    ends a routine by itself."""

    answers_question = True

    def name(self) -> str:
        return "action_deny"

    def respond(self, turn: Turn) -> None:
        if triage_state.emergency_advised(turn.tracker) and not triage_state.question_pending(turn.tracker):
            # "No" right after emergency advice may mean "no, I won't go": ask, don't assume all clear.
            turn.say(safety_replies.red_flag_question(turn.content.clinic))
            turn.events.extend(triage_state.question_asked())
        elif (
            turn.place is None
            and (stopped := pain_memory.stopped_at(turn.tracker))
            and (pain_memory.asked_if_it_still_hurts(turn.tracker))
        ):  # "no, it doesn't hurt now": the stretch asked for then, else back where the pain stop left them
            pain_memory.no_longer_hurts(turn, stopped)
        elif triage_state.question_pending(turn.tracker):
            pending = triage_state.pending_stretch(turn.tracker)
            turn.events.extend(triage_state.all_clear())
            if pending is not None:
                start_pending(turn, pending)
            else:
                moment = turn.place.moment if turn.place else None
                turn.say(safety_replies.all_clear(turn.content, moment))
        elif suitability.asks_about_a_change(turn.text):  # "so is it ok in bed or not": a question, not a no
            answer_stretch_question(turn, asked_about(turn))
        elif turn.place is not None:
            turn.say(replies.keep_place(turn.place.moment))
        else:
            turn.events.extend(triage_state.question_answered())
            turn.say(replies.no_thanks(turn.content))


class ActionAnswerSuitability(CoachAction):
    """ "I'm 68 with arthritis, are these safe for me?": the guide's consult advice and who to ask."""

    def name(self) -> str:
        return "action_answer_suitability"

    def respond(self, turn: Turn) -> None:
        moment = turn.place.moment if turn.place else None
        stretch = requested_stretch(turn.content, turn.tracker)
        current = turn.place.routine.stretch.id if turn.place else None
        if stretch is not None and stretch.id != current and suitability.asks_to_switch(turn.text):
            start_requested(turn)  # "wait this aint the forward fold, i said just the forward fold"
            return
        if answer_pick(turn):  # "is it good after work, or morning better?": the guide doesn't say
            return
        if not suitability.situations(turn.text) and not suitability.asks_anything(turn.text):
            # "Hello, I'm Doris, my back aches in the mornings": nothing asked, so what the coach offers
            turn.say(_keeping_place(turn, replies.welcome(turn.content)))
            return
        turn.keeps_hold = True
        if suitability.asks_about_a_change(turn.text):  # "can i bend my knees?", "bed or floor?": the guide answers
            turn.say(suitability.answer_question(turn.content, turn.text, stretch, moment))
        else:
            turn.say(suitability.suitability(turn.content, turn.text, moment))
        turn.keep_hold_timer()
        if turn.place is None and stretch is not None:  # "... can i do cat cow": once checked, a yes starts it
            turn.events.extend(triage_state.offered(stretch.id))


class ActionAnswerModification(CoachAction):
    """ "Is there a seated version?": the guide's own easier version, or that it doesn't cover the change."""

    def name(self) -> str:
        return "action_answer_modification"

    def respond(self, turn: Turn) -> None:
        stretch = requested_stretch(turn.content, turn.tracker)
        current = turn.place.routine.stretch.id if turn.place else None
        if stretch is not None and stretch.id != current and suitability.asks_to_switch(turn.text):
            start_requested(turn)  # "can i just do the fold instead": a switch
            return
        if answer_pick(turn):  # "which one can i do standing?"
            return
        moment = turn.place.moment if turn.place else None
        turn.keeps_hold = True
        turn.say(suitability.answer_question(turn.content, turn.text, stretch, moment))
        turn.keep_hold_timer()
        about = stretch or (asked_about(turn) if turn.place is None else None)  # named, else just offered
        if turn.place is None and about is not None:  # "is it standing or sitting tho", just after the fold's offer
            turn.events.extend(triage_state.offered(about.id))


class ActionUnwell(CoachAction):
    """Dizzy, faint or unwell: stop and rest; the routine pauses where it is (chest pain is triage's)."""

    def name(self) -> str:
        return "action_unwell"

    def respond(self, turn: Turn) -> None:
        turn.say(coach_answers.unwell(turn.content, turn.place.moment if turn.place else None))


RETENTION_ENV = "TRACKER_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30.0
"""As the tracker store reads them (storage/tracker_store.py, docs/privacy.md)."""


def retention_days() -> float | None:
    """How many days a conversation is kept after its last message; None when kept without a limit."""
    raw = os.environ.get(RETENTION_ENV)
    try:
        days = DEFAULT_RETENTION_DAYS if raw in (None, "") else float(str(raw))
    except ValueError:
        return DEFAULT_RETENTION_DAYS
    return days if days > 0 else None


class ActionNoMessages(CoachAction):
    """ "My number is 612-555-0147, call after 5pm": no messages or callbacks, how to reach the clinic,
    and how long what was typed is kept."""

    def name(self) -> str:
        return "action_no_messages"

    def respond(self, turn: Turn) -> None:
        moment = turn.place.moment if turn.place else None
        if commands.asked_in_passing(turn.text) == "pause" and turn.place is not None:
            turn.say(replies.paused(turn.place.moment))  # "my kids is calling me, wait please": a break, not a callback
        elif commands.asks_when_to_call(turn.text):  # "is there a time i can call?": the hours, which it doesn't have
            turn.say(coach_answers.clinic_details(turn.content, "hours", moment))
        elif not commands.mentions_contact(turn.text):  # "I am quite safe, thank you. Show me the stretches"
            turn.say(_keeping_place(turn, replies.list_stretches(turn.content)))
        else:
            turn.say(coach_answers.no_messages(turn.content, retention_days(), moment))
