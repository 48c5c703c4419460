"""Outside testers' kinds of miss, through the actions: each answered from the content, the place kept or
moved only as asked."""

from __future__ import annotations

from actions.info_actions import (
    ActionAnswerModification,
    ActionAnswerSuitability,
    ActionBookingInfo,
    ActionListStretches,
    ActionNoMessages,
)
from actions.routine_actions import (
    ActionNextStep,
    ActionSkipStretch,
    ActionStartAllStretches,
    ActionStartStretch,
    ActionTellBenefits,
    ActionTellSide,
    ActionTired,
)
from actions.safety_actions import ActionFallback
from tests.actions.helpers import CAT_COW, CLINIC, TWIST, at, said_and_set

LEFT_START = 10  # the twist: lying down, then 3 rounds of bend, hold, return on the right; then the left's bend


async def test_skip_to_left_moves_to_the_left_side_and_the_stretch_goes_on(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionSkipStretch(), make_tracker("skip to left", "skip_stretch", slots=at(TWIST, 2))
    )
    assert "left side" in said and "Bend your left knee" in said
    assert slots["routine_stretch"] == "lying_knee_twist" and slots["routine_step"] == LEFT_START


async def test_i_want_the_left_side_moves_and_back_to_the_right_moves_back(make_tracker) -> None:
    _, slots, _ = await said_and_set(
        ActionTellSide(), make_tracker("no wait, i want the left side", "ask_side", slots=at(TWIST, 1))
    )
    assert slots["routine_step"] == LEFT_START
    said, slots, _ = await said_and_set(
        ActionTellSide(), make_tracker("back to the right side", "ask_side", slots=at(TWIST, LEFT_START + 1))
    )
    assert "Bend your right knee" in said and slots["routine_step"] == 1


async def test_when_left_side_answers_and_does_not_move(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionTellSide(), make_tracker("when left side", "ask_side", slots=at(TWIST, 2))
    )
    assert "8 more steps" in said and slots == {}


async def test_tired_and_the_rest_tomorrow_keeps_the_place(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionTired(),
        make_tracker("im tired can we stop and do the rest tomorow", "report_tired", slots=at(CAT_COW, 3)),
    )
    assert '"resume"' in said and slots == {}  # nothing cleared: the place stays for tomorrow


async def test_leaving_in_a_hurry_stops_rather_than_moving_on(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionNextStep(), make_tracker("done? gotta run thx", "next_step", slots=at(CAT_COW, 1))
    )
    assert "stopped the Cat/Cow" in said and slots.get("routine_stretch", "gone") is None


async def test_done_with_a_remark_on_the_last_required_round_finishes(make_tracker) -> None:
    last_required = next(m.index for m in CAT_COW.moments if m.round == 5 and m.written == 3)
    said, slots, _ = await said_and_set(
        ActionNextStep(),
        make_tracker("done! that actually helped a bit", "next_step", slots=at(CAT_COW, last_required)),
    )
    assert "finished the Cat/Cow" in said and slots.get("routine_stretch", "gone") is None


async def test_which_one_is_easiest_ranks_none_and_keeps_no_place(make_tracker) -> None:
    said, _, d = await said_and_set(ActionTellBenefits(), make_tracker("which one is the easyest", "ask_benefits"))
    assert "doesn't rank" in said and CLINIC.phone in said and d.messages[-1]["buttons"]


async def test_a_condition_with_which_is_kindest_gets_who_to_ask(make_tracker) -> None:
    said, _, _ = await said_and_set(
        ActionTellBenefits(), make_tracker("i have bad knees, which one is kindest on them", "ask_benefits")
    )
    assert "ask the doctor who looks after it" in said


async def test_quickest_offers_it_so_a_yes_starts_it(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionListStretches(), make_tracker("which ones quickest? need to crash", "list_stretches")
    )
    assert said.startswith("The quickest is the Forward Fold") and slots["pending_stretch"] == "forward_fold"


async def test_how_long_all_three_together_tells_the_time_and_starts_nothing(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionStartAllStretches(), make_tracker("ok and all three together how long", "do_all_stretches")
    )
    assert "minutes" in said and "routine_stretch" not in slots


async def test_kids_calling_is_a_break_not_a_callback(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionNoMessages(),
        make_tracker("Sorry. My kids is calling me. Wait please.", "leave_message", slots=at(CAT_COW, 1)),
    )
    assert said.startswith("Paused the Cat/Cow") and "no one will call" not in said and slots == {}


