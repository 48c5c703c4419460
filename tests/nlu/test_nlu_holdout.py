"""Held-out NLU evaluation: examples never trained on, in other words than the training data.

Two files: holdout.yml (every intent, including out of scope from the trained domains) and
holdout_everyday.yml (everyday assistants' questions from domains the NLU was never trained on, issue 9).
Floors sit a little below the measured numbers (README, "NLU pipeline") so that a regression in the data
or the pipeline fails here; the numbers themselves go to test-artifacts/nlu-holdout*.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlu_eval.holdout import (
    EVERYDAY_FILE,
    HOLDOUT_FILE,
    OUT_OF_SCOPE,
    ROOT,
    HoldoutReport,
    evaluate,
    normalise,
    read_examples,
    training_examples,
)

# Floors from issue 9. Measured numbers are in the README's NLU section and in test-artifacts/.
ACCURACY_FLOOR = 0.85
OOS_RECALL_FLOOR = 0.90
EVERYDAY_OOS_RECALL_FLOOR = 0.95
ARTIFACTS = ROOT / "test-artifacts"
NEVER_TYPED = {"EXTERNAL_hold_over"}  # sent by the web hold timer, never typed
NEW_INTENTS = {  # issue 9: each needs at least MIN_PER_NEW_INTENT held-out examples
    "ask_side",
    "ask_breathing",
    "ask_benefits",
    "ask_about_body",
    "report_tired",
    "do_all_stretches",
    "ask_clinic_details",
    "ask_medical_advice",
    "ask_medication",
}
MIN_PER_NEW_INTENT = 8
MIN_EVERYDAY = 200


def _scored(model: Path, holdout: Path, artifact: str) -> HoldoutReport:
    result = evaluate(model, holdout)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / artifact).write_text(json.dumps(result.as_json(), indent=2) + "\n")
    return result


@pytest.fixture(scope="module")
def report(nlu_model: Path) -> HoldoutReport:
    return _scored(nlu_model, HOLDOUT_FILE, "nlu-holdout.json")


@pytest.fixture(scope="module")
def everyday(nlu_model: Path) -> HoldoutReport:
    return _scored(nlu_model, EVERYDAY_FILE, "nlu-holdout-everyday.json")


@pytest.mark.parametrize("holdout", [HOLDOUT_FILE, EVERYDAY_FILE], ids=lambda p: p.name)
def test_holdout_is_never_trained_on(holdout: Path) -> None:
    trained = {normalise(e.text) for e in training_examples()}
    leaked = [e.text for e in read_examples(holdout) if normalise(e.text) in trained]
    assert leaked == []


def test_holdout_covers_every_intent_with_many_out_of_scope() -> None:
    from rasa.shared.core.constants import DEFAULT_INTENTS
    from rasa.shared.core.domain import Domain

    held_out = [e.intent for e in read_examples(HOLDOUT_FILE)]
    domain_intents = set(Domain.load(ROOT / "domain.yml").intents) - set(DEFAULT_INTENTS) - NEVER_TYPED
    assert domain_intents - set(held_out) == set()
    assert held_out.count(OUT_OF_SCOPE) >= 50
    assert {i: held_out.count(i) for i in NEW_INTENTS if held_out.count(i) < MIN_PER_NEW_INTENT} == {}


def test_everyday_file_is_large_and_all_out_of_scope() -> None:
    intents = [e.intent for e in read_examples(EVERYDAY_FILE)]
    assert len(intents) >= MIN_EVERYDAY
    assert set(intents) == {OUT_OF_SCOPE}


def test_intent_accuracy_floor(report: HoldoutReport) -> None:
    assert report.accuracy >= ACCURACY_FLOOR, report.as_json()["confusions"]


def test_out_of_scope_recall_floor(report: HoldoutReport) -> None:
    assert report.oos_recall >= OOS_RECALL_FLOOR, [
        e for e in report.as_json()["errors"] if e["expected"] == OUT_OF_SCOPE
    ]


def test_everyday_questions_get_the_fallback(everyday: HoldoutReport) -> None:
    assert everyday.oos_recall >= EVERYDAY_OOS_RECALL_FLOOR, everyday.as_json()["errors"]


def test_no_everyday_question_is_read_as_a_red_flag(report: HoldoutReport, everyday: HoldoutReport) -> None:
    assert [p.text for p in report.false_red_flags] == []
    assert [p.text for p in everyday.false_red_flags] == []


def test_every_red_flag_reaches_safety(report: HoldoutReport) -> None:
    """A red flag may land on pain or the fallback (both stop and point to a clinician), never elsewhere."""
    assert report.red_flag_unsafe == []
