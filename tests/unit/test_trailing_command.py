"""The command a message ends with after chatter (pacing/commands.py)."""

from __future__ import annotations

import pytest

from pacing.commands import asked_in_passing, trailing_command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Got the mat out, the cat watched me the whole time. Anyway. Next.", "next"),
        ("haha that feels weird. next", "next"),
        ("fine i guess lol. next please", "next"),
        ("right, done that side, ok next", "next"),
        ("next, sorry, typo", "next"),
        ("next sorry my phone", "next"),
        ("bit of a pull but fine. nesxt", None),  # two letters off: not guessed
        ("that was easy. mext", "next"),
        ("vale. siguiente", "next"),
        ("missed that bit. go back", "back"),
        ("didn't catch it, repeat that please", "repeat"),
    ],
)
def test_the_last_words_decide(text: str, expected: str | None) -> None:
    assert trailing_command(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "what comes next",  # a question, left to the NLU
        "ok back. sorry",  # "I'm back", not "go back"
        "my back feels good",
        "i did it again",
        "is the next one harder?",
        "",
        "the next step hurts my knee",
    ],
)
def test_no_command_where_the_end_is_not_one(text: str) -> None:
    assert trailing_command(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("doorbell. brb", "pause"),
        ("sorry, my dog barked. where was i", "progress"),
    ],
)
def test_a_break_or_where_was_i_at_the_end(text: str, expected: str) -> None:
    assert trailing_command(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i'll ask my physio first. could you get me an appointment with someone", "book"),
        ("my wife can ring for me, how do we schedule a visit", "book"),
        ("ok fine, just book me in", "book"),
        ("the cat jumped on me. where were we?", "progress"),
        ("feels great. what's after this?", "progress"),
        ("it eased off now, can we carry on?", "resume"),
        ("kid's awake brb", "pause"),
        ("right, i'm done for today, my knees say so", "leave"),
        ("i think i will stop here and ask my midwife", "leave"),
        ("gotta go, bus is here", "leave"),
    ],
)
def test_a_request_said_in_passing(text: str, expected: str) -> None:
    assert asked_in_passing(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "is this safe with a bad hip",
        "my appointment with the surgeon went fine",  # about a visit, not asking for one
        "can i do it on my bed",
        "what if it hurts after",
    ],
)
def test_no_request_in_passing(text: str) -> None:
    assert asked_in_passing(text) is None
