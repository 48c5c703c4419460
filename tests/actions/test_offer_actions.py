"""A stretch just offered, asked for by half its name, with a slip or by pointing: it starts (the screen
first when due); a request for a stretch the coach doesn't have still gets which ones there are."""

from __future__ import annotations

from actions.routine_actions import ActionNextStep, ActionStartStretch
from tests.actions.helpers import said_and_set

OFFERED = {"pending_stretch": "lying_knee_twist", "safety_notice_given": True}


async def test_a_slip_in_the_name_just_offered_starts_it(make_tracker) -> None:
    tracker = make_tracker("lets do the knee twsit", "request_stretch", slots=OFFERED)
    said, slots, _ = await said_and_set(ActionStartStretch(), tracker)
    assert slots["routine_stretch"] == "lying_knee_twist" and slots["routine_step"] == 0.0
    assert "Lie on your back" in said


async def test_pointing_at_the_offer_read_as_next_asks_the_screen_when_due(make_tracker) -> None:
    tracker = make_tracker("ok lets do that one then", "next_step", slots=OFFERED, screened=False)
    said, slots, _ = await said_and_set(ActionNextStep(), tracker)
    assert "Before we start" in said and slots["pending_stretch"] == "lying_knee_twist"
    assert "routine_stretch" not in slots


async def test_another_stretch_than_the_one_offered_is_not_taken_for_it(make_tracker) -> None:
    tracker = make_tracker("lets do downward dog", "request_stretch", slots=OFFERED)
    said, slots, _ = await said_and_set(ActionStartStretch(), tracker)
    assert "routine_stretch" not in slots and "Cat/Cow" in said  # which ones there are


async def test_without_an_offer_a_half_name_is_not_guessed(make_tracker) -> None:
    tracker = make_tracker("lets do the knee one", "request_stretch", slots={"safety_notice_given": True})
    _, slots, _ = await said_and_set(ActionStartStretch(), tracker)
    assert "routine_stretch" not in slots


async def test_how_long_you_hold_a_stretch_read_as_a_start_is_answered_and_offered(make_tracker) -> None:
    tracker = make_tracker("how long do you hold the knee twist", "request_stretch", screened=False)
    said, slots, _ = await said_and_set(ActionStartStretch(), tracker)
    assert "20 seconds" in said and "Would you like to try the Lying Knee Twist?" in said
    assert "Before we start" not in said and slots["pending_stretch"] == "lying_knee_twist"
