"""Held-out NLU evaluation: examples never trained on, in other words than the training data.

Floors sit a little below the measured numbers (see the README's NLU section) so that a regression in the
data or the pipeline fails here; the numbers themselves go to test-artifacts/nlu-holdout.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench.nlu_holdout import (
    HOLDOUT_FILE,
    OUT_OF_SCOPE,
    ROOT,
    HoldoutReport,
    evaluate,
    normalise,
    read_examples,
    training_examples,
)

# Measured on 281 held-out examples (82 out of scope, 23 red flags): logistic regression over word and char_wb
# counts gives accuracy 0.89-0.91 and out-of-scope recall 0.85-0.90 (bench/compare_pipelines.py).
ACCURACY_FLOOR = 0.85
OOS_RECALL_FLOOR = 0.80
ARTIFACT = ROOT / "test-artifacts" / "nlu-holdout.json"
NEVER_TYPED = {"EXTERNAL_hold_over"}  # sent by the web hold timer, never typed


def _model() -> Path:
    """The model `make model` trains (NLU_HOLDOUT_MODEL overrides, e.g. for a candidate pipeline)."""
    if override := os.environ.get("NLU_HOLDOUT_MODEL"):
        return Path(override)
    from tests.stack import latest_model

    return latest_model()


@pytest.fixture(scope="module")
def report() -> HoldoutReport:
    result = evaluate(_model())
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(result.as_json(), indent=2) + "\n")
    return result


def test_holdout_is_never_trained_on() -> None:
    trained = {normalise(e.text) for e in training_examples()}
    leaked = [e.text for e in read_examples(HOLDOUT_FILE) if normalise(e.text) in trained]
    assert leaked == []


def test_holdout_covers_every_intent_with_many_out_of_scope() -> None:
    from rasa.shared.core.constants import DEFAULT_INTENTS
    from rasa.shared.core.domain import Domain

    held_out = [e.intent for e in read_examples(HOLDOUT_FILE)]
    domain_intents = set(Domain.load(ROOT / "domain.yml").intents) - set(DEFAULT_INTENTS) - NEVER_TYPED
    assert domain_intents - set(held_out) == set()
    assert held_out.count(OUT_OF_SCOPE) >= 50


def test_intent_accuracy_floor(report: HoldoutReport) -> None:
    assert report.accuracy >= ACCURACY_FLOOR, report.as_json()["errors"]


def test_out_of_scope_recall_floor(report: HoldoutReport) -> None:
    assert report.oos_recall >= OOS_RECALL_FLOOR, [
        e for e in report.as_json()["errors"] if e["expected"] == OUT_OF_SCOPE
    ]


def test_every_red_flag_reaches_safety(report: HoldoutReport) -> None:
    """A red flag may land on pain or the fallback (both stop and point to a clinician), never elsewhere."""
    assert report.red_flag_unsafe == []
