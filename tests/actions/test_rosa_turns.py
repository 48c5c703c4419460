"""Issue 17, a live tester's turns (Rosa) through the actions, with the intents the NLU actually gave them
(read from her conversations): the place is kept, nothing stops for pain that was not pain, no red-flag
question for a noise, the guide's own words answer, and the medication line is never dropped."""

from __future__ import annotations

from typing import Any

from actions.info_actions import ActionAnswerModification, ActionAnswerSuitability
from actions.routine_actions import (
    ActionNextStep,
    ActionStartAllStretches,
    ActionStopRoutine,
    ActionTellHoldDuration,
    ActionTellRepetitions,
    ActionTellSessionTime,
    ActionTellSide,
)
from actions.safety_actions import ActionAnswerBodyQuestion, ActionFallback
from tests.actions.helpers import CAT_COW, FOLD, TWIST, at, said_and_set

PHONE = "(763) 201-8191"
MEDICATION = "I can't advise on medication. A medical professional can help with that"
RED_FLAG_QUESTION = "Are you having any of these right now"
PAIN_STOP = "don't continue a stretch that hurts"


async def test_a_pull_not_bad_pain_keeps_the_twist(make_tracker: Any) -> None:
    text = "ok doing left. oof i feel that in my hip, like a pull not bad pain"
    said, slots, _ = await said_and_set(ActionAnswerBodyQuestion(), make_tracker(text, "ask_about_body", at(TWIST, 10)))
    assert PAIN_STOP not in said and said.startswith("Thanks for telling me it's a stretch, not pain.")
    assert "noticeable stretch along your spine" in said and "step 2, left side, round 1 of 3" in said
    assert "routine_stretch" not in slots  # nothing moved


async def test_a_pull_that_hurts_still_stops(make_tracker: Any) -> None:
    text = "oof i feel that in my hip, its a pull and it hurts"
    said, slots, _ = await said_and_set(ActionAnswerBodyQuestion(), make_tracker(text, "ask_about_body", at(TWIST, 10)))
    assert PAIN_STOP in said and slots["routine_stretch"] is None


async def test_breathing_and_a_crunchy_neck_get_the_cue_and_no_red_flag_question(make_tracker: Any) -> None:
    text = "should i breathe in on this one? and my neck gets kinda crunchy looking up is that normal"
    said, slots, _ = await said_and_set(
        ActionAnswerBodyQuestion(), make_tracker(text, "ask_about_body", at(CAT_COW, 2))
    )
    assert RED_FLAG_QUESTION not in said and "safety_question" not in slots
    assert said.startswith("This step gives no breathing cue.")
    assert "doesn't say anything about a noise like that" in said and "step 3, round 1 of at least 5" in said


async def test_no_with_a_complaint_answers_the_open_red_flag_question(make_tracker: Any) -> None:
    slots_before = at(CAT_COW, 2, safety_question="red_flag")
    tracker = make_tracker("no?? i just asked about breathing in", "ask_breathing", slots_before)
    said, slots, _ = await said_and_set(ActionFallback(), tracker)
    assert "Sorry, I need a clear yes or no" not in said
    assert slots["safety_question"] is None and "step 3, round 1 of at least 5" in said


async def test_how_to_come_back_up_keeps_the_fold(make_tracker: Any) -> None:
    text = "how long do i stay folded over and how do i come back up without hurting my back"
    said, slots, _ = await said_and_set(ActionTellHoldDuration(), make_tracker(text, "ask_hold_duration", at(FOLD, 3)))
    assert PAIN_STOP not in said and "routine_stretch" not in slots
    assert "The clinic's guide doesn't say how to come back up from the Forward Fold." in said
    assert "step 4 of 4" in said and PHONE in said


async def test_extra_rounds_on_the_left_is_no_side_switch(make_tracker: Any) -> None:
    text = "my left side is the bad one, can i do extra rounds on the left"
    said, slots, _ = await said_and_set(ActionTellSide(), make_tracker(text, "ask_side", at(TWIST, 4)))
    assert "over to your left side" not in said and "routine_step" not in slots
    assert said.startswith("The clinic's guide says to repeat the Lying Knee Twist 3 times on each side.")
    assert "step 2, right side, round 2 of 3" in said


async def test_can_i_change_how_many_rounds(make_tracker: Any) -> None:
    text = "ugh. can i change how many rounds i do"
    said, _, _ = await said_and_set(ActionTellRepetitions(), make_tracker(text, "ask_repetitions", at(TWIST, 4)))
    assert "It doesn't say to do more or fewer rounds, or extra on one side" in said


