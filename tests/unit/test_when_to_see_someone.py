"""'When should I see a doctor?' gets the guide's consult advice and the number, not a refusal."""

from __future__ import annotations

import pytest

from pacing.coach_answers import asks_when_to_see_someone, when_to_see_someone
from stretch_content import load_content


@pytest.mark.parametrize(
    "text",
    [
        "how do i know when to go see a doctor about this",
        "at what point should i get it looked at",
        "should i see a specialist or just keep stretching?",
        "when is it time to call somebody about my back",
    ],
)
def test_asks_when_to_see_someone(text: str) -> None:
    assert asks_when_to_see_someone(text)


@pytest.mark.parametrize("text", ["i saw my doctor last week", "what does the doctor say about cat cow", "next"])
def test_not_asking_when(text: str) -> None:
    assert not asks_when_to_see_someone(text)


def test_the_answer_is_the_consult_advice_and_the_number() -> None:
    content = load_content()
    text = when_to_see_someone(content, None).text
    assert content.clinic.consult in text
    assert content.clinic.phone in text
    assert "911" not in text
