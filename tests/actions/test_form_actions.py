"""Form questions mid-stretch through the actions: the step's words whatever catch-all intent the NLU gave."""

from __future__ import annotations

from actions.safety_actions import ActionAnswerBodyQuestion, ActionFallback
from tests.actions.helpers import CAT_COW, CLINIC, TWIST, at, said_and_set


async def test_an_off_topic_reading_of_a_form_question_gets_the_steps_words(make_tracker) -> None:
    tracker = make_tracker("wrists under shoulders or in front?", "out_of_scope", slots=at(CAT_COW, 0))
    said, slots, d = await said_and_set(ActionFallback(), tracker)
    assert "hands in line with your shoulders" in said and "outside what I can help with" not in said
    assert CLINIC.phone in said and slots == {} and d.messages[-1]["buttons"]


async def test_a_body_reading_of_a_form_question_on_a_hold_gets_the_pose_held(make_tracker) -> None:
    tracker = make_tracker("does my shoulder stay on the floor?", "ask_about_body", slots=at(TWIST, 2))
    said, slots, _ = await said_and_set(ActionAnswerBodyQuestion(), tracker)
    assert "Bend your right knee" in said and "can't assess" not in said and slots == {}


async def test_a_sensation_is_still_a_body_question(make_tracker) -> None:
    tracker = make_tracker("is it ok if my knee clicks?", "ask_about_body", slots=at(TWIST, 2))
    said, _, _ = await said_and_set(ActionAnswerBodyQuestion(), tracker)
    assert "can't assess" in said and "The guide says" not in said


async def test_outside_a_routine_there_is_no_step_to_quote(make_tracker) -> None:
    said, _, _ = await said_and_set(ActionFallback(), make_tracker("do my shoulders stay down?", "out_of_scope"))
    assert "The guide says" not in said
