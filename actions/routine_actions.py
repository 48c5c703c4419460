"""Starting a stretch and moving through it: each action maps one request onto the pacing core."""

from __future__ import annotations

import abc
from typing import Any

from rasa_sdk.events import FollowupAction, SlotSet

from actions import pain_memory, progress_checkin, screen, triage_state
from actions.base import CoachAction, Turn, answer_stretch_question
from actions.routine_state import (
    NOTICE_SLOT,
    Place,
    in_session,
    leave_routine,
    move_to,
    queued,
    requested_stretch,
    set_queue,
)
from pacing import (
    Routine,
    coach_answers,
    commands,
    guide_answers,
    offers,
    replies,
    session_time,
    sides,
    step_questions,
    steps,
    suitability,
)
from pacing.reply import Reply, join
from stretch_content import Stretch

ACTION_SESSION_START = "action_session_start"


def asked_about(turn: Turn) -> Stretch | None:
    """The stretch a question is about: the one named, else the one in progress, else the one just offered."""
    if (named := requested_stretch(turn.content, turn.tracker)) is not None:
        return named
    if turn.place is not None:
        return turn.place.routine.stretch
    pending = triage_state.pending_stretch(turn.tracker)
    try:
        return turn.content.stretch(pending) if pending and pending != triage_state.ALL_STRETCHES else None
    except KeyError:
        return None


def new_session() -> list[dict[str, Any]]:
    """Each routine starts a new Rasa session (slots carried over, history kept in the store).

    Rasa loads, replays and sends to this server every event of the current session on each turn,
    so without this a turn gets slower the longer a conversation runs (bench/turn_latency.py).
    """
    return [FollowupAction(ACTION_SESSION_START)]


def _show(turn: Turn, place: Place, lead: Reply | None = None) -> None:
    step = steps.show_step(place.moment)
    turn.say(join(lead, step) if lead else step)
    turn.events.extend(move_to(place.routine, place.index))


class RoutineAction(CoachAction, abc.ABC):
    """An action that moves through or answers about the routine in progress.

    Without one (or with slots in an unusable state) it says so and offers the stretches.
    """

    keeps_hold = False
    """True for questions answered without moving ("which side?"): a timed hold's release still comes."""
    goes_on = True
    """False for "stop" and "start over": after a pain stop they do not ask whether it still hurts."""
    before_start: str | None = None
    """The question (``coach_answers.BEFORE_START_QUESTIONS``) answered about a stretch named outside a routine."""

    def respond(self, turn: Turn) -> None:
        stretch = requested_stretch(turn.content, turn.tracker) if turn.place is None and self.before_start else None
        if stretch is not None and self.before_start is not None:  # "cat cow sounds good. how many reps?"
            answer = Reply.plain(coach_answers.before_start(stretch, self.before_start))
            turn.say(join(answer, replies.offer_stretch(turn.content, stretch)))
            turn.events.extend(triage_state.offered(stretch.id))
        elif turn.place is None and self.goes_on and ask_after_pain_stop(turn):  # "where was i" after a pain stop
            return
        elif turn.place is None:
            turn.say(replies.no_routine(turn.content))
            turn.events.extend(leave_routine())
        else:
            turn.keeps_hold = self.keeps_hold
            self.act(turn, turn.place)
            if self.keeps_hold:
                turn.keep_hold_timer()

    @abc.abstractmethod
    def act(self, turn: Turn, place: Place) -> None: ...


def _begin(turn: Turn, routine: Routine, reply: Reply, queue: list[Routine] | None) -> None:
    for said in progress_checkin.session_start(turn, routine.stretch.id, reply):  # the step, the check-in
        turn.say(said)
    turn.events.extend([*move_to(routine, 0), *set_queue(queue), SlotSet(NOTICE_SLOT, True), *new_session()])
    if pain_memory.stopped_at(turn.tracker) is not None:  # a new start replaces the place a pain stop left
        turn.events.extend(pain_memory.forget())


def _needs_notice(turn: Turn) -> bool:
    return not turn.tracker.get_slot(NOTICE_SLOT)


