"""The screen before exercise and the answers to a yes/no red-flag question, as slot changes.

The question and the reading of an answer are the pure core's (``pacing/screen.py``); this module
decides from the slots and the channel whether a stretch must wait for the screen, and what an answer
does. What is remembered differs by channel: the web page and REST keep the time of the last clear
"no" in the conversation (``screened_at``), the phone keeps it for the call (a new call clears it),
and Alexa keeps nothing about the answer (Amazon's policy for skills that are not HIPAA-eligible), so
the skill asks before every stretch asked for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from actions import triage_state
from actions.output import input_channel
from actions.routine_state import leave_routine
from channels import capabilities
from pacing import safety_replies
from pacing.reply import Reply, join
from pacing.screen import Answer, ask_again, read_answer, says_no, screen_due, screen_question
from triage import Level

if TYPE_CHECKING:
    from actions.base import Turn

CALL_START_TEXT = "/greet"
"""What the phone channel sends when a call comes in (``initial_prompt`` in credentials.yml)."""
LEAVING_INTENTS = frozenset({"stop_routine", "goodbye", "EXTERNAL_hold_over"})
"""Turns that are not an answer: "stop" or "bye" drop the question; a web hold timer firing says nothing."""
AFFIRM_INTENT = "affirm"
DENY_INTENT = "deny"

clock: Callable[[], float] = time.time
"""Seconds since the epoch; a seam for tests."""


def keeps_nothing(turn: Turn) -> bool:
    """Alexa: the skill asks but stores nothing about the answer or when it was given."""
    return capabilities.keeps_no_screen_answer(input_channel(turn.tracker))


def call_starts(turn: Turn) -> bool:
    """A new phone call: what the last call's screen said no longer counts."""
    return capabilities.is_calls(input_channel(turn.tracker)) and turn.text.strip() == CALL_START_TEXT


def call_started() -> list[dict[str, Any]]:
    return [*triage_state.question_answered(), *triage_state.screen_expired()]


def must_screen(turn: Turn) -> bool:
    """Whether a stretch asked for waits for the screen: Alexa always; elsewhere when never answered,
    too long ago, after any red-flag mention (which unsets the time) or after emergency advice."""
    if keeps_nothing(turn) or triage_state.emergency_advised(turn.tracker):
        return True
    return screen_due(triage_state.screened_at(turn.tracker), clock())


def screen_first(turn: Turn, pending: str, first_side: str | None = None) -> bool:
    """Ask the screen before ``pending`` (a stretch id or "all") when it is due; True if the stretch waits
    (and starts after a clear "no", with ``first_side`` first when the person asked for it)."""
    if not must_screen(turn):
        return False
    turn.say(screen_question(turn.content.clinic))
    turn.events.extend(triage_state.screen_asked(pending, first_side))
    return True


def takes_answer(turn: Turn) -> bool:
    """Whether this turn answers the question waiting (everything but "stop", "bye" and the hold timer)."""
    return triage_state.question_pending(turn.tracker) and turn.intent not in LEAVING_INTENTS


def answer(turn: Turn) -> None:
    """The answer to the waiting question: a clear yes is emergency advice; a clear no starts the stretch
    that waited (or returns to the place); anything else asks again, and the question stays open."""
    reading = read_answer(turn.text)
    if turn.text.startswith("/"):  # a Yes or No button, or Alexa's built-in YesIntent / NoIntent
        reading = {AFFIRM_INTENT: Answer.YES, DENY_INTENT: Answer.NO}.get(turn.intent, Answer.UNCLEAR)
    elif reading is Answer.UNCLEAR and says_no(turn.text) and turn.assessment.level is Level.NONE:
        reading = Answer.NO  # "no dear, none of that": a no in other words, naming no symptom
    # A typed "ok" the NLU reads as affirm stays unclear: "ok" to "do you have any of these?" means "go
    # ahead", and emergency advice for it is a false alarm (a patient said so).
    screen = triage_state.screen_pending(turn.tracker)
    clinic = turn.content.clinic
    if reading is Answer.YES:
        turn.say(safety_replies.emergency(clinic))
        if screen and keeps_nothing(turn):
            turn.events.extend([*leave_routine(), *triage_state.question_answered()])
        else:
            turn.events.extend(triage_state.after_emergency_advice())
    elif reading is Answer.NO:
        pending = triage_state.pending_stretch(turn.tracker)
        turn.events.extend(triage_state.all_clear())
        if not keeps_nothing(turn):  # the triage's question lists the same red flags as the screen
            turn.events.extend(triage_state.screened(clock()))
        if pending is not None:
            from actions.routine_actions import start_now  # the start path imports this module

            start_now(turn, pending)
        else:
            turn.say(safety_replies.all_clear(turn.content, turn.place.moment if turn.place else None))
    else:
        named = turn.content.find_stretch(turn.text) if screen else None
        if named is not None and named.id != triage_state.pending_stretch(turn.tracker):
            turn.events.extend(triage_state.screen_asked(named.id))  # "just the forward fold then": that one waits
            turn.say(join(Reply.plain(f"Okay, the {named.name} then."), screen_question(clinic)))
        else:
            turn.say(ask_again(clinic, screen=screen))
