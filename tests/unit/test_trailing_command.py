"""The command a message ends with after chatter (pacing/commands.py)."""

from __future__ import annotations

import pytest

from pacing.commands import trailing_command


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
        "ok back. sorry. where was i",  # "I'm back", not "go back"
        "my back feels good",
        "i did it again",
        "is the next one harder?",
        "",
        "the next step hurts my knee",
    ],
)
def test_no_command_where_the_end_is_not_one(text: str) -> None:
    assert trailing_command(text) is None