def start_one(turn: Turn, stretch: Stretch, first_side: str | None = None) -> None:
    routine = Routine(stretch, first_side)
    reply = replies.start(turn.content, routine, with_notice=_needs_notice(turn))
    if routine.first_side is not None:  # "knee twist but left side first pls"
        first, *rest = routine.sides
        reply = join(Reply.plain(f"Okay: your {first} side first, then your {' and '.join(rest)} side."), reply)
    _begin(turn, routine, reply, None)


def start_all(turn: Turn) -> None:
    first, *rest = (Routine(s) for s in turn.content.stretches)
    _begin(turn, first, replies.all_three(turn.content, first, with_notice=_needs_notice(turn)), rest)


def start_pending(turn: Turn, pending: str, *, hurt_asked: bool = False) -> None:
    """Start a stretch just offered ("would you like to try it?": yes), after the screen when it is due, and
    after a pain stop only once it no longer hurts (``hurt_asked``: this is the "no" to that question)."""
    if not hurt_asked and ask_before_starting(turn, pending, triage_state.pending_first_side(turn.tracker)):
        return
    if not screen.screen_first(turn, pending):
        start_now(turn, pending)


def start_now(turn: Turn, pending: str) -> None:
    """Start what was asked for ("all" for every stretch), the screen already answered."""
    if pending == triage_state.ALL_STRETCHES:
        start_all(turn)
        return
    try:
        stretch = turn.content.stretch(pending)
    except KeyError:
        turn.say(replies.unknown_stretch(turn.content))
        return
    first = (
        triage_state.pending_first_side(turn.tracker) if triage_state.pending_stretch(turn.tracker) == pending else None
    )
    start_one(turn, stretch, first)  # "lets do the knee twist, left side first", the screen answered


def taken_up(turn: Turn) -> Stretch | None:
    """Outside a routine, the stretch just offered ("Would you like to try the Lying Knee Twist?") when this
    message asks for it by half its name, with a slip, or by pointing ("lets do the knee twsit", "that one")."""
    pending = triage_state.pending_stretch(turn.tracker)
    if turn.place is not None or pending is None or pending == triage_state.ALL_STRETCHES:
        return None
    try:
        stretch = turn.content.stretch(pending)
    except KeyError:
        return None
    return stretch if offers.means_offered(stretch, turn.text, turn.content.stretches) else None


def start_requested(turn: Turn) -> None:
    """The stretch named in the message: its first step (or the screen first), or which ones there are."""
    stretch = requested_stretch(turn.content, turn.tracker)
    if suitability.question_not_command(turn.text):  # "can i do the forward fold with my bump?"
        answer_stretch_question(turn, stretch)
    elif turn.place is None and stretch is not None and (asked := coach_answers.asked_before_start(turn.text)):
        answer = Reply.plain(coach_answers.before_start(stretch, asked))  # "how long do you hold the knee twist"
        turn.say(join(answer, replies.offer_stretch(turn.content, stretch)))
        turn.events.extend(triage_state.offered(stretch.id))
    elif stretch is None and (offered := taken_up(turn)) is not None:  # "lets do the knee one" after the offer
        start_pending(turn, offered.id)
    elif stretch is None:
        unknown = replies.unknown_stretch(turn.content)
        turn.say(join(unknown, replies.keep_place(turn.place.moment)) if turn.place else unknown)
    elif turn.place is not None and stretch.id == turn.place.routine.stretch.id:
        # "let's finish this cat cow then": the one they are in goes on where they are, not from step 1
        lead = Reply.plain(f"We're already doing the {stretch.name}, so let's carry on where you are.")
        _show(turn, turn.place, lead)
    elif not asked_first(turn, stretch.id):
        start_one(turn, stretch)


class ActionStartStretch(CoachAction):
    """A stretch asked for: its first step, or first the screen before exercise when it is due."""

    def name(self) -> str:
        return "action_start_stretch"

    def respond(self, turn: Turn) -> None:
        start_requested(turn)


class ActionStartAllStretches(CoachAction):
    """ "Do all three": every stretch, one after another, as one session."""

    def name(self) -> str:
        return "action_start_all_stretches"

    def respond(self, turn: Turn) -> None:
        if session_time.asks_how_long(turn.text):  # "ok and all three together how long": the time, not a start
            tell_session_time(turn)
        elif not asked_first(turn, triage_state.ALL_STRETCHES):
            start_all(turn)


