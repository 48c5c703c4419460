"""Words that shape a coach answer: a thank-you that also ends the stretch."""

from __future__ import annotations

import pytest

from pacing.coach_answers import wraps_up


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("thank you dear, that's enough for today", True),
        ("thanks, I'm done", True),
        ("ok let's stop here, thanks", True),
        ("thanks!", False),
        ("thank you, that was helpful", False),
        ("thx, next", False),
        ("stop there thx", True),  # read as a thank-you (live: "you're welcome" and the stretch went on)
        ("ok stop now, thank you", True),
        ("thanks, dont stop", False),
    ],
)
def test_a_thank_you_that_wraps_up_the_stretch(text: str, ends: bool) -> None:
    assert wraps_up(text) is ends


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("how long do you hold the knee twist", "hold"),  # the NLU read it as a start (live, found on this branch)
        ("how many reps is cat cow", "repetitions"),
        ("lets do the knee twist", None),
        ("guide me through the fold, how long do i hold it", None),  # a start, asked on the way
    ],
)
def test_a_question_about_a_stretch_before_it_starts(text: str, asked: str | None) -> None:
    from pacing.coach_answers import asked_before_start

    assert asked_before_start(text) == asked
