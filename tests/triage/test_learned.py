"""The learned symptom reader (triage/learned.py): plain arrays, deterministic, and what training gives.

The committed triage/model.npz must load without pickle, predict the same after a save and load, and
be what `python -m triage.train` makes of the committed data (so a change to a labeled set or to the
NLU data without retraining fails here: run `make triage-model`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from triage import Level, assess
from triage.learned import LEVELS, MODEL_FILE, load, shipped
from triage.train import HELD_OUT, all_examples, fit, readable

SAMPLES = [
    "my chest feels like a band is squeezing it and im all sweaty",
    "what time do you open on saturday",
    "my back is killing me after the cat cow",
    "i cant feel the seat when i sit on the toilet",
    "next",
    "my husband has a fever",
]


def test_the_model_is_plain_arrays() -> None:
    with np.load(MODEL_FILE, allow_pickle=False) as arrays:
        assert set(arrays.files) == {"terms", "idf", "coef", "intercept", "levels"}
        assert all(arrays[name].dtype != object for name in arrays.files)
        assert arrays["coef"].shape == (len(LEVELS), len(arrays["terms"]))


def test_a_saved_model_loads_and_predicts_the_same(tmp_path: Path) -> None:
    model = shipped()
    copy = tmp_path / "copy.npz"
    model.save(copy)
    again = load(copy)
    for text in SAMPLES:
        assert again.probabilities(readable(text)) == model.probabilities(readable(text))


def test_probabilities_are_a_distribution_over_the_four_levels() -> None:
    for text in SAMPLES:
        probs = shipped().probabilities(readable(text))
        assert set(probs) == set(LEVELS)
        assert abs(sum(probs.values()) - 1.0) < 1e-9


def test_the_held_out_blind_set_is_never_trained_on() -> None:
    assert all(example.source != HELD_OUT for example in all_examples())


def test_the_committed_model_is_what_training_on_the_committed_data_gives() -> None:
    trained = fit(all_examples())
    committed = shipped()
    assert trained.vocabulary == committed.vocabulary
    for text in SAMPLES:
        fresh, stored = trained.probabilities(readable(text)), committed.probabilities(readable(text))
        assert max(abs(fresh[level] - stored[level]) for level in LEVELS) < 1e-4, text


@pytest.mark.parametrize(
    "text",
    [
        "i got a squeezing feeling behind my breastbone and my left arm is tingly",
        "my dad is on the floor and wont wake up",
    ],
)
def test_the_learned_reader_finds_what_the_rules_would_not_word_for_word(text: str) -> None:
    assert assess(text).level in (Level.EMERGENCY, Level.ASK)


def test_the_rules_veto_what_they_set_aside() -> None:
    """Someone else's long-ago or negated symptom stays quiet whatever the model thinks of the words."""
    for text in ("my grandpa had a heart attack in the 90s", "no numbness down there and i can pee fine"):
        assert assess(text).level is Level.NONE, text