def _complete(turn: Turn, place: Place, from_index: int | None = None) -> None:
    """The end of a routine: the next one of a session, or congratulations and the way on."""
    following = queued(turn.tracker)
    progress_checkin.stretch_finished(turn, place.routine.stretch.id)
    if following:
        nxt, *rest = following
        turn.say(replies.next_in_session(turn.content, place.routine, nxt))
        turn.events.extend([*move_to(nxt, 0), *set_queue(rest), *new_session()])
        return
    if in_session(turn.tracker):
        done = replies.finished_all(turn.content, place.routine, from_index=from_index)
    else:
        done = replies.finished(turn.content, place.routine, from_index=from_index)
    turn.say(done)
    turn.events.extend(leave_routine())
    progress_checkin.session_ended(turn, done.choices)  # the check-in once more, after the session


def next_step(turn: Turn, place: Place) -> None:
    """ "Next" (or "yes" mid-routine): the following step, or the routine's end; "ok holding" keeps the hold."""
    if place.moment.is_hold and coach_answers.is_holding(turn.text):  # "ok holding": not "next"
        turn.keeps_hold = True
        turn.say(coach_answers.still_holding(place.moment))
        turn.keep_hold_timer()
        return
    following = place.routine.after(place.index)
    if following is None:
        _complete(turn, place)
    else:
        _show(turn, Place(place.routine, following))


def answer_pick(turn: Turn) -> bool:
    """ "which one is the easyest", "which ones quickest?", "which can i do standing", "morning or night?":
    answered from the guide and the content, the place kept; outside a routine a yes starts the quickest one.
    Asked with a condition, surgery, pregnancy or age ("i have bad knees, which is kindest"), who to ask.

    False when the message asks none of these."""
    moment = turn.place.moment if turn.place else None
    picked = guide_answers.pick_answer(turn.content, turn.text, moment)
    if picked is None:
        return False
    if suitability.situations(turn.text):  # "i have bad knees, which one is kindest on them": who to ask first
        picked = suitability.suitability(turn.content, turn.text, moment)
    turn.keeps_hold = True
    turn.say(picked)
    turn.keep_hold_timer()
    if moment is None and session_time.asks_quickest(turn.text):
        turn.events.extend(triage_state.offered(session_time.quickest_stretch(turn.content).id))
    return True


def move_to_side(turn: Turn, place: Place, lead: str | None = None) -> bool:
    """ "skip to left", "no wait, i want the left side": that side's first step; the stretch goes on
    (``lead``: the answer to a question asked with it, said first).

    False when the message names no side of this stretch (or asks when one comes: ``sides.asks_when``).
    """
    side = sides.named_side(turn.text, place.moment)
    if side is None or sides.asks_when(turn.text):
        return False
    start = sides.first_of_side(place.routine, side)
    if start is None:
        return False
    said = Reply.plain(lead) if lead else None
    if sides.wants_first(turn.text) and place.routine.sides[0] != side:  # "can i do the left side first"
        routine = place.routine.starting_with(side)  # that side, then the other: both are done
        turn.say(
            join(
                said, sides.side_first(routine, routine.at(at := sides.same_place(place.routine, place.index, routine)))
            )
        )
        turn.events.extend(move_to(routine, at, order=True))
    elif place.moment.side == side:
        turn.say(join(said, sides.already_there(place.moment)))
        turn.keeps_hold = True
        turn.keep_hold_timer()
    else:
        there = Place(place.routine, start)
        turn.say(join(said, sides.moved(there.moment)))
        turn.events.extend(move_to(there.routine, there.index, order=True))
    return True


def start_side_first(turn: Turn) -> bool:
    """Outside a routine, a two-sided stretch asked for with a side first ("knee twist but left side first
    pls"): it starts with that side (after the screen when due). False when the message asks no such thing
    ("which side does the knee twist start on?" is answered as a question)."""
    stretch = requested_stretch(turn.content, turn.tracker) or taken_up(turn)
    if stretch is None or not stretch.sides or not sides.wants_first(turn.text) or sides.asks_when(turn.text):
        return False
    side = sides.named_side(turn.text, Routine(stretch).at(0))
    if side is None:
        return False
    if not asked_first(turn, stretch.id, side):
        start_one(turn, stretch, side)
    return True


