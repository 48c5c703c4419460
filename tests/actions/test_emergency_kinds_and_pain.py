"""The base's emergency and pain branches: the reply fits the kind of emergency and whose it is, whatever
action the NLU chose; pain outside a routine is answered as pain, and requests beside it as asked.

The emergency tests give the action a triage decision directly (``actions.base.assess``), so what is
tested here is what the actions do with one, not how the triage reads a message.
"""

from __future__ import annotations

import pytest

from actions import base
from actions.info_actions import ActionAffirm, ActionGreet, ActionNoMessages
from actions.routine_actions import ActionNextStep, ActionStartStretch, ActionTellHoldDuration
from actions.safety_actions import ActionFallback, ActionNotUnderstood, ActionStopForPain
from tests.actions.helpers import CAT_COW, CLINIC, CONTENT, at, left_routine, slot_events, texts
from triage import Assessment, Level

STRETCH_NAMES = [s.name for s in CONTENT.stretches]


def triage_says(monkeypatch: pytest.MonkeyPatch, *flags: str, about_other: bool = False) -> None:
    decision = Assessment(Level.EMERGENCY, flags, "given by the test", about_other=about_other)
    monkeypatch.setattr(base, "assess", lambda text: decision)


async def test_a_suicidal_message_mid_routine_gets_988_and_ends_the_routine(
    dispatcher, make_tracker, monkeypatch
) -> None:
    triage_says(monkeypatch, "suicidal")
    tracker = make_tracker("next. honestly i dont want to be here anymore", "next_step", slots=at(CAT_COW, 2))
    events = await ActionNextStep().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert "988" in said and "911" in said
    assert not any(name in said for name in STRETCH_NAMES) and not dispatcher.messages[0].get("buttons")
    slots = slot_events(events)
    assert left_routine(slots) and slots["emergency_advised"] is True


async def test_a_poisoning_gets_poison_help_whatever_the_intent(dispatcher, make_tracker, monkeypatch) -> None:
    triage_says(monkeypatch, "overdose", about_other=True)
    tracker = make_tracker("my little boy got into the dishwasher pods and swallowed one", "greet")
    await ActionGreet().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert "1-800-222-1222" in said and "911" in said and "they" in said
    assert "?" not in said  # nothing asked of the writer about their own symptoms


async def test_someone_elses_fall_gets_911_for_them(dispatcher, make_tracker, monkeypatch) -> None:
    triage_says(monkeypatch, "trauma", "legs", about_other=True)
    tracker = make_tracker("my dad fell off the step ladder and now he cant move his legs", "report_red_flag")
    await ActionNotUnderstood().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert "Call 911 for them now" in said and "?" not in said


async def test_back_pain_red_flags_still_get_911_or_the_er(dispatcher, make_tracker) -> None:
    tracker = make_tracker("next, but I lost control of my bladder", "next_step", slots=at(CAT_COW, 1))
    events = await ActionNextStep().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert said.startswith(CLINIC.emergency) and "988" not in said
    assert left_routine(slot_events(events))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("my back is killing me", "nlu_fallback"),
        ("lower back agony today", "out_of_scope"),
        ("my back hurts so bad today", "report_pain"),
        ("ugh my lower back is really sore this morning", "greet"),
        ("my back is killing me", "report_red_flag"),
        ("how long do i hold these, my back is killing me", "ask_hold_duration"),
        # told, not asked: the NLU's reading of an answered intent does not make it a request
        ("uff da, that twist about did me in, back's aching more than before I started", "ask_session_time"),
        ("stretched last night and this morning im sore as all get out, stiffer than before", "ask_suitability"),
        ("the fold is pulling hard behind my knees and now my back is throbbing", "ask_benefits"),
        ("wrists are killing me in the cat cow position, got arthritis in em", "ask_suitability"),
        ("pain went from a 3 to a 6 during the stretches", "leave_message"),
    ],
)
async def test_pain_outside_a_routine_is_answered_as_pain_whatever_the_nlu_made_of_it(
    dispatcher, make_tracker, text: str, intent: str
) -> None:
    action = {
        "nlu_fallback": ActionFallback,
        "out_of_scope": ActionFallback,
        "report_pain": ActionStopForPain,
        "report_red_flag": ActionNotUnderstood,
        "ask_hold_duration": ActionTellHoldDuration,
    }.get(intent, ActionGreet)()
    events = await action.run(dispatcher, make_tracker(text, intent), {})
    said = texts(dispatcher)
    assert "didn't understand" not in said and "outside what I can help" not in said
    assert "don't continue a stretch that hurts" in said and CLINIC.phone in said and CLINIC.red_flags in said
    assert "911" not in said
    buttons = [b["title"] for b in dispatcher.messages[-1]["buttons"]]
    assert set(STRETCH_NAMES) <= set(buttons)  # offered, not started
    assert slot_events(events).get("routine_stretch") is None


async def test_a_stretch_asked_for_by_name_with_pain_outside_a_routine_still_starts(dispatcher, make_tracker) -> None:
    entities = [{"entity": "stretch", "value": "cat cow"}]
    tracker = make_tracker("my back hurts, can we do cat cow", "request_stretch", entities=entities)
    events = await ActionStartStretch().run(dispatcher, tracker, {})
    assert slot_events(events)["routine_stretch"] == "cat_cow"
    assert CLINIC.stop_if_it_hurts in texts(dispatcher)


async def test_yes_to_a_stretch_just_offered_starts_it_even_with_pain(dispatcher, make_tracker) -> None:
    tracker = make_tracker("yes please, my back hurts", "affirm", slots={"pending_stretch": "forward_fold"})
    events = await ActionAffirm().run(dispatcher, tracker, {})
    assert slot_events(events)["routine_stretch"] == "forward_fold"


async def test_pain_answering_the_red_flag_question_is_its_answer_not_a_pain_reply(dispatcher, make_tracker) -> None:
    tracker = make_tracker("yes and my back hurts", "affirm", slots={"safety_question": "red_flag"})
    await ActionAffirm().run(dispatcher, tracker, {})
    assert texts(dispatcher).startswith(CLINIC.emergency)


async def test_a_message_to_pass_on_beside_pain_still_hears_that_no_one_will_call(dispatcher, make_tracker) -> None:
    tracker = make_tracker("my back hurts, please tell the doctor i called", "leave_message")
    await ActionNoMessages().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert "no one will call you" in said and CLINIC.phone in said


async def test_a_recent_procedure_gets_the_consult_advice_not_the_red_flag_question(dispatcher, make_tracker) -> None:
    tracker = make_tracker("just had a lumbar puncture this morning, can I stretch tonight", "ask_session_time")
    await ActionGreet().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert said.startswith("I can't tell whether these stretches are safe for you") and CLINIC.consult in said
    assert "right now" not in said and "911" not in said
