"""The pain check-in as slot changes and store writes: offered when a session starts and when it ends.

The question and the reading of an answer are the pure core's (``pacing/checkin.py``). This module
decides when it is asked and what an answer does, and never blocks a flow: the question goes in its own
message after the reply that starts the first stretch (after the red-flag screen, which stays first)
and after the one that ends the session, with the step's own choices beside 0-10 and Skip; a number
while it is open is kept, "skip" or "I don't know" closes it, a question is answered and leaves it open
(the number that follows still answers it), and any other message ("next", "stop") closes it and is
answered exactly as if it had never been asked.

Slots: ``checkin_open`` ("before"/"after" while the question waits), ``progress_session`` (the session's
id, shared by its two answers) and ``pain_before`` (the session's first answer, for the change).
Alexa is never asked (Amazon's policy for skills that are not HIPAA-eligible: no health answers), so
only its sessions are kept (channels/alexa/README.md).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from actions.output import input_channel
from channels import capabilities
from pacing import Choice, Reply, checkin, commands
from pacing.replies import keep_place, way_forward
from pacing.reply import join
from storage import progress
from triage import Level

if TYPE_CHECKING:
    from actions.base import Turn

OPEN_SLOT = "checkin_open"
SESSION_SLOT = "progress_session"
BEFORE_SLOT = "pain_before"
SCORE_OUTSIDE_INTENTS = frozenset({"nlu_fallback", "out_of_scope", "ask_suitability", "ask_about_body"})
"""Intents a bare number lands in when nothing was asked: it gets "I only note a score when I ask"."""

_store: progress.ProgressStore | None = None


def store() -> progress.ProgressStore | None:
    """The progress store the Rasa server's tracker store lives in (``$ENDPOINTS``), once it exists."""
    global _store
    if _store is None:
        _store = progress.from_endpoints()
    return _store


def use_store(found: progress.ProgressStore | None) -> None:
    """A seam for tests: the store the actions write to (None: look it up again)."""
    global _store
    _store = found


def asks(turn: Turn) -> bool:
    """The channels an answer can be kept for (web, REST, phone: a namespaced conversation), never Alexa,
    whose skill keeps no health answer; not Rasa's shell or a conversation of no channel."""
    if capabilities.keeps_no_screen_answer(input_channel(turn.tracker)):
        return False
    return progress.channel_of(turn.tracker.sender_id) in {"web", "rest", "phone"}


def open_phase(turn: Turn) -> str | None:
    phase = turn.tracker.get_slot(OPEN_SLOT)
    return phase if phase in progress.PHASES else None


def session_id(turn: Turn) -> str | None:
    value = turn.tracker.get_slot(SESSION_SLOT)
    return value if isinstance(value, str) and value else None


def before_score(turn: Turn) -> int | None:
    value = turn.tracker.get_slot(BEFORE_SLOT)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if 0 <= value <= 10 else None


def close() -> list[dict[str, Any]]:
    return [SlotSet(OPEN_SLOT, None)]


def dropped(turn: Turn) -> list[dict[str, Any]]:
    """After emergency advice a check-in still open is dropped: a later number is not taken for it."""
    return close() if open_phase(turn) is not None else []


def _record_session(turn: Turn, session: str, event: str, stretch: str) -> None:
    found = store()
    if found is not None:
        found.record_session(turn.tracker.sender_id, session, event, stretch)


def session_start(turn: Turn, stretch: str, start: Reply) -> list[Reply]:
    """A session's first stretch: a new session id, and the replies that start it, with the check-in (not on
    Alexa) after the step and, for someone who is back, their rhythm first ("This is your 3rd session ...").

    On the web page and the phone the check-in is part of the reply that shows the step (the card keeps the
    step's picture, words and Next, the 0-10 scale under them; a call listens only after its last reply),
    the step's prompt kept for a caller who stays silent; on REST it is a message of its own after the step.
    """
    if progress.channel_of(turn.tracker.sender_id) is None:  # Rasa's shell: no channel, nothing kept or asked
        return [start]
    session = uuid.uuid4().hex
    _record_session(turn, session, "started", stretch)
    turn.events.extend([SlotSet(SESSION_SLOT, session), SlotSet(BEFORE_SLOT, None), *close()])
    if not asks(turn):
        return [start]
    from actions.progress_history import rhythm  # it reads the store through this module

    turn.events.append(SlotSet(OPEN_SLOT, "before"))
    lead, question = rhythm(turn), checkin.question("before", start.choices)
    channel = input_channel(turn.tracker)
    if capabilities.is_calls(channel) or capabilities.times_holds(channel):  # the phone, the web page
        joined = join(lead, start, question)
        return [replace(joined, reprompt=start.reprompt or joined.reprompt)]
    return [start, join(lead, question) if lead else question]