def stop_routine(turn: Turn, place: Place) -> None:
    """ "Stop", or "that's enough" in a thank-you or a goodbye: finished once the minimum rounds are done;
    "can we stop and do the rest tomorrow" keeps the place (paused) instead."""
    if coach_answers.wants_to_continue_later(turn.text) and not place.routine.can_finish_early(place.index):
        turn.say(coach_answers.until_later(place.moment))
    elif place.routine.can_finish_early(place.index):
        _complete(turn, place, from_index=place.index)
    else:
        turn.say(replies.stopped(turn.content, place.moment))
        turn.events.extend(leave_routine())


class ActionNextStep(RoutineAction):
    def name(self) -> str:
        return "action_next_step"

    def respond(self, turn: Turn) -> None:
        if (offered := taken_up(turn)) is not None:  # "ok lets do that one then", just after the offer
            start_pending(turn, offered.id)
        elif not ask_after_pain_stop(turn):  # "keep going" after a pain stop: does it still hurt?
            super().respond(turn)

    def act(self, turn: Turn, place: Place) -> None:
        if commands.leaving(turn.text):  # "done? gotta run thx": leaving, not the next step
            stop_routine(turn, place)
        elif commands.done_with_remark(turn.text) and place.routine.can_finish_early(place.index):
            _complete(turn, place, from_index=place.index)  # "done! that actually helped a bit" on the last round
        elif not move_to_side(turn, place):  # "ok left side now"
            next_step(turn, place)


class ActionRepeatStep(RoutineAction):
    def name(self) -> str:
        return "action_repeat_step"

    def respond(self, turn: Turn) -> None:
        named = turn.content.find_stretch(turn.text)
        if turn.place is None and named is not None:  # "what does the knee twist involve?": its steps
            turn.say(coach_answers.describe(named))
            turn.events.extend(triage_state.offered(named.id))
        else:
            super().respond(turn)

    def act(self, turn: Turn, place: Place) -> None:
        _show(turn, place)


class ActionResumeRoutine(ActionRepeatStep):
    """ "Resume": the step again; after a pain stop, what happened, and back only if it no longer hurts."""

    def name(self) -> str:
        return "action_resume_routine"

    def respond(self, turn: Turn) -> None:
        if not ask_after_pain_stop(turn):
            super().respond(turn)


def ask_after_pain_stop(turn: Turn) -> bool:
    """Out of a routine that stopped because it hurt (and no emergency advice since): say what happened
    and ask "Does it still hurt?" (only a no goes back). False when that does not apply."""
    stopped = pain_memory.stopped_at(turn.tracker)
    if turn.place is None and stopped is not None and not triage_state.emergency_advised(turn.tracker):
        turn.say(coach_answers.ask_still_hurts(stopped.moment))
        turn.events.extend(pain_memory.asking(turn.tracker))
        return True
    return False


def asked_first(turn: Turn, pending: str, first_side: str | None = None) -> bool:
    """What comes before a start asked for (``pending``: a stretch id or "all"): after a pain stop "does it still
    hurt?" (``ask_before_starting``), else the screen when it is due. True when the start waits for an answer."""
    return ask_before_starting(turn, pending, first_side) or screen.screen_first(turn, pending, first_side)


def ask_before_starting(turn: Turn, pending: str, first_side: str | None = None) -> bool:
    """Out of a routine that stopped because it hurt (and no emergency advice since), a stretch asked for
    (``pending``: an id or "all"): ask "does it still hurt?" first and keep it offered, so a no starts it
    (``pain_memory.no_longer_hurts``) and a yes starts nothing. False when that does not apply."""
    stopped = pain_memory.stopped_at(turn.tracker)
    if turn.place is not None or stopped is None or triage_state.emergency_advised(turn.tracker):
        return False
    if pending == triage_state.ALL_STRETCHES:
        name = "the three stretches"
    else:
        try:
            name = f"the {turn.content.stretch(pending).name}"
        except KeyError:
            return False
    turn.say(coach_answers.ask_still_hurts_before(stopped.moment, name))
    turn.events.extend([*pain_memory.asking(turn.tracker), *triage_state.offered(pending, first_side)])
    return True


