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
