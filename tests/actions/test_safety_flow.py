"""The safety conversation across turns: the red-flag question, its yes and no, a stretch asked for
after emergency advice, and messages in another language."""

from __future__ import annotations

from actions.info_actions import ActionAffirm, ActionDeny, ActionGreet
from actions.routine_actions import ActionNextStep, ActionStartAllStretches, ActionStartStretch
from actions.safety_actions import ActionFallback
from tests.actions.helpers import CLINIC, CONTENT, left_routine, said_and_set

MID_TWIST = {"routine_stretch": "lying_knee_twist", "routine_step": 2.0, "safety_notice_given": True}
ASKED = {"safety_question": "red_flag"}
ADVISED = {"emergency_advised": True, "safety_notice_given": True}
FOLD_ENTITY = [{"entity": "stretch", "value": "forward_fold"}]


async def test_yes_to_the_red_flag_question_is_emergency_advice(make_tracker) -> None:
    said, slots, d = await said_and_set(ActionAffirm(), make_tracker("yes", "affirm", slots={**MID_TWIST, **ASKED}))
    assert said.startswith(CLINIC.emergency)
    assert left_routine(slots) and slots["emergency_advised"] is True and slots["safety_question"] is None
    assert not d.messages[-1].get("buttons")


async def test_no_to_the_red_flag_question_goes_back_where_they_were(make_tracker) -> None:
    said, slots, _ = await said_and_set(ActionDeny(), make_tracker("no", "deny", slots={**MID_TWIST, **ASKED}))
    assert "Thanks for letting me know" in said and "step 3, right side, round 1 of 3" in said and "911" not in said
    assert slots["safety_question"] is None and "routine_step" not in slots


async def test_something_else_instead_of_an_answer_asks_again_and_keeps_the_question(make_tracker) -> None:
    said, slots, d = await said_and_set(
        ActionNextStep(), make_tracker("next", "next_step", slots={**MID_TWIST, **ASKED})
    )
    assert "yes or no" in said and "right now" in said and "911" not in said
    assert [b["title"] for b in d.messages[-1]["buttons"]] == ["Yes", "No"]
    assert slots == {}  # the question stays open and the place is kept: "next" did not move on


async def test_a_stretch_after_emergency_advice_first_gets_the_question(make_tracker) -> None:
    tracker = make_tracker("forward fold", "request_stretch", slots=ADVISED, entities=FOLD_ENTITY)
    said, slots, d = await said_and_set(ActionStartStretch(), tracker)
    assert said.startswith("Before we start: do you have any of these right now:") and CLINIC.red_flags in said
    assert [b["title"] for b in d.messages[-1]["buttons"]] == ["Yes", "No"]
    assert slots == {"safety_question": "screen", "pending_stretch": "forward_fold", "screened_at": None}


async def test_no_then_starts_the_stretch_that_was_asked_for_and_clears_the_advice(make_tracker) -> None:
    slots_before = {**ADVISED, "safety_question": "screen", "pending_stretch": "forward_fold"}
    said, slots, _ = await said_and_set(ActionDeny(), make_tracker("no", "deny", slots=slots_before))
    assert "Let's do the Forward Fold" in said
    assert slots["routine_stretch"] == "forward_fold" and slots["emergency_advised"] is None


async def test_ok_after_emergency_advice_offers_no_stretch(make_tracker) -> None:
    said, slots, d = await said_and_set(ActionAffirm(), make_tracker("ok", "affirm", slots=ADVISED))
    assert "911" in said and not any(s.name in said for s in CONTENT.stretches)
    assert not d.messages[-1].get("buttons") and slots == {}


async def test_do_all_three_after_emergency_advice_asks_first(make_tracker) -> None:
    tracker = make_tracker("lets do all three", "do_all_stretches", slots=ADVISED)
    said, slots, _ = await said_and_set(ActionStartAllStretches(), tracker)
    assert said.startswith("Before we start") and slots["pending_stretch"] == "all"
    assert slots["safety_question"] == "screen"


async def test_spanish_gets_english_only_in_both_languages_and_keeps_the_place(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionGreet(), make_tracker("hola, necesito ayuda con mi espalda", "greet", slots=MID_TWIST)
    )
    assert "English" in said and "inglés" in said and said.count(CLINIC.phone) == 2
    assert slots == {}


async def test_a_possible_red_flag_gets_the_question_and_keeps_the_place(make_tracker) -> None:
    tracker = make_tracker("my foot tingles a bit", "next_step", slots=MID_TWIST)
    said, slots, _d = await said_and_set(ActionNextStep(), tracker)
    assert said.startswith(CLINIC.red_flag_question) and "911" not in said
    assert slots == {"safety_question": "red_flag", "pending_stretch": None, "screened_at": None}


async def test_no_right_after_emergency_advice_is_not_taken_as_all_clear(make_tracker) -> None:
    said, slots, _ = await said_and_set(ActionDeny(), make_tracker("no", "deny", slots=ADVISED))
    assert said.startswith(CLINIC.red_flag_question) and slots == {
        "safety_question": "red_flag",
        "pending_stretch": None,
        "screened_at": None,
    }


async def test_refusing_care_after_emergency_advice_hears_the_advice_again(make_tracker) -> None:
    tracker = make_tracker("no I'm not going to the hospital, it's just a cold", "out_of_scope", slots=ADVISED)
    said, slots, d = await said_and_set(ActionFallback(), tracker)
    assert "911" in said and not d.messages[-1].get("buttons") and slots == {}


async def test_an_answer_that_repeats_the_symptom_is_taken_as_its_yes_or_no(make_tracker) -> None:
    tracker = make_tracker("yes my foot tingles a bit", "affirm", slots={**MID_TWIST, **ASKED})
    said, slots, _ = await said_and_set(ActionAffirm(), tracker)
    assert said.startswith(CLINIC.emergency) and slots["emergency_advised"] is True
    tracker = make_tracker("no, my foot just tingles a bit sometimes", "deny", slots={**MID_TWIST, **ASKED})
    said, slots, _ = await said_and_set(ActionDeny(), tracker)
    assert "yes or no" in said and "911" not in said and slots == {}  # not a clear no: asked again
