"""The screen before exercise in the pure core: its wording, the interval, and how answers are read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pacing.reply import Act
from pacing.screen import SCREEN_INTERVAL, Answer, ask_again, read_answer, says_no, screen_due, screen_question
from stretch_content import load_content

CLINIC = load_content().clinic
HOUR = 3600.0
NOW = 1_800_000_000.0


def test_the_interval_is_a_day() -> None:
    assert timedelta(hours=24) == SCREEN_INTERVAL


@pytest.mark.parametrize(
    ("screened_at", "due"),
    [
        (None, True),  # never answered
        (NOW - 60, False),  # a minute ago
        (NOW - 23.9 * HOUR, False),
        (NOW - 24.1 * HOUR, True),  # the interval is over
        (NOW + HOUR, True),  # a time in the future (the clock was set back) is not trusted
    ],
)
def test_the_screen_is_due_when_never_answered_or_older_than_the_interval(screened_at, due) -> None:
    assert screen_due(screened_at, NOW) is due


def test_the_interval_is_a_parameter() -> None:
    assert screen_due(NOW - 2 * HOUR, NOW, timedelta(hours=1))
    assert not screen_due(NOW - 2 * HOUR, NOW, timedelta(hours=3))


def test_the_question_lists_every_lay_red_flag_with_yes_and_no() -> None:
    reply = screen_question(CLINIC)
    assert reply.text.startswith("Before we start: do you have any of these right now:")
    lay = [flag.lay for flag in CLINIC.red_flag_list if flag.lay]
    assert len(lay) >= 5 and all(words in reply.text for words in lay)
    assert [c.act for c in reply.choices] == [Act.YES, Act.NO]
    assert "911" not in reply.text  # a question, not an alarm


def test_the_spoken_question_is_shorter_and_still_names_every_flag() -> None:
    reply = screen_question(CLINIC)
    spoken = " ".join(getattr(piece, "text", "") for piece in reply.speech)
    assert len(spoken) < len(reply.text)
    assert all(flag.lay in spoken for flag in CLINIC.red_flag_list if flag.lay)
    assert "yes or no" in spoken.lower()


def test_asking_again_is_one_sentence_with_yes_and_no() -> None:
    for screen in (True, False):
        reply = ask_again(CLINIC, screen=screen)
        assert reply.text.startswith("Sorry, I need a clear yes or no")
        assert "right now" in reply.text and [c.act for c in reply.choices] == [Act.YES, Act.NO]


CLEAR_NO = [
    "no",
    "No.",
    "nope",
    "none",
    "none of those",
    "None of the above",
    "no to all",
    "nah",
    "i'm fine none of them",
    "I’m fine, none of them",
    "Nope, not at all",
    "no i dont",
    "no I don't have any of those",
    "nooo",
    "um, no",
    "no thanks",
    "nothing like that",
    "no, not right now",
]
CLEAR_YES = [
    "yes",
    "Yes.",
    "yeah",
    "yep",
    "y",
    "yes both legs",
    "yes both legs and it's not going away",
    "yeah kind of",
    "i do",
    "yes i had a fall yesterday",
]
NEITHER = [
    "actually both legs, and it's not going away",
    "both",
    "only the left one",  # blind set 24: an answer to "one leg or both?", kept open rather than read as a no
    "i had a fall last year",
    "not sure",
    "maybe",
    "no but my legs feel weird",
    "no, my foot just tingles a bit sometimes",
    "yes no",
    "yeah nah",
    "next",
    "what do you mean",
    "my back hurts",
    "",
    "   ",
    "?",
]


@pytest.mark.parametrize("text", CLEAR_NO)
def test_a_clear_no(text) -> None:
    assert read_answer(text) is Answer.NO


@pytest.mark.parametrize("text", CLEAR_YES)
def test_a_clear_yes(text) -> None:
    assert read_answer(text) is Answer.YES


@pytest.mark.parametrize("text", NEITHER)
def test_words_of_their_own_are_neither(text) -> None:
    assert read_answer(text) is Answer.UNCLEAR


@pytest.mark.parametrize(
    "text", ["No dear none of that", "lmao no", "NO. i told you twice already", "nah i dont have any of those"]
)
def test_a_no_in_other_words(text: str) -> None:
    assert says_no(text)


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "sure",
        "not really sure",
        "actually both legs, and it's not going away",
        "no, but my legs feel odd",
        "no my foot tingles",
        "nope except a fever",
        "yeah no",
    ],
)
def test_not_a_no(text: str) -> None:
    assert not says_no(text)
