"""Questions about the form of the current step ("wrists under shoulders or in front?"), answered with the
step's own words from the clinic's guide, that the guide says no more, and who can help (the article: a
medical professional "can help you achieve proper form"), the place kept. Nothing beyond the guide's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacing import Routine
from pacing.form_answers import asks_about_form, form_answer, step_words
from stretch_content import load_content

CONTENT = load_content()
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
ARTICLE = (Path(__file__).parents[2] / "stretch_content" / "article.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "wrists under shoulders or in front?",
        "do my shoulders stay down?",
        "is my back supposed to be flat",
        "should my knees be under my hips",
        "where do my hands go",
        "head up or down?",
        "hands in line with shoulders right?",
        "back flat or rounded?",
        "is my neck meant to be relaxed",
    ],
)
def test_questions_about_where_a_body_part_goes(text: str) -> None:
    assert asks_about_form(text)


@pytest.mark.parametrize(
    "text",
    [
        "is it ok if my knee clicks?",  # a sensation: no chat can assess it
        "my back hurts when my head is down",
        "next",
        "go back",
        "back up one step",
        "which side now?",
        "how long do i hold it?",
        "should i breathe in or out?",
        "my shoulders are tired",
        "i want to go back to the right",
    ],
)
def test_other_messages_are_not_form_questions(text: str) -> None:
    assert not asks_about_form(text)


def test_the_answer_quotes_the_step_and_says_the_guide_says_no_more_with_the_number() -> None:
    setup = CAT_COW.at(0)
    reply = form_answer(CONTENT, setup)
    quoted = "Get on all fours, with your hands in line with your shoulders and your knees in line with your hips."
    assert f'The guide says: "{quoted}"' in reply.text
    assert "hands in line with your shoulders and your knees in line with your hips" in ARTICLE  # the guide's words
    assert "doesn't say more" in reply.text
    assert "medical professional" in reply.text and "proper form" in reply.text
    assert "help you achieve proper form" in ARTICLE
    assert CONTENT.clinic.phone in reply.text
    assert "step 1" in reply.text and reply.choices  # the place, with the step's quick replies


def test_a_hold_is_answered_with_the_pose_it_holds_and_its_caution() -> None:
    hold = TWIST.at(2)
    assert hold.is_hold and hold.text is None
    words = step_words(hold)
    assert words.startswith("Bend your right knee and slowly draw it across the left side of your body.")
    assert "Don't force your leg over." in words


def test_the_left_side_first_quotes_the_left_knee() -> None:
    left_first = Routine(CONTENT.stretch("lying_knee_twist"), "left")
    assert step_words(left_first.at(2)).startswith("Bend your left knee")
