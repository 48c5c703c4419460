"""A live tester (74, slow typist) asked what the guide's own words mean and was told it was out of scope."""

from __future__ import annotations

import pytest

from actions.routine_actions import ActionRepeatStep
from actions.safety_actions import ActionFallback
from tests.actions.helpers import CAT_COW, FOLD, at, said_and_set


@pytest.mark.parametrize(
    ("text", "intent", "meaning"),
    [
        ("what does exhale mean", "out_of_scope", "To exhale is to breathe out."),
        ("gaze means look up?", "out_of_scope", "Your gaze is where you look"),
    ],
)
async def test_a_word_of_the_step_is_explained_and_the_place_kept(make_tracker, text, intent, meaning) -> None:
    said, slots, _ = await said_and_set(ActionFallback(), make_tracker(text, intent, at(CAT_COW, 2)))
    assert meaning in said and "outside what I can help with" not in said
    assert "routine_stretch" not in slots  # the place is kept


async def test_hinge_read_as_repeat_gets_its_meaning(make_tracker) -> None:
    tracker = make_tracker("hinge at my hips what does that mean", "repeat_step", at(FOLD, 1))
    said, _, _ = await said_and_set(ActionRepeatStep(), tracker)
    assert said.startswith("To hinge at your hips is to bend forward from your hips.")


async def test_a_word_the_guide_does_not_use_is_not_made_up(make_tracker) -> None:
    said, _, _ = await said_and_set(ActionFallback(), make_tracker("what is a neutral spine", "ask_medical_advice"))
    assert "neutral spine is" not in said.lower()
