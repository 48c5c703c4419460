"""The real Rasa server and action server, talked to over HTTP (REST channel) as a website would."""

from __future__ import annotations

import json
import uuid

from harness.stack import Stack
from pacing import Routine
from stretch_content import load_content
from tests.bot_messages import said

CONTENT = load_content()
CLINIC = CONTENT.clinic


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:8]}"


def test_forward_fold_walked_to_the_end_by_saying_next(rasa_stack: Stack) -> None:
    sender = new_sender()
    routine = Routine(CONTENT.stretch("forward_fold"))
    assert said(rasa_stack.rest(sender, "how do I do a forward fold")).startswith("Before we start")
    first = rasa_stack.rest(sender, "no")  # the screen before exercise answered
    assert CLINIC.consult in said(first)
    assert (routine.at(0).text or "-") in said(first)
    assert any(str(m.get("image", "")).endswith("/arms_raised.svg") for m in first)
    for moment in routine.moments[1:]:
        reply = said(rasa_stack.rest(sender, "next"))
        assert (moment.text or "-") in reply, reply
        assert f"step {moment.number} of {routine.total}" in reply  # a stretch done once through: every step counted
    assert "Well done" in said(rasa_stack.rest(sender, "next"))
    assert "not in the middle of a stretch" in said(rasa_stack.rest(sender, "next"))


def test_knee_twist_questions_mid_routine(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "let's do the knee twist")
    rasa_stack.rest(sender, "no")
    rasa_stack.rest(sender, "next")
    assert "Hold for 20 seconds." in said(rasa_stack.rest(sender, "next"))
    assert "Hold for 20 seconds." in said(rasa_stack.rest(sender, "how long do I hold it?"))
    assert "step 3, right side, round 1 of 3" in said(rasa_stack.rest(sender, "what step am I on?"))
    booking = said(rasa_stack.rest(sender, "what's your number?"))
    assert CLINIC.phone in booking and "step 3, right side, round 1 of 3" in booking
    assert "Return to center." in said(rasa_stack.rest(sender, "next"))


def test_switching_and_safety(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    rasa_stack.rest(sender, "no")
    switched = said(rasa_stack.rest(sender, "actually let's do forward fold instead"))
    assert "Forward Fold: step 1 of 4" in switched and CLINIC.consult not in switched
    pain = said(rasa_stack.rest(sender, "ouch, that really hurts"))
    assert "stop the Forward Fold" in pain and CLINIC.phone in pain
    emergency = said(rasa_stack.rest(sender, "I suddenly can't control my bladder"))
    assert "911" in emergency


def test_out_of_scope_gets_the_consult_message_and_keeps_the_place(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "cat-cow please")
    rasa_stack.rest(sender, "no")
    rasa_stack.rest(sender, "next")
    reply = said(rasa_stack.rest(sender, "can you prescribe oxycodone"))
    assert CLINIC.phone in reply and "Cat/Cow, step 2, round 1 of at least 5" in reply
    assert "step 3, round 1 of at least 5" in said(rasa_stack.rest(sender, "next"))


def test_bad_input_gets_a_clear_answer_and_loses_nothing(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through the one on all fours")
    rasa_stack.rest(sender, "no")
    assert "didn't get any words" in said(rasa_stack.rest(sender, "   "))
    assert "too long" in said(rasa_stack.rest(sender, "stretch " * 20_000))
    for internal in ("/restart", "/session_start", "/EXTERNAL_hold_over"):
        assert "isn't a command I know" in said(rasa_stack.rest(sender, internal))
    assert "step 2, round 1 of at least 5" in said(rasa_stack.rest(sender, "next"))
    status, _ = rasa_stack.post("/webhooks/rest/webhook", b'{"sender": "x", "message": ')
    assert status == 400
    status, _ = rasa_stack.post("/webhooks/rest/webhook", json.dumps({"message": "hi"}).encode())
    assert status == 400  # a missing sender is not a shared "default" conversation


def test_each_routine_starts_a_new_session_and_the_history_is_kept(rasa_stack: Stack) -> None:
    """Why: Rasa replays the whole session on every turn, so a session per routine keeps turns fast."""
    sender = new_sender()
    rasa_stack.rest(sender, "hello")
    rasa_stack.rest(sender, "let's do the knee twist")
    rasa_stack.rest(sender, "no")
    rasa_stack.rest(sender, "next")
    first_notice = said(rasa_stack.rest(sender, "actually let's do forward fold instead"))
    assert CLINIC.consult not in first_notice, "the safety notice is said once per conversation"
    assert "step 1 of 4" in said(rasa_stack.rest(sender, "what step am I on?"))
    events = rasa_stack.tracker(sender)["events"]  # the whole history, every session, from the store
    starts = [i for i, e in enumerate(events) if e["event"] == "session_started"]
    assert len(starts) == 3  # the conversation's first, then one per routine
    assert [e["text"] for e in events[starts[-1] :] if e["event"] == "user"] == ["what step am I on?"]
    assert len([e for e in events if e["event"] == "user"]) == 6
