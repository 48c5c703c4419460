"""What the learned reader may add to the rules: never an alarm on a few words, and the kind of an emergency
only it found, so the reply carries the right resource (docs/emergency-resources.md)."""

from __future__ import annotations

import pytest

from triage import Level, assess


@pytest.mark.parametrize(
    "answer",
    ["i think so", "um I think both", "uh yeah maybe", "not sure", "um well i guess", "ok then"],
)
def test_a_short_answer_is_never_a_learned_alarm(answer: str) -> None:
    assert assess(answer).level in (Level.NONE, Level.PAIN)


@pytest.mark.parametrize("short", ["chest pain", "cant pee", "i cant breathe", "both legs numb"])
def test_the_rules_still_read_a_short_message(short: str) -> None:
    assert assess(short).level is Level.EMERGENCY


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("i accidentally took my blood pressure pills twice this morning and feel funny", "overdose"),
        ("my little one got into the dishwasher pods under the sink, she's chewing one", "overdose"),
        ("honestly i dont see the point anymore, ive been thinking about ending it all", "suicidal"),
        ("some nights i think everyone would be better off if i wasnt around", "suicidal"),
    ],
)
def test_an_emergency_carries_its_kind(message: str, kind: str) -> None:
    result = assess(message)
    assert result.level is Level.EMERGENCY
    assert kind in result.flags


def test_blood_pressure_pills_are_not_bleeding() -> None:
    assert (
        "bleeding" not in assess("i accidentally took my blood pressure pills twice this morning and feel funny").flags
    )


@pytest.mark.parametrize(
    "message",
    [
        "i dont see the point of the forward fold, my hamstrings are fine",
        "i wasnt around when my sister fell last year",
        "took my vitamins with breakfast like always, anyway next step",
    ],
)
def test_near_misses_stay_harmless(message: str) -> None:
    assert assess(message).level in (Level.NONE, Level.PAIN)


@pytest.mark.parametrize(
    "question",
    [
        "is it going to hurt my knees tho? they dont bend very far",
        "is this gonna hurt my back if i do it wrong",
        "Bueno, let's try cat cow despacito. I will stop si me duele",
    ],
)
def test_a_question_about_pain_to_come_is_not_pain_now(question: str) -> None:
    assert assess(question).level is Level.NONE
