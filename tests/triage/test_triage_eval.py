"""triage.assess on the labeled file: red-flag recall 100% and near-miss false alarms <= 3% on the held-out part.

The held-out third (every third message, tests/triage/messages.yml) was fixed before the rules were
written and never used to tune them. The measured numbers go to test-artifacts/triage.json.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from triage import Level, assess
from triage.evaluation import Labeled, Score, read_labeled, score_splits

ROOT = Path(__file__).resolve().parents[2]
ARTIFACT = ROOT / "test-artifacts" / "triage.json"
FALSE_ALARM_CEILING = 0.03


def _judge(text: str) -> Level:
    return assess(text).level


@pytest.fixture(scope="module")
def labeled() -> list[Labeled]:
    return read_labeled()


@pytest.fixture(scope="module")
def scores(labeled: list[Labeled]) -> dict[str, Score]:
    result = score_splits(labeled, _judge)
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps({name: s.as_json() for name, s in result.items()}, indent=2) + "\n")
    return result


def test_the_file_is_big_varied_and_a_third_held_out(labeled: list[Labeled]) -> None:
    assert len(labeled) >= 180
    kinds = Counter(item.kind for item in labeled)
    assert kinds["red_flag"] >= 40 and kinds["possible_red_flag"] >= 15 and kinds["pain"] >= 15
    assert kinds["near_miss"] >= 80
    held_out = [item for item in labeled if item.split == "heldout"]
    assert abs(len(held_out) - len(labeled) / 3) <= 1
    assert len({item.text.lower() for item in labeled}) == len(labeled), "a message is labeled twice"


@pytest.mark.parametrize(
    ("sign", "min_wordings"),
    [("saddle", 5), ("bladder", 5), ("bowel", 5), ("bilateral", 5), ("weakness", 5), ("trauma", 5), ("fever", 5)],
)
def test_each_nice_nhs_red_flag_has_many_wordings(labeled: list[Labeled], sign: str, min_wordings: int) -> None:
    wordings = [item for item in labeled if item.kind == "red_flag" and sign in item.note]
    assert len(wordings) >= min_wordings, sign


def test_every_red_flag_reaches_care_on_the_held_out_part(scores: dict[str, Score]) -> None:
    held_out = scores["heldout"]
    assert held_out.red_flags >= 25
    assert held_out.recall == 1.0, [f for f in held_out.failures if f["expect"] in ("emergency", "ask")]


def test_every_red_flag_reaches_care_on_the_whole_file(scores: dict[str, Score]) -> None:
    assert scores["all"].recall == 1.0, [f for f in scores["all"].failures if f["expect"] in ("emergency", "ask")]


def test_near_misses_rarely_alarm_on_the_held_out_part(scores: dict[str, Score]) -> None:
    held_out = scores["heldout"]
    assert held_out.near_misses >= 35
    assert held_out.false_alarm_rate <= FALSE_ALARM_CEILING, held_out.failures


def test_the_part_the_rules_were_developed_on_is_answered_exactly(scores: dict[str, Score]) -> None:
    """The dev part is what the rules were tuned on: any miss there is a regression."""
    assert scores["dev"].failures == []


def test_the_numbers_are_written_for_the_note(scores: dict[str, Score]) -> None:
    written = json.loads(ARTIFACT.read_text())
    assert written["heldout"]["recall"] == round(scores["heldout"].recall, 4)
    assert written["all"]["messages"] == scores["all"].messages
