"""A jump inside a stretch ("skip to the left side") is told what is possible, not taken as leaving it."""

from __future__ import annotations

import pytest

from pacing.coach_answers import no_jump_within, skips_within
from pacing.routine import Routine
from stretch_content import load_content


@pytest.mark.parametrize(
    "text",
    [
        "can we skip to the other side",
        "skip ahead to the final step",
        "jump to the last round pls",
        "go straight to the end",
    ],
)
def test_a_jump_inside(text: str) -> None:
    assert skips_within(text)


@pytest.mark.parametrize("text", ["skip this one", "skip to cat cow", "skip it", "can we skip the fold"])
def test_skipping_a_stretch_is_not_a_jump_inside(text: str) -> None:
    assert not skips_within(text)


def test_the_answer_names_next_back_and_skipping_the_stretch() -> None:
    content = load_content()
    stretch = content.stretches[0]
    moment = Routine(stretch).moments[0]
    text = no_jump_within(moment).text
    for word in ('"next"', '"back"', "skip this stretch", stretch.name):
        assert word in text
