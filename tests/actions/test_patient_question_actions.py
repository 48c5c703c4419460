"""The actions for the patients' questions of issue 17, run as the action server runs them."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.info_actions import (
    ActionAffirm,
    ActionAnswerModification,
    ActionAnswerSuitability,
    ActionDeny,
    ActionNoMessages,
    ActionUnwell,
    retention_days,
)
from actions.pain_memory import PAIN_STOP_SLOT
from actions.routine_actions import (
    ActionNextStep,
    ActionResumeRoutine,
    ActionSkipStretch,
    ActionStartStretch,
    ActionTellHoldDuration,
    ActionTellSessionTime,
)
from actions.safety_actions import ActionFallback
from tests.actions.helpers import CAT_COW, CLINIC, FOLD, TWIST, at, left_routine, said_and_set

FOLD_VARIATION = "For an easier version, you can bend your knees, or try the seated version of the pose."


def tracker_after(text: str, intent: str, slots: dict[str, Any], last_action: str | None = None) -> Tracker:
    """A tracker whose last coach action before this message was ``last_action``."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": []}
    events: list[dict[str, Any]] = []
    if last_action:
        events += [{"event": "action", "name": last_action}, {"event": "bot", "text": "..."}]
        events += [{"event": "action", "name": "action_listen"}]
    events.append({"event": "user", "text": text, "parse_data": latest, "input_channel": "rest"})
    return Tracker("test-user", slots, latest, events, False, None, {}, "action_listen")


async def test_suitability_outside_a_routine(make_tracker) -> None:
    text = "i have arthritis in my knees and hips and im 68. are these strethces safe for me"
    said, slots, _ = await said_and_set(ActionAnswerSuitability(), make_tracker(text, "ask_suitability"))
    assert CLINIC.consult in said and CLINIC.phone in said
    assert "ask the doctor who looks after it" in said
    assert slots == {}


async def test_suitability_mid_routine_keeps_the_place(make_tracker) -> None:
    tracker = make_tracker("should i ask my surgeon before doing cat cow too?", "ask_suitability", at(CAT_COW, 2))
    said, slots, _ = await said_and_set(ActionAnswerSuitability(), tracker)
    assert "ask your surgeon" in said and "You're on the Cat/Cow" in said
    assert "routine_stretch" not in slots


async def test_modification_from_the_content_mid_fold(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionAnswerModification(), make_tracker("is there a seated version", "ask_modification", at(FOLD, 1))
    )
    assert FOLD_VARIATION in said
    assert "routine_stretch" not in slots


async def test_modification_outside_a_routine_offers_the_stretch(make_tracker) -> None:
    tracker = make_tracker("can i do the forward fold in a chair", "ask_modification")
    said, slots, _ = await said_and_set(ActionAnswerModification(), tracker)
    assert "doesn't describe doing it on a chair" in said
    assert slots["pending_stretch"] == "forward_fold"  # a yes starts it


async def test_a_question_naming_another_stretch_does_not_start_it(make_tracker) -> None:
    tracker = make_tracker("can i do the forward fold with my bump?", "request_stretch", at(CAT_COW, 2))
    said, slots, _ = await said_and_set(ActionStartStretch(), tracker)
    assert "In pregnancy or after giving birth, ask your midwife or doctor" in said
    assert "routine_stretch" not in slots  # Cat/Cow kept


async def test_skip_in_a_session_goes_to_the_next_stretch(make_tracker) -> None:
    slots_in = at(TWIST, 3, routine_queue=["cat_cow", "forward_fold"])
    said, slots, _ = await said_and_set(ActionSkipStretch(), make_tracker("skip this one", "skip_stretch", slots_in))
    assert "skipping the Lying Knee Twist" in said
    assert slots["routine_stretch"] == "cat_cow" and slots["routine_step"] == 0.0
    assert slots["routine_queue"] == ["forward_fold"]


async def test_skip_alone_ends_it_and_offers_the_others(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionSkipStretch(), make_tracker("skip this one", "skip_stretch", at(TWIST, 3))
    )
    assert "skipping the Lying Knee Twist" in said and "Cat/Cow" in said
    assert left_routine(slots)


async def test_skip_to_a_named_stretch_starts_it(make_tracker) -> None:
    tracker = make_tracker("can i skip to cat cow, short on time", "skip_stretch", at(TWIST, 3))
    said, slots, _ = await said_and_set(ActionSkipStretch(), tracker)
    assert slots["routine_stretch"] == "cat_cow" and slots["routine_step"] == 0.0
    assert "Get on all fours" in said


async def test_skip_a_step_moves_one_on(make_tracker) -> None:
    _, slots, _ = await said_and_set(ActionSkipStretch(), make_tracker("skip this step", "skip_stretch", at(FOLD, 1)))
    assert slots["routine_step"] == 2.0


