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


def test_a_stretch_described_is_its_steps_in_order_and_an_offer() -> None:
    from pacing.coach_answers import asks_to_describe, describe

    content = load_content()
    twist = content.stretch("lying_knee_twist")
    text = describe(twist).text
    assert "across the left side" in text  # the first side, filled in
    assert "{side}" not in text
    assert text.index("Lie on your back") < text.index("Return to center")
    assert text.rstrip().endswith("?")  # an offer, not a start
    assert asks_to_describe("what does the fold involve")
    assert not asks_to_describe("what is the fold good for")