async def test_five_or_ten_rounds_is_answered_from_the_guide_not_as_suitability(make_tracker: Any) -> None:
    text = "ok back, that was my 4 oclock cancelling. can i just do 5 rounds and be done or is 10 better"
    said, _, _ = await said_and_set(ActionAnswerSuitability(), make_tracker(text, "ask_suitability", at(CAT_COW, 4)))
    assert "I can't tell whether these stretches are safe for you" not in said
    assert "anywhere from 5 to 10 times: you can finish after 5, or go on up to 10." in said
    assert "step 3, round 2 of at least 5" in said


async def test_a_score_and_the_aleve_mid_fold_start_nothing(make_tracker: Any) -> None:
    slots_before = at(FOLD, 0, checkin_open="before")
    text = "7 tonite. so did u see my q about the aleve"
    said, slots, _ = await said_and_set(ActionStartAllStretches(), make_tracker(text, "do_all_stretches", slots_before))
    assert said.startswith(MEDICATION) and "7 out of 10, noted" in said
    assert "we'll do all 3 stretches" not in said and "routine_stretch" not in slots and "step 1 of 4" in said


async def test_the_aleve_beside_a_request_keeps_the_medication_line(make_tracker: Any) -> None:
    text = "ok lets do it. oh and i took 2 aleve at lunch is it ok to stretch on that"
    said, _, _ = await said_and_set(ActionTellSessionTime(), make_tracker(text, "ask_session_time"))
    assert said.startswith(MEDICATION)


async def test_a_medication_question_alone_says_the_line_once(make_tracker: Any) -> None:
    text = "is it ok to take aleve before stretching?"
    said, _, _ = await said_and_set(ActionFallback(), make_tracker(text, "ask_medication", at(FOLD, 1)))
    assert said.count("I can't advise on medication") == 1 and "step 2 of 4" in said


async def test_when_do_i_bend_my_knees(make_tracker: Any) -> None:
    text = "when do i bend my knees, now or when i fold down"
    said, _, _ = await said_and_set(ActionTellHoldDuration(), make_tracker(text, "ask_hold_duration", at(FOLD, 0)))
    assert "has no hold" not in said
    assert 'The guide says: "For an easier version, you can bend your knees, or try the seated version' in said


async def test_how_many_breaths_is_a_few(make_tracker: Any) -> None:
    said, _, _ = await said_and_set(
        ActionTellHoldDuration(), make_tracker("how many breaths is a few", "ask_hold_duration", at(CAT_COW, 1))
    )
    assert "It doesn't give a number." in said and "step 2, round 1 of at least 5" in said


async def test_fair_enough_next_goes_next(make_tracker: Any) -> None:
    said, slots, _ = await said_and_set(
        ActionStopRoutine(), make_tracker("fair enough next", "stop_routine", at(TWIST, 4))
    )
    assert slots["routine_step"] == 5.0 and "Hold for 20 seconds." in said


async def test_next_still_goes_next(make_tracker: Any) -> None:
    _, slots, _ = await said_and_set(ActionNextStep(), make_tracker("next", "next_step", at(TWIST, 4)))
    assert slots["routine_step"] == 5.0


async def test_a_question_about_the_stretch_just_offered_keeps_the_offer(make_tracker: Any) -> None:
    tracker = make_tracker("is it standing or sitting tho", "ask_modification", {"pending_stretch": "forward_fold"})
    said, slots, _ = await said_and_set(ActionAnswerModification(), tracker)
    assert "try the seated version of the pose" in said and slots["pending_stretch"] == "forward_fold"


async def test_lets_do_it_with_the_aleve_starts_the_offered_fold_after_the_medication_line(make_tracker: Any) -> None:
    text = "ok lets do it. oh and i took 2 aleve at lunch is it ok to stretch on that"
    tracker = make_tracker(text, "ask_session_time", {"pending_stretch": "forward_fold"})
    said, slots, _ = await said_and_set(ActionTellSessionTime(), tracker)
    assert said.startswith(MEDICATION) and "minutes" not in said
    assert slots["routine_stretch"] == "forward_fold" and slots["routine_step"] == 0.0
    assert "Inhale and raise your arms." in said


async def test_how_long_is_it_after_an_offer_is_still_the_time(make_tracker: Any) -> None:
    tracker = make_tracker("how long is it", "ask_session_time", {"pending_stretch": "forward_fold"})
    said, slots, _ = await said_and_set(ActionTellSessionTime(), tracker)
    assert "about 1 minute" in said and "routine_stretch" not in slots
