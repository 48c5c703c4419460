"""The Lying Knee Twist done left side first, through the actions and the slots they keep between turns."""

from __future__ import annotations

from typing import Any

from actions.routine_actions import ActionNextStep, ActionSkipStretch, ActionStartStretch, ActionTellSide
from tests.actions.helpers import TWIST, at, said_and_set


async def _next(make_tracker: Any, slots: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    said, changed, _ = await said_and_set(ActionNextStep(), make_tracker("next", "next_step", slots=slots))
    return said, changed


async def test_left_first_then_next_to_the_end_does_both_sides_left_then_right(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionTellSide(), make_tracker("can I do the left side first", "ask_side", slots=at(TWIST, 1))
    )
    assert "left side first, then your right side" in said and "Bend your left knee" in said
    assert slots["routine_first_side"] == "left" and slots["routine_step"] == 1.0
    state = {**at(TWIST, 1), **slots}
    sides_said = []
    for _ in range(40):
        said, changed = await _next(make_tracker, state)
        state.update(changed)
        if state.get("routine_stretch") is None:
            break
        sides_said.append("left" if "left knee" in said else "right" if "right knee" in said else None)
    assert "Well done" in said  # finished, not stopped
    bends = [s for s in sides_said if s]
    assert bends == ["left", "left", "right", "right", "right"]  # the first left bend was shown above


async def test_a_new_start_of_the_twist_is_in_the_contents_order_again(make_tracker) -> None:
    slots = {"routine_first_side": "left", "safety_notice_given": True}  # left from a twist done earlier
    said, changed, _ = await said_and_set(
        ActionStartStretch(), make_tracker("knee twist", "request_stretch", slots=slots)
    )
    assert changed["routine_step"] == 0.0 and changed["routine_first_side"] is None
    said, changed = await _next(make_tracker, {**slots, **changed})
    assert "right knee" in said


async def test_skip_to_left_still_jumps_in_the_order_the_routine_has(make_tracker) -> None:
    said, slots, _ = await said_and_set(
        ActionSkipStretch(), make_tracker("skip to left", "skip_stretch", slots=at(TWIST, 2))
    )
    assert "over to your left side" in said and slots["routine_step"] == 10.0
    assert slots["routine_first_side"] is None  # the content's order still: the left side comes second


async def test_the_order_read_back_from_the_slot_keeps_the_left_side_first(make_tracker) -> None:
    slots = {**at(TWIST, 9), "routine_first_side": "left"}  # the left side's last step
    said, changed = await _next(make_tracker, slots)
    assert "Right side" in said or "right knee" in said
    assert changed["routine_step"] == 10.0 and changed["routine_first_side"] == "left"


async def test_a_pain_stop_on_the_left_first_remembers_the_order(make_tracker) -> None:
    from actions import pain_memory
    from actions.routine_state import Place, current_place

    tracker = make_tracker("next", "next_step", slots={**at(TWIST, 3), "routine_first_side": "left"})
    place = current_place(tracker)
    assert place is not None and place.moment.side == "left"
    remembered = pain_memory.remember(Place(place.routine, place.index))[0]["value"]
    back = pain_memory.stopped_at(make_tracker("no", "deny", slots={"pain_stop_place": remembered}))
    assert back is not None and back.moment.side == "left" and back.routine.sides == ("left", "right")


async def test_the_twist_asked_for_left_side_first_starts_left_first(make_tracker) -> None:
    tracker = make_tracker("lets do the knee twist, left side first", "ask_side", slots={"safety_notice_given": True})
    said, slots, _ = await said_and_set(ActionTellSide(), tracker)
    assert slots["routine_step"] == 0.0 and slots["routine_first_side"] == "left"
    assert "left side first, then your right side" in said
    said, changed = await _next(make_tracker, {"safety_notice_given": True, **slots})
    assert "Bend your left knee" in said
    assert changed["routine_step"] == 1.0


async def test_left_side_first_waits_for_the_screen_and_keeps_the_side(make_tracker) -> None:
    from actions.info_actions import ActionDeny

    tracker = make_tracker("knee twist but left side first pls", "ask_side", screened=False)
    said, slots, _ = await said_and_set(ActionTellSide(), tracker)
    assert "Before we start" in said and "routine_stretch" not in slots
    answer = make_tracker("no", "deny", slots={"screened_at": None, **slots}, screened=False)
    said, slots, _ = await said_and_set(ActionDeny(), answer)
    assert slots["routine_stretch"] == "lying_knee_twist" and slots["routine_first_side"] == "left"


async def test_which_side_the_twist_starts_on_is_still_a_question(make_tracker) -> None:
    tracker = make_tracker("which side does the knee twist start on", "ask_side")
    said, slots, _ = await said_and_set(ActionTellSide(), tracker)
    assert "starts on your right side" in said and "routine_stretch" not in slots