class ActionPreviousStep(RoutineAction):
    def name(self) -> str:
        return "action_previous_step"

    def act(self, turn: Turn, place: Place) -> None:
        earlier = place.routine.before(place.index)
        if earlier is None:
            note = "This is the first step, so here it is again."
            _show(turn, place, Reply.plain(note))
        else:
            _show(turn, Place(place.routine, earlier))


class ActionRestartRoutine(RoutineAction):
    goes_on = False

    def name(self) -> str:
        return "action_restart_routine"

    def act(self, turn: Turn, place: Place) -> None:
        note = f"Starting the {place.routine.stretch.name} over from the first step."
        _show(turn, Place(place.routine, 0), Reply.plain(note))


class ActionStopRoutine(RoutineAction):
    """Stop, or "finish" once the article's minimum rounds are done (which counts as completing it)."""

    goes_on = False

    def name(self) -> str:
        return "action_stop_routine"

    def act(self, turn: Turn, place: Place) -> None:
        stop_routine(turn, place)


class ActionPauseRoutine(RoutineAction):
    goes_on = False

    def name(self) -> str:
        return "action_pause_routine"

    def act(self, turn: Turn, place: Place) -> None:
        if coach_answers.wants_to_continue_later(turn.text):  # "pause, i'll do the rest tomorrow"
            turn.say(coach_answers.until_later(place.moment))
        else:
            turn.say(replies.paused(place.moment))


class ActionTellProgress(RoutineAction):
    keeps_hold = True

    def name(self) -> str:
        return "action_tell_progress"

    def act(self, turn: Turn, place: Place) -> None:
        turn.say(coach_answers.progress(place.moment))


class ActionTellHoldDuration(RoutineAction):
    keeps_hold = True
    before_start = "hold"

    def name(self) -> str:
        return "action_tell_hold_duration"

    def respond(self, turn: Turn) -> None:
        if session_time.asks_session_time(turn.text):  # "how long will this take?" is not about the hold
            tell_session_time(turn)
            return
        super().respond(turn)

    def act(self, turn: Turn, place: Place) -> None:
        if step_questions.asks_to_hold_longer(turn.text, place.moment.step.seconds):  # "can i go LONGER"
            turn.say(step_questions.hold_longer(turn.content, place.routine, place.index))
        else:
            turn.say(coach_answers.hold_answer(place.routine, place.index))


class ActionTellRepetitions(RoutineAction):
    keeps_hold = True
    before_start = "repetitions"

    def name(self) -> str:
        return "action_tell_repetitions"

    def act(self, turn: Turn, place: Place) -> None:
        asked = coach_answers.before_start(place.routine.stretch, "repetitions")
        if move_to_side(turn, place, lead=asked):  # "do i have to do it 3 times? can i just do the other side now"
            return
        turn.say(coach_answers.repetitions_answer(place.moment))


class ActionHoldOver(CoachAction):
    """Fired by the web hold timer; silent if the person already moved past the hold."""

    def name(self) -> str:
        return "action_hold_over"

    def respond(self, turn: Turn) -> None:
        if turn.place is not None and turn.place.moment.step.seconds:
            turn.say(replies.hold_over(turn.place.moment))


class ActionTellSide(RoutineAction):
    keeps_hold = True
    before_start = "side"

    def name(self) -> str:
        return "action_tell_side"

    def respond(self, turn: Turn) -> None:
        if turn.place is None and start_side_first(turn):  # "lets do the knee twist, left side first"
            return
        super().respond(turn)

    def act(self, turn: Turn, place: Place) -> None:
        if move_to_side(turn, place):  # "no wait, i want the left side"
            return
        if suitability.asks_about_a_change(turn.text):  # "legs gotta stay straight or nah": not about a side
            turn.say(suitability.answer_question(turn.content, turn.text, place.routine.stretch, place.moment))
            return
        side = sides.named_side(turn.text, place.moment)
        if side is not None and sides.first_of_side(place.routine, side) is not None:  # "when left side"
            turn.say(sides.when_side(place.routine, place.moment, side))
        else:
            turn.say(coach_answers.side_answer(place.moment))


class ActionTellBreathing(RoutineAction):
    keeps_hold = True

    def name(self) -> str:
        return "action_tell_breathing"

    def act(self, turn: Turn, place: Place) -> None:
        turn.say(coach_answers.breathing_answer(place.moment, turn.text))