def stretch_finished(turn: Turn, stretch: str) -> None:
    """One stretch of the session done (kept on every channel: no health answer in it)."""
    session = session_id(turn)
    if session is not None:
        _record_session(turn, session, "finished", stretch)


def session_ended(turn: Turn, next_choices: tuple[Choice, ...]) -> None:
    """The session's last stretch is done: the same question once more (not on Alexa)."""
    if session_id(turn) is not None and asks(turn):
        turn.say(checkin.question("after", next_choices))
        turn.events.append(SlotSet(OPEN_SLOT, "after"))


def _place_reply(turn: Turn) -> Reply:
    """Where they are, with the step's choices (the hold they are in runs on); outside a routine, the way on."""
    if turn.place is None:
        return way_forward(turn.content, None)
    turn.keeps_hold = True
    return keep_place(turn.place.moment)


def _answered(turn: Turn, said: Reply) -> None:
    turn.say(join(said, _place_reply(turn)))
    turn.keep_hold_timer()


def reads_as_score(turn: Turn) -> bool:
    """The check-in is open and the message gives one number for it, whatever else it says or in what language."""
    return open_phase(turn) is not None and checkin.read_score(turn.text).reading is checkin.Reading.SCORE


PLACE_COMMANDS = frozenset({"next", "back", "repeat", "pause", "progress", "resume"})
"""Commands that only mean something in a routine: after the session's last check-in they are not carried out."""


def command_beside(turn: Turn) -> commands.Command | None:
    """The command said with the score ("3. next", "1. kids need breakfast, stop"), to carry out once the
    score is noted; None without one, or for a step command with no routine running."""
    command = checkin.command_beside_score(turn.text)
    if command in PLACE_COMMANDS and turn.place is None:
        return None
    return command


def intercept(turn: Turn) -> bool:
    """An answer to the open check-in (True: answered here), or a bare number when none is open.

    Any other message closes the question and returns False: the action answers it as it always would.
    """
    phase = open_phase(turn)
    answer = checkin.read_score(turn.text)
    if phase is None:
        # a bare number nobody asked for; "my pain is a 7 now" mid-stretch is pain, and the stretch stops
        bare = turn.assessment.level is not Level.PAIN
        if answer.reading is checkin.Reading.SCORE and turn.intent in SCORE_OUTSIDE_INTENTS and bare:
            turn.say(join(checkin.not_asked(), way_forward(turn.content, turn.place.moment if turn.place else None)))
            return True
        return False
    clinic = turn.content.clinic
    if answer.reading is checkin.Reading.SCORE and answer.score is not None:
        before = before_score(turn)
        session = session_id(turn) or uuid.uuid4().hex
        found = store()
        if found is not None:
            found.record_checkin(turn.tracker.sender_id, session, phase, answer.score, time.time())
        turn.events.extend(close())
        if phase == "before":
            turn.events.append(SlotSet(BEFORE_SLOT, float(answer.score)))
        said = checkin.acknowledge(clinic, phase, answer.score, before)
        turn.then = command_beside(turn)
        if turn.then is None:
            _answered(turn, said)
        else:  # "3. next": the score noted, then the command carried out (its reply gives the place)
            turn.say(said)
        return True
    if answer.reading in (checkin.Reading.SKIP, checkin.Reading.UNSURE):
        turn.events.extend(close())
        _answered(turn, checkin.closed(answer))
        return True
    if answer.reading in (checkin.Reading.OUT_OF_RANGE, checkin.Reading.UNCLEAR):
        again = checkin.ask_again(clinic, answer)
        place = turn.place
        if place is not None:  # the step's choices stay beside the scale
            turn.keeps_hold = True
            again = Reply(
                text=again.text,
                speech=again.speech,
                choices=(*again.choices, *keep_place(place.moment).choices),
                reprompt=again.reprompt,
            )
        turn.say(again)
        turn.keep_hold_timer()
        return True
    if not asks_something(turn):  # "next", "stop": the question lapses; a question leaves it open for a number
        turn.events.extend(close())
    return False


def asks_something(turn: Turn) -> bool:
    """A question ("how long does it take?", "can I do it on the bed?"), answered while the 0-10 question
    waits: the number that comes after it is still the answer."""
    return turn.intent.startswith("ask_") or turn.text.rstrip().endswith("?")
