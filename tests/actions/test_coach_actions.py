"""Questions mid-stretch and one-turn answers: each answered from the content and the current step,
and none of them moves or loses the person's place."""

from __future__ import annotations

import pytest

from actions.info_actions import (
    ActionAffirm,
    ActionBotChallenge,
    ActionClinicDetails,
    ActionDeny,
    ActionGoodbye,
    ActionThank,
)
from actions.routine_actions import (
    ActionNextStep,
    ActionStartAllStretches,
    ActionStopRoutine,
    ActionTellBenefits,
    ActionTellBreathing,
    ActionTellSide,
    ActionTired,
)
from actions.safety_actions import ActionAnswerBodyQuestion, ActionFallback
from tests.actions.helpers import CAT_COW, CLINIC, FOLD, TWIST, at, left_routine, said_and_set


def left_side_index() -> int:
    return next(m.index for m in TWIST.moments if m.side == "left")


async def test_which_side_names_the_side_and_round(make_tracker) -> None:
    said, slots, d = await said_and_set(
        ActionTellSide(), make_tracker("which side now?", "ask_side", slots=at(TWIST, 1))
    )
    assert said.startswith("Your right side now, round 1 of 3") and slots == {}
    said, _, _ = await said_and_set(
        ActionTellSide(), make_tracker("which side", "ask_side", slots=at(TWIST, left_side_index()))
    )
    assert said.startswith("Your left side now")
    said, _, d = await said_and_set(ActionTellSide(), make_tracker("which side", "ask_side", slots=at(CAT_COW, 1)))
    assert "isn't done one side at a time" in said and d.messages[-1]["buttons"]


async def test_breathing_only_what_the_guide_gives(make_tracker) -> None:
    cat = next(m.index for m in CAT_COW.moments if m.step.breaths)
    said, _, _ = await said_and_set(
        ActionTellBreathing(), make_tracker("breathe in or out?", "ask_breathing", slots=at(CAT_COW, cat))
    )
    assert said.startswith("Exhale and curl your spine upward") and "a few breaths" in said
    said, _, _ = await said_and_set(
        ActionTellBreathing(), make_tracker("breathe in or out?", "ask_breathing", slots=at(TWIST, 2))
    )
    assert said.startswith("This step gives no breathing cue.") and "inhale" not in said.lower()
    said, _, _ = await said_and_set(
        ActionTellBreathing(), make_tracker("when do i breathe", "ask_breathing", slots=at(FOLD, 2))
    )
    assert "no breathing cue" in said and "Inhale and raise your arms." in said


async def test_what_is_it_good_for_answers_and_never_starts_or_abandons(make_tracker) -> None:
    tracker = make_tracker("what is the knee twist good for?", "ask_benefits", slots=at(CAT_COW, 3))
    said, slots, d = await said_and_set(ActionTellBenefits(), tracker)
    assert TWIST.stretch.targets in said and "step 2, round 2 of at least 5" in said and slots == {}
    assert d.messages[-1]["buttons"][0]["title"] == "Next"
    said, slots, _d = await said_and_set(
        ActionTellBenefits(), make_tracker("does the fold help tight hamstrings", "ask_benefits")
    )
    assert FOLD.stretch.targets in said and "Would you like to try the Forward Fold?" in said
    assert slots == {"pending_stretch": "forward_fold"}
    said, slots, _ = await said_and_set(ActionAffirm(), make_tracker("yes please", "affirm", slots=slots))
    assert "Let's do the Forward Fold" in said and slots["routine_stretch"] == "forward_fold"
    said, _, _ = await said_and_set(
        ActionTellBenefits(), make_tracker("what's this one good for again", "ask_benefits", slots=at(FOLD, 1))
    )
    assert FOLD.stretch.targets in said


async def test_im_done_stops_or_finishes_once_the_rounds_are_done(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionStopRoutine(), make_tracker("i'm done", "stop_routine", slots=at(CAT_COW, 3))
    )
    assert "stopped the Cat/Cow" in said and left_routine(slots)
    sixth = next(m.index for m in CAT_COW.moments if m.optional)
    said, slots, _ = await said_and_set(
        ActionStopRoutine(), make_tracker("that's enough", "stop_routine", slots=at(CAT_COW, sixth))
    )
    assert "Well done" in said and left_routine(slots)


async def test_tired_offers_rest_or_finish_and_keeps_the_place(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionTired(), make_tracker("i'm tired can i stop here", "report_tired", slots=at(CAT_COW, 3))
    )
    assert "take a rest" in said and '"stop"' in said and slots == {}
    sixth = next(m.index for m in CAT_COW.moments if m.optional)
    said, _, d = await said_and_set(ActionTired(), make_tracker("so tired", "report_tired", slots=at(CAT_COW, sixth)))
    assert '"finish"' in said and "Finish" in [b["title"] for b in d.messages[-1]["buttons"]]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("can you book it for me?", "I can't book appointments myself."),
        ("what are your hours?", "I don't have the clinic's hours."),
        ("where are you located?", "I don't have the clinic's addresses"),
        ("can i book online", "I can't book online"),
        ("do you take my insurance", "I don't know about costs or insurance."),
    ],
)
async def test_clinic_details_say_plainly_what_it_cannot_do(make_tracker, text, lead) -> None:
    said, slots, d = await said_and_set(ActionClinicDetails(), make_tracker(text, "ask_clinic_details"))
    assert said.startswith(lead) and CLINIC.phone in said and slots == {}
    assert d.messages[-1]["buttons"]