class ActionTired(CoachAction):
    def name(self) -> str:
        return "action_tired"

    def respond(self, turn: Turn) -> None:
        place = turn.place
        if place is not None and coach_answers.wants_to_continue_later(turn.text):  # "do the rest tomorow"
            turn.say(coach_answers.until_later(place.moment))
            return
        if place is not None and coach_answers.asks_to_stop(turn.text):  # "im tired, lets stop"
            stop_routine(turn, place)
            return
        can_finish = place is not None and place.routine.can_finish_early(place.index)
        turn.say(coach_answers.tired(turn.content, place.moment if place else None, can_finish=can_finish))


class ActionTellBenefits(CoachAction):
    """ "What is the knee twist good for?" answers and offers; it never starts or abandons a routine."""

    def name(self) -> str:
        return "action_tell_benefits"

    def respond(self, turn: Turn) -> None:
        stretch = requested_stretch(turn.content, turn.tracker)
        if answer_pick(turn):  # "which one is the easyest": the guide ranks none
            return
        turn.say(coach_answers.benefits(turn.content, stretch, turn.place.moment if turn.place else None))
        if stretch is not None and turn.place is None:
            turn.events.extend(triage_state.offered(stretch.id))


class ActionTellSessionTime(CoachAction):
    """ "How long will all three take? I have like 10 min": an estimate from the content, said as one."""

    def name(self) -> str:
        return "action_tell_session_time"

    def respond(self, turn: Turn) -> None:
        if (offered := taken_up(turn)) is not None and offers.takes_it(turn.text):  # "ok lets do it. oh and..."
            start_pending(turn, offered.id)
            return
        tell_session_time(turn)


def tell_session_time(turn: Turn) -> None:
    """The estimate from the content's steps and holds (or, "which ones quickest?", the quickest one)."""
    named = turn.content.find_stretch(turn.text)
    moment = turn.place.moment if turn.place else None
    if session_time.asks_quickest(turn.text) and answer_pick(turn):
        return
    turn.keeps_hold = True
    turn.say(session_time.estimate(turn.content, turn.text, named, moment))
    turn.keep_hold_timer()


class ActionSkipStretch(CoachAction):
    """ "Skip this one": the next stretch of a session, or the stretch ends and the others are offered;
    "skip to cat cow" starts that one; "skip this step" moves one step on."""

    def name(self) -> str:
        return "action_skip_stretch"

    def respond(self, turn: Turn) -> None:
        place = turn.place
        if place is not None and move_to_side(turn, place):  # "skip to left": the other side, not the stretch
            return
        target = requested_stretch(turn.content, turn.tracker)
        if place is not None and target is not None and target.id == place.routine.stretch.id:
            target = None  # "skip the cat cow" while in it: skip this one
        if target is not None:
            rest = [r for r in queued(turn.tracker) if r.stretch.id != target.id] if in_session(turn.tracker) else None
            lead = Reply.plain(f"Okay, skipping the {place.routine.stretch.name}.") if place else None
            reply = replies.start(turn.content, Routine(target), with_notice=_needs_notice(turn))
            if place is not None and rest is not None:  # "skip to cat cow" within all three: the same session
                turn.say(join(lead, reply))
                turn.events.extend([*move_to(Routine(target), 0), *set_queue(rest), *new_session()])
            elif not screen.screen_first(turn, target.id):
                _begin(turn, Routine(target), join(lead, reply), rest)
        elif place is None:
            turn.say(replies.no_routine(turn.content))
        elif coach_answers.skips_a_step(turn.text):
            next_step(turn, place)
        elif coach_answers.skips_within(turn.text):  # "skip to the left side": the stretch goes on
            turn.say(coach_answers.no_jump_within(place.moment))
        else:
            following = queued(turn.tracker)
            if following:
                nxt, *rest = following
                lead = Reply.plain(f"Okay, skipping the {place.routine.stretch.name}. Next up: the {nxt.stretch.name}.")
                turn.say(join(lead, replies.start(turn.content, nxt, with_notice=False)))
                turn.events.extend([*move_to(nxt, 0), *set_queue(rest), *new_session()])
            else:
                turn.say(coach_answers.skipped(turn.content, place.routine.stretch))
                turn.events.extend(leave_routine())
