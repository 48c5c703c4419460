"""Triage on the NLU's held-out file (other authors' words): every red flag alarms, nothing else does.

Replaces the old word screen's check of the same file (tests/unit/test_safety.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from triage import Level, assess

HOLDOUT = Path(__file__).resolve().parents[1] / "nlu" / "holdout.yml"


def _examples() -> list[tuple[str, str]]:
    examples = []
    for block in yaml.safe_load(HOLDOUT.read_text())["nlu"]:
        for line in block["examples"].splitlines():
            text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip()[2:])
            if text:
                examples.append((block["intent"], text))
    return examples


def _alarm(text: str) -> bool:
    """The emergency advice or the red-flag question. Feeling faint (``faint``) is read by the triage but
    answered with "stop and rest" (actions/base.py), as ``report_unwell`` is: no alarm."""
    found = assess(text)
    return found.level is Level.EMERGENCY or (found.level is Level.ASK and found.flags != ("faint",))


def test_held_out_nlu_red_flags_alarm_and_nothing_else_does() -> None:
    examples = _examples()
    assert sum(intent == "report_red_flag" for intent, _ in examples) >= 10
    wrong = [(intent, text) for intent, text in examples if _alarm(text) != (intent == "report_red_flag")]
    assert wrong == []


def test_held_out_nlu_dizziness_is_read_as_feeling_faint() -> None:
    unwell = [text for intent, text in _examples() if intent == "report_unwell" and "dizz" in text.lower()]
    assert unwell and all(assess(text).flags == ("faint",) for text in unwell)


def test_held_out_nlu_pain_reports_are_pain() -> None:
    pain = [text for intent, text in _examples() if intent == "report_pain"]
    assert pain and [text for text in pain if assess(text).level is not Level.PAIN] == []