async def test_when_to_call_is_the_hours_it_does_not_have(make_tracker) -> None:
    said, _, _ = await said_and_set(
        ActionNoMessages(), make_tracker("is there a time i can call, i sleep till like 3pm", "leave_message")
    )
    assert "I don't have the clinic's hours" in said and CLINIC.phone in said


async def test_a_request_for_the_stretches_read_as_a_callback_lists_them(make_tracker) -> None:
    said, _, _ = await said_and_set(
        ActionNoMessages(),
        make_tracker("I am quite safe, thank you. Could you please show me the stretches you offer?", "leave_message"),
    )
    assert all(name in said for name in ("Lying Knee Twist", "Cat/Cow", "Forward Fold"))


async def test_finish_then_how_to_book_finishes_and_books(make_tracker) -> None:
    last_required = next(m.index for m in CAT_COW.moments if m.round == 5 and m.written == 3)
    said, slots, _ = await said_and_set(
        ActionBookingInfo(),
        make_tracker(
            "finish. Thank you. How I make appointment?", "book_appointment", slots=at(CAT_COW, last_required)
        ),
    )
    assert "finished the Cat/Cow" in said and CLINIC.phone in said and slots.get("routine_stretch", "gone") is None


async def test_an_ache_beside_a_request_lists_the_stretches_with_one_line_about_stopping(make_tracker) -> None:
    said, _, _ = await said_and_set(  # the NLU found it off-topic: the fallback reads the request in it
        ActionFallback(), make_tracker("my back hurts from work, show me stretch", "out_of_scope")
    )
    assert "Stop if anything hurts." in said and "Cat/Cow" in said and "911" not in said


async def test_an_introduction_read_as_a_safety_question_is_welcomed(make_tracker) -> None:
    said, _, _ = await said_and_set(
        ActionAnswerSuitability(),
        make_tracker(
            "Hello, I'm Doris. My grandson set this up because my back aches in the mornings.", "ask_suitability"
        ),
    )
    assert said.startswith("Hi! I'm the stretch coach") and "can't tell whether" not in said


async def test_tell_me_about_a_stretch_read_as_a_safety_question_gives_its_steps(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionAnswerSuitability(),
        make_tracker("Could you tell me about the knee twist before I try it?", "ask_suitability"),
    )
    assert (
        "Lie on your back with your legs extended outward." in said and slots["pending_stretch"] == "lying_knee_twist"
    )


async def test_a_real_safety_question_still_gets_who_to_ask(make_tracker) -> None:
    said, _, _ = await said_and_set(
        ActionAnswerSuitability(), make_tracker("Is twisting bad for a fusion?", "ask_suitability")
    )
    assert "ask your surgeon" in said


async def test_pain_told_of_a_stretch_is_the_pain_not_a_start(make_tracker) -> None:
    """Blind set 26, first messages: the NLU read a stretch request; the coach started the screen."""
    said, slots, _ = await said_and_set(
        ActionStartStretch(), make_tracker("forward fold gives me a sharp twinge in my low back", "request_stretch")
    )
    assert said.startswith("Sorry your back is hurting") and "Before we start" not in said
    assert "routine_stretch" not in slots


async def test_pain_told_of_where_a_stretch_is_done_is_the_pain_not_a_change(make_tracker) -> None:
    tracker = make_tracker("tailbone is killing me on the floor for the twist", "ask_modification")
    said, _, _ = await said_and_set(ActionAnswerModification(), tracker)
    assert said.startswith("Sorry your back is hurting") and "bed or the floor" not in said


async def test_pain_beside_a_question_about_a_stretch_is_answered_as_asked(make_tracker) -> None:
    tracker = make_tracker("my tailbone hurts on the floor, can I do the twist on my bed?", "ask_modification")
    said, _, _ = await said_and_set(ActionAnswerModification(), tracker)
    assert "bed or the floor" in said and not said.startswith("Sorry your back is hurting")


async def test_a_surgery_and_whether_they_may_gets_the_consult_advice_whatever_the_nlu_read(make_tracker) -> None:
    """Blind set 27: "I had a hip replacement three weeks ago ... Can I do the lying knee twist" (read as a start)."""
    text = (
        "I had a hip replacement three weeks ago. My back is sore from using the walker. Can I do the lying knee twist?"
    )
    said, slots, _ = await said_and_set(ActionStartStretch(), make_tracker(text, "request_stretch"))
    assert "After surgery, ask your surgeon before doing any of them." in said
    assert "routine_stretch" not in slots