async def test_session_time_outside_and_from_the_hold_question(make_tracker) -> None:
    text = "how long will all three take? i have like 10 min"
    said, _, _ = await said_and_set(ActionTellSessionTime(), make_tracker(text, "ask_session_time"))
    assert "about 9 to 11 minutes" in said and "estimate" in said
    said, slots, _ = await said_and_set(
        ActionTellHoldDuration(), make_tracker("how long will this take", "ask_hold_duration", at(CAT_COW, 1))
    )
    assert "The rest of the Cat/Cow takes" in said and "routine_step" not in slots


async def test_ok_holding_on_a_hold_does_not_advance(make_tracker) -> None:
    said, slots, _ = await said_and_set(ActionNextStep(), make_tracker("ok holding", "next_step", at(TWIST, 2)))
    assert "keep holding" in said
    assert "routine_step" not in slots
    _, slots, _ = await said_and_set(ActionNextStep(), make_tracker("ok next", "next_step", at(TWIST, 2)))
    assert slots["routine_step"] == 3.0


async def test_dizzy_mid_routine_pauses_and_rests(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionUnwell(), make_tracker("i feel a little dizzy", "report_unwell", at(CAT_COW, 3))
    )
    assert "rest" in said and 'Say "next" to carry on' not in said
    assert "routine_stretch" not in slots  # the place is kept, paused


async def test_no_messages_and_the_retention(make_tracker, monkeypatch) -> None:
    monkeypatch.delenv("TRACKER_RETENTION_DAYS", raising=False)
    said, _, _ = await said_and_set(
        ActionNoMessages(), make_tracker("my number is 612-555-0147, call after 5pm", "leave_message")
    )
    assert "I can't pass on messages or arrange a call" in said and CLINIC.phone in said
    assert "30 days" in said
    monkeypatch.setenv("TRACKER_RETENTION_DAYS", "0")
    assert retention_days() is None


async def test_pain_stop_remembers_the_place_and_resume_asks_first(make_tracker) -> None:
    _, slots, _ = await said_and_set(
        ActionNextStep(), make_tracker("ow that really hurts", "next_step", at(CAT_COW, 4))
    )
    assert left_routine(slots) and slots[PAIN_STOP_SLOT] == "cat_cow:4"
    memory = {PAIN_STOP_SLOT: "cat_cow:4", "safety_notice_given": True}
    said, slots, _ = await said_and_set(ActionResumeRoutine(), make_tracker("resume", "resume_routine", memory))
    assert "because it hurt" in said and "Does it still hurt?" in said
    assert "routine_stretch" not in slots


async def test_no_it_does_not_hurt_goes_back_where_they_stopped() -> None:
    memory = {PAIN_STOP_SLOT: "cat_cow:4", "safety_notice_given": True}
    tracker = tracker_after("no", "deny", memory, last_action="action_resume_routine")
    said, slots, _ = await said_and_set(ActionDeny(), tracker)
    assert slots["routine_stretch"] == "cat_cow" and slots["routine_step"] == 4.0
    assert slots[PAIN_STOP_SLOT] is None
    step_text = CAT_COW.at(4).text
    assert step_text and step_text in said


async def test_yes_it_still_hurts_stays_stopped() -> None:
    memory = {PAIN_STOP_SLOT: "cat_cow:4"}
    said, slots, _ = await said_and_set(ActionAffirm(), tracker_after("yes", "affirm", memory, "action_resume_routine"))
    assert "don't continue a stretch that hurts" in said
    assert "routine_stretch" not in slots


async def test_a_no_long_after_the_question_is_an_ordinary_no() -> None:
    memory = {PAIN_STOP_SLOT: "cat_cow:4"}
    said, slots, _ = await said_and_set(ActionDeny(), tracker_after("no", "deny", memory, "action_greet"))
    assert "routine_stretch" not in slots and "Back to where you stopped" not in said


async def test_a_red_flag_in_spanish_gets_the_advice_in_both_languages(make_tracker) -> None:
    tracker = make_tracker("y no puedo controlar la orina desde ayer", "out_of_scope", at(CAT_COW, 2))
    said, slots, _ = await said_and_set(ActionNextStep(), tracker)
    assert "Llame al 911" in said and "Call 911" in said
    assert left_routine(slots) and slots["emergency_advised"] is True


async def test_a_question_the_nlu_could_not_read_still_gets_the_clinics_answer(make_tracker) -> None:
    tracker = make_tracker("can i do the forward fold with my bump?", "nlu_fallback", at(CAT_COW, 2))
    said, slots, _ = await said_and_set(ActionFallback(), tracker)
    assert "ask your midwife or doctor" in said and "Sorry, I didn't understand" not in said
    assert "routine_stretch" not in slots
    said, _, _ = await said_and_set(
        ActionFallback(), make_tracker("what's the weather", "nlu_fallback", at(CAT_COW, 2))
    )
    assert "Sorry, I didn't understand" in said


async def test_a_switch_read_as_a_modification_still_switches(make_tracker) -> None:
    entities = [{"entity": "stretch", "value": "fold"}]
    tracker = make_tracker("can i just do the fold instead", "ask_modification", at(TWIST, 3), entities)
    _, slots, _ = await said_and_set(ActionAnswerModification(), tracker)
    assert slots["routine_stretch"] == "forward_fold" and slots["routine_step"] == 0.0
