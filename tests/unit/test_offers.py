"""Taking up the stretch just offered by half its name, a slip or pointing at it (pacing/offers.py)."""

from __future__ import annotations

import pytest

from pacing.offers import means_offered
from stretch_content import load_content

CONTENT = load_content()
TWIST = CONTENT.stretch("lying_knee_twist")
FOLD = CONTENT.stretch("forward_fold")


@pytest.mark.parametrize(
    "text",
    [
        "lets do the knee twist",
        "lets do the knee twsit",
        "lets do the knee one",
        "ya lets do the knee thing",
        "ok lets do that one then",
        "lets do it",
        "the twist one pls",
    ],
)
def test_the_twist_just_offered_taken_up(text: str) -> None:
    assert means_offered(TWIST, text, CONTENT.stretches)


@pytest.mark.parametrize(
    "text",
    [
        "lets do downward dog",  # another stretch, not the one offered
        "lets do cat cow",
        "lets do the forward one",
        "lets do yoga",
        "next",
        "what else is there",
    ],
)
def test_other_requests_do_not_take_up_the_twist(text: str) -> None:
    assert not means_offered(TWIST, text, CONTENT.stretches)


def test_the_fold_offered_by_its_own_words_and_not_by_the_twists() -> None:
    assert means_offered(FOLD, "ya lets do the fold one", CONTENT.stretches)
    assert means_offered(FOLD, "the toe touch one", CONTENT.stretches)
    assert not means_offered(FOLD, "lets do the knee one", CONTENT.stretches)
