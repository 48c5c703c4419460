"""Symptom words one typo away are read as spelt right; real words one edit away stay themselves."""

from __future__ import annotations

import pytest

from triage import Level, assess
from triage.text import normalise


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("fevr", "fever"),
        ("cauda equnia", "cauda equina"),
        ("cuada", "cauda"),
        ("bladdr", "bladder"),
        ("numbnes", "numbness"),
    ],
)
def test_one_typo_in_a_symptom_word_is_corrected(typed: str, read: str) -> None:
    assert normalise(typed) == read


@pytest.mark.parametrize("word", ["fewer", "bowl", "never", "number", "ladder", "grown", "fever"])
def test_real_words_are_left_alone(word: str) -> None:
    assert normalise(word) == word


def test_a_misspelt_emergency_still_gets_emergency_advice() -> None:
    assert assess("fevr and bad back pain since tuesday").level is Level.EMERGENCY
    assert assess("i have fewer reps to do today").level is Level.NONE
