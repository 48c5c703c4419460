"""The word-level safety net under the NLU."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

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
        "my bladder isn't working right",
        "i can't hold my bowels",
        "my leg suddenly went weak",
        "i hurt my back falling off my bike",
        "i slipped on ice and now my back aches",
        "i was rear ended yesterday",
        "back pain and a temperature of 102",
        "i've lost feeling in my groin area",
        "i can't control when i pee",
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


def test_held_out_red_flags_are_all_caught_without_false_alarms() -> None:
    """The screen alone (without the NLU) on the held-out file: every red flag, no other message."""
    holdout = yaml.safe_load((Path(__file__).resolve().parents[1] / "nlu" / "holdout.yml").read_text())
    for block in holdout["nlu"]:
        for line in block["examples"].splitlines():
            text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip()[2:])
            if text:
                assert is_red_flag(text) == (block["intent"] == "report_red_flag"), (block["intent"], text)
