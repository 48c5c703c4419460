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
from triage.assess import SHIPPED, combine, read_rules
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
    assert all(example.source not in HELD_OUT for example in all_examples())


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


def _probs(emergency: float, ask: float = 0.0, pain: float = 0.0) -> dict[str, float]:
    return {"emergency": emergency, "ask": ask, "pain": pain, "none": max(0.0, 1.0 - emergency - ask - pain)}


def test_the_rules_emergency_stands_whatever_the_model_says() -> None:
    reading = read_rules("i cant control my bladder since this morning")
    assert combine(reading, _probs(0.0)).level is Level.EMERGENCY


def test_a_mention_the_rules_negated_stays_quiet_even_when_the_model_is_sure() -> None:
    reading = read_rules("no numbness down there at all")
    assert reading.dropped
    assert combine(reading, _probs(1.0)).level is Level.NONE


def test_someone_elses_mention_needs_a_confident_model_to_become_their_emergency() -> None:
    reading = read_rules("my husband has a fever")
    assert combine(reading, _probs((SHIPPED.others or 1.0) - 0.01)).level is Level.NONE
    raised = combine(reading, _probs(0.99))
    assert raised.level is Level.EMERGENCY and raised.about_other


def test_where_the_rules_found_nothing_the_model_asks_or_calls_it_an_emergency() -> None:
    reading = read_rules("something feels really wrong in me")
    assert reading.assessment.level is Level.NONE and not reading.dropped
    assert combine(reading, _probs(0.1, ask=SHIPPED.alarm)).level is Level.ASK
    # no word of any kind of emergency in it: the learned reader alone must be surer to call it one
    assert combine(reading, _probs(SHIPPED.emergency, ask=0.2)).level is Level.ASK
    assert combine(reading, _probs(0.8, ask=0.1)).level is Level.EMERGENCY
    assert combine(reading, _probs(0.1, ask=0.1, pain=SHIPPED.pain)).level is Level.PAIN
    assert combine(reading, _probs(0.1, ask=0.1, pain=0.1)).level is Level.NONE


def test_an_alarm_with_a_kind_word_needs_less_to_be_an_emergency() -> None:
    reading = read_rules("i think i swallowed some of the pills by mistake")
    assert reading.assessment.level is Level.NONE and not reading.dropped
    found = combine(reading, _probs(0.5, ask=0.2))
    assert found.level is Level.EMERGENCY and found.flags == ("overdose",)


def test_pain_the_rules_found_needs_more_to_become_an_alarm() -> None:
    reading = read_rules("ouch that really hurts in my lower back")
    assert reading.assessment.level is Level.PAIN
    assert combine(reading, _probs(0.1, ask=SHIPPED.alarm)).level is Level.PAIN
    assert combine(reading, _probs(0.1, ask=SHIPPED.pain_alarm)).level is Level.ASK
    assert combine(reading, _probs(SHIPPED.pain_emergency)).level is Level.EMERGENCY


def test_a_writer_who_says_it_is_no_emergency_gets_no_learned_alarm() -> None:
    denial = read_rules("I am not having an emergency at all, I simply have a stiff lower back in the mornings")
    assert denial.assessment.level is Level.NONE
    assert combine(denial, _probs(0.9, ask=0.05)).level is Level.NONE
    # the rules still read a red flag beside it, and a hedged "I think I'm ok" is no denial
    assert assess("im fine but i cant feel my legs and cant pee").level is Level.EMERGENCY
    hedged = read_rules("smacked my head on the cupboard door lol, i think im ok")
    assert combine(hedged, _probs(0.1, ask=0.7)).level is Level.ASK