async def test_body_question_is_honest_and_keeps_the_place(make_tracker) -> None:
    tracker = make_tracker("is it ok if my knee clicks?", "ask_about_body", slots=at(TWIST, 1))
    said, slots, d = await said_and_set(ActionAnswerBodyQuestion(), tracker)
    assert said.startswith("I can't assess that from here.") and CLINIC.stop_if_it_hurts in said
    assert CLINIC.phone in said and "step 2, right side, round 1 of 3" in said
    assert d.messages[-1]["buttons"] and slots == {}


async def test_all_three_runs_one_after_another(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionStartAllStretches(), make_tracker("all three in a row", "do_all_stretches")
    )
    assert "Great: we'll do all 3 stretches" in said
    assert slots["routine_stretch"] == "lying_knee_twist" and slots["routine_queue"] == ["cat_cow", "forward_fold"]
    last = at(TWIST, TWIST.total - 1, routine_queue=["cat_cow", "forward_fold"])
    said, slots, _ = await said_and_set(ActionNextStep(), make_tracker("next", slots=last))
    assert "Next up: the Cat/Cow" in said and slots["routine_stretch"] == "cat_cow"
    assert slots["routine_step"] == 0.0 and slots["routine_queue"] == ["forward_fold"]
    last_fold = at(FOLD, FOLD.total - 1, routine_queue=[])
    said, slots, _ = await said_and_set(ActionNextStep(), make_tracker("next", slots=last_fold))
    assert "Well done, you've finished all 3 stretches" in said and left_routine(slots)
    alone = at(FOLD, FOLD.total - 1, routine_queue=None)
    said, slots, _ = await said_and_set(ActionNextStep(), make_tracker("next", slots=alone))
    assert "Well done, you've finished the Forward Fold" in said and left_routine(slots)


async def test_stopping_a_session_drops_the_rest_of_it(make_tracker) -> None:
    tracker = make_tracker("stop", "stop_routine", slots=at(TWIST, 2, routine_queue=["cat_cow", "forward_fold"]))
    _, slots, _ = await said_and_set(ActionStopRoutine(), tracker)
    assert left_routine(slots)


async def test_social_turns_leave_a_way_forward(make_tracker) -> None:
    said, _, d = await said_and_set(ActionThank(), make_tracker("thx", "thank"))
    assert "You're welcome" in said and 'Say "next"' not in said and d.messages[-1]["buttons"]
    said, _, d = await said_and_set(ActionThank(), make_tracker("thanks", "thank", slots=at(TWIST, 1)))
    assert "step 2, right side, round 1 of 3" in said and d.messages[-1]["buttons"]
    said, _, _ = await said_and_set(ActionBotChallenge(), make_tracker("are you a robot", "bot_challenge"))
    assert "virtual stretch coach" in said
    said, _, _ = await said_and_set(ActionGoodbye(), make_tracker("bye", "goodbye"))
    assert "Goodbye" in said


async def test_an_offer_is_dropped_by_no_or_by_anything_else(make_tracker) -> None:
    offered = {"pending_stretch": "forward_fold"}
    said, slots, _ = await said_and_set(ActionDeny(), make_tracker("no thanks", "deny", slots=offered))
    assert "No problem" in said and slots["pending_stretch"] is None and "routine_stretch" not in slots
    _, slots, _ = await said_and_set(ActionThank(), make_tracker("thanks", "thank", slots=offered))
    assert slots["pending_stretch"] is None


async def test_thanks_that_is_enough_stops_and_bye_keeps_the_place(make_tracker) -> None:
    tracker = make_tracker("thank you dear, that's enough for today", "thank", slots=at(CAT_COW, 3))
    said, slots, _ = await said_and_set(ActionThank(), tracker)
    assert "stopped the Cat/Cow" in said and left_routine(slots)
    said, slots, _ = await said_and_set(ActionThank(), make_tracker("thanks!", "thank", slots=at(CAT_COW, 3)))
    assert "You're welcome" in said and slots == {}
    said, slots, _ = await said_and_set(ActionGoodbye(), make_tracker("bye", "goodbye", slots=at(CAT_COW, 3)))
    assert "Goodbye" in said and slots == {}


async def test_a_wrap_up_the_classifier_did_not_understand_still_stops(make_tracker) -> None:
    tracker = make_tracker("thank you dear, that's enough for today", "nlu_fallback", slots=at(CAT_COW, 3))
    said, slots, _ = await said_and_set(ActionFallback(), tracker)
    assert "stopped the Cat/Cow" in said and left_routine(slots)
