"""The word-level safety net under the NLU."""

from __future__ import annotations

import pytest

from pacing.safety import is_pain, is_red_flag


@pytest.mark.parametrize(
    "text",
    [
        "I lost control of my bladder",
        "I can't control my bowels since yesterday",
        "my groin feels numb",
        "numbness in my legs",
        "sudden weakness in my legs",
        "I fell down the stairs and my back hurts",
        "back pain after a car accident",
        "I have a fever and back pain",
        "my leg gave out",
    ],
)
def test_red_flags_are_caught(text: str) -> None:
    assert is_red_flag(text)


@pytest.mark.parametrize(
    "text",
    ["guide me through cat cow", "next", "how long do I hold it", "what's your number", "my back is stiff", "", None],
)
def test_ordinary_messages_are_not_red_flags(text: str | None) -> None:
    assert not is_red_flag(text)


def test_pain_words() -> None:
    assert is_pain("ouch, that really hurts")
    assert is_pain("this is painful")
    assert is_pain("sharp pain in my back")
    assert not is_pain("what stretches help back pain")
    assert not is_pain("next")
