"""One-turn answers and safety actions: booking, list, help, greet, yes/no, fallback, pain, emergency."""

from __future__ import annotations

import pytest

from actions.info_actions import (
    ActionAffirm,
    ActionBookingInfo,
    ActionDeny,
    ActionGreet,
    ActionHelp,
    ActionListStretches,
)
from actions.safety_actions import ActionFallback, ActionNotUnderstood, ActionStopForPain
from pacing import Routine
from stretch_content import load_content
from tests.actions.helpers import RestDispatcher, slot_events, texts

CONTENT = load_content()
CLINIC = CONTENT.clinic
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
MID_CAT_COW = {"routine_stretch": "cat_cow", "routine_step": 1.0, "safety_notice_given": True}


async def test_booking_gives_name_number_and_what_to_say(dispatcher, make_tracker) -> None:
    events = await ActionBookingInfo().run(dispatcher, make_tracker("how do I book", "book_appointment"), {})
    said = texts(dispatcher)
    assert CLINIC.name in said and CLINIC.phone in said and CLINIC.booking_script in said
    assert events == []


async def test_booking_mid_routine_lets_them_carry_on(dispatcher, make_tracker) -> None:
    events = await ActionBookingInfo().run(dispatcher, make_tracker("what's your number", slots=MID_CAT_COW), {})
    said = texts(dispatcher)
    assert CLINIC.phone in said and "step 2, round 1 of at least 5" in said
    assert slot_events(events) == {}


async def test_list_offers_buttons_and_targets(dispatcher, make_tracker) -> None:
    await ActionListStretches().run(dispatcher, make_tracker("what stretches help", "list_stretches"), {})
    said = texts(dispatcher)
    assert all(s.targets in said for s in CONTENT.stretches)
    assert len(dispatcher.messages[0]["buttons"]) == 3


async def test_greet_and_help_say_not_a_clinician(make_tracker) -> None:
    for action in (ActionGreet(), ActionHelp()):
        d = RestDispatcher()
        await action.run(d, make_tracker("hi", "greet"), {})
        assert "not a substitute for a clinician" in texts(d)
    d = RestDispatcher()
    await ActionHelp().run(d, make_tracker("help", "ask_capabilities", slots=MID_CAT_COW), {})
    assert "step 2, round 1 of at least 5" in texts(d) and "how long do I hold it" in texts(d)


async def test_yes_mid_routine_is_next_and_otherwise_lists(make_tracker) -> None:
    d = RestDispatcher()
    events = await ActionAffirm().run(d, make_tracker("yes", "affirm", slots=MID_CAT_COW), {})
    assert slot_events(events)["routine_step"] == 2.0
    d = RestDispatcher()
    await ActionAffirm().run(d, make_tracker("yes", "affirm"), {})
    assert all(s.name in texts(d) for s in CONTENT.stretches)


async def test_no_never_ends_a_routine(make_tracker) -> None:
    d = RestDispatcher()
    events = await ActionDeny().run(d, make_tracker("no", "deny", slots=MID_CAT_COW), {})
    assert slot_events(events) == {} and "step 2, round 1 of at least 5" in texts(d)
    d = RestDispatcher()
    await ActionDeny().run(d, make_tracker("no", "deny"), {})
    assert "No problem" in texts(d)


async def test_fallback_is_short_names_medication_only_when_asked_and_keeps_the_place(dispatcher, make_tracker) -> None:
    tracker = make_tracker("can you prescribe oxycodone", "out_of_scope", slots=MID_CAT_COW)
    events = await ActionFallback().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert said.startswith("I can't advise on medication.") and CLINIC.phone in said
    assert CLINIC.consult not in said
    assert "the Cat/Cow, step 2, round 1 of at least 5" in said and dispatcher.messages[-1]["buttons"]
    assert slot_events(events) == {}


@pytest.mark.parametrize(
    ("text", "intent", "lead"),
    [
        ("should i get surgery", "ask_medical_advice", "I'm a stretch coach, so I can't diagnose"),
        ("what's the weather like", "out_of_scope", "Sorry, that's outside what I can help with"),
        ("blorp zzz", "nlu_fallback", "Sorry, I didn't understand that."),
    ],
)
async def test_each_kind_of_fallback_has_its_own_sentence_and_the_number(make_tracker, text, intent, lead) -> None:
    d = RestDispatcher()
    await ActionFallback().run(d, make_tracker(text, intent), {})
    said = texts(d)
    assert said.startswith(lead) and CLINIC.phone in said and "medication" not in said
    assert len(said.split("\n\n")[0].split(". ")) <= 3


async def test_fallback_without_routine_offers_what_it_can_do(dispatcher, make_tracker) -> None:
    await ActionFallback().run(dispatcher, make_tracker("what's the weather", "nlu_fallback"), {})
    assert CLINIC.phone in texts(dispatcher)
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]][-1] == "Book an appointment"


async def test_fallback_that_hears_pain_stops_the_routine(dispatcher, make_tracker) -> None:
    events = await ActionFallback().run(
        dispatcher, make_tracker("owww this really hurts", "nlu_fallback", slots=MID_CAT_COW), {}
    )
    assert slot_events(events)["routine_stretch"] is None
    assert "stop the Cat/Cow" in texts(dispatcher) and CLINIC.phone in texts(dispatcher)


async def test_pain_stops_the_routine_and_points_to_a_professional(dispatcher, make_tracker) -> None:
    events = await ActionStopForPain().run(dispatcher, make_tracker("ouch", "report_pain", slots=MID_CAT_COW), {})
    assert slot_events(events)["routine_step"] is None
    said = texts(dispatcher)
    assert "stop the Cat/Cow" in said and CLINIC.phone in said and "911" not in said


async def test_pain_intent_without_pain_now_is_a_question_and_keeps_the_place(dispatcher, make_tracker) -> None:
    tracker = make_tracker("what if it hurts while i'm doing it?", "report_pain", slots=MID_CAT_COW)
    events = await ActionStopForPain().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert CLINIC.stop_if_it_hurts in said and "step 2, round 1 of at least 5" in said
    assert slot_events(events) == {}


async def test_red_flag_words_get_emergency_advice_first(dispatcher, make_tracker) -> None:
    tracker = make_tracker("my groin has gone numb", "report_red_flag", slots=MID_CAT_COW)
    events = await ActionNotUnderstood().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert said.startswith(CLINIC.emergency) and said.index("911") < said.index(CLINIC.phone)
    assert not dispatcher.messages[-1].get("buttons")
    slots = slot_events(events)
    assert slots["routine_stretch"] is None and slots["emergency_advised"] is True


async def test_red_flag_intent_the_triage_does_not_confirm_is_no_alarm(dispatcher, make_tracker) -> None:
    tracker = make_tracker("where can i get my w2 from", "report_red_flag", slots=MID_CAT_COW)
    events = await ActionNotUnderstood().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert "911" not in said and "right now" not in said and "step 2, round 1 of at least 5" in said
    assert slot_events(events) == {}
