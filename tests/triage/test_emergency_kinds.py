"""Every kind of emergency, not only back-pain red flags, and emergencies of someone the writer is with.

Cases written from how people say it, each with the flag id (content.yml) it must raise; near-misses
that share their words must stay quiet; someone else's emergency now is an emergency with
``about_other``; someone else's symptom that is no emergency now is still discarded.
"""

from __future__ import annotations

import pytest

from stretch_content import load_content
from triage import Level, assess

OWN_EMERGENCIES = [
    ("i keep thinking everyone would be better off without me", "suicidal"),
    ("honestly id rather not be here anymore", "suicidal"),
    ("i want to die", "suicidal"),
    ("been thinking about ending my life", "suicidal"),
    ("sometimes i think about killing myself", "suicidal"),
    ("I don't want to live anymore", "suicidal"),
    ("honestly i would rather end my life than go on like this", "suicidal"),
    ("next. oh and I haven't been able to pass urine all day", "bladder"),
    ("I took 25 iron pills an hour ago", "overdose"),
    ("i think i overdosed on my sleeping tablets", "overdose"),
    ("I swallowed some bleach by mistake", "overdose"),
    ("my face is drooping on one side and my words come out slurred", "stroke"),
    ("i think im having a stroke", "stroke"),
    ("suddenly can't get my words out and my arm and face went numb", "stroke"),
    ("it's bleeding through the towel and won't stop", "bleeding"),
    ("cut my hand on a knife and i cant stop the bleeding", "bleeding"),
    ("i feel pressure in my chest and my jaw aches, i'm sweating", "chest"),
    ("it hurts in my chest when i breathe", "chest"),
    ("heaviness in the middle of my chest since lunch", "chest"),
    ("pain going into my jaw and left arm and i'm all clammy", "chest"),
    ("i can barely breathe", "breathing"),
    ("too breathless to finish a sentence", "breathing"),
]

OTHERS_EMERGENCIES = [
    ("my son took a handful of my pills", "overdose"),
    ("she swallowed some of the dishwasher pods", "overdose"),
    ("my toddler might have swallowed bleach", "overdose"),
    ("my dad fell down the stairs and cant move his legs", "trauma"),
    ("his face is drooping and he's slurring", "stroke"),
    ("my dad just had a heart attack", "chest"),
    ("my wife collapsed in the kitchen and won't wake up", "help_now"),
    ("my friend says she wants to kill herself, she's here with me", "suicidal"),
    ("my husband's leg is bleeding everywhere and it wont stop", "bleeding"),
]

NEAR_MISSES = [
    "my mom had a stroke in 2019",
    "killing time before my appointment",
    "I'd die for a coffee",
    "I could die of embarrassment",
    "my husband has a fever",
    "my wife says her feet tingle",
    "my cat fell",
    "my mom had a stroke",
    "my friend was in a car accident",
    "my colleague keeps complaining about chest pain, i told him to see a doctor",
    "I swallowed my pills with water this morning",
    "got food poisoning from the sushi, lesson learned",
    "overdosed on netflix this weekend",
    "end it",
    "a stroke of luck, the clinic had a slot open",
    "working on my backstroke at the pool",
    "i nearly killed myself laughing at that video",
    "what's the number for poison control, asking for a school project",
    "does stretching help after a stroke?",
    "my gums bleed a little when i floss",
]


@pytest.mark.parametrize(("text", "flag"), OWN_EMERGENCIES)
def test_each_kind_of_emergency_is_one(text: str, flag: str) -> None:
    got = assess(text)
    assert got.level is Level.EMERGENCY, got
    assert flag in got.flags, got
    assert not got.about_other


@pytest.mark.parametrize(("text", "flag"), OTHERS_EMERGENCIES)
def test_an_emergency_of_someone_the_writer_is_with_is_an_emergency_about_them(text: str, flag: str) -> None:
    got = assess(text)
    assert got.level is Level.EMERGENCY, got
    assert flag in got.flags, got
    assert got.about_other, got


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_of_the_general_emergencies_raise_no_alarm(text: str) -> None:
    got = assess(text)
    assert got.level in (Level.NONE, Level.PAIN), got
    assert not got.about_other


def test_the_writers_own_emergency_wins_over_someone_elses() -> None:
    got = assess("my son took some of my pills and now i cant breathe")
    assert got.level is Level.EMERGENCY and not got.about_other, got


def test_thoughts_of_suicide_are_never_hedged_down_to_a_question() -> None:
    assert assess("sometimes i kind of want to die").level is Level.EMERGENCY


def test_each_new_flag_has_a_source() -> None:
    flags = {flag.id: flag for flag in load_content().clinic.red_flag_list}
    for flag_id in ("suicidal", "overdose", "stroke", "bleeding", "chest", "breathing"):
        assert flags[flag_id].source, flag_id
    assert "988" in flags["suicidal"].source
    assert "1-800-222-1222" in flags["overdose"].source


def test_someone_elses_recent_fall_with_back_pain_is_worth_a_check_for_them() -> None:
    """A fall last week with a hurt back is what the trauma red flag asks about for the writer too: for their mom,
    the advice about her (no question to the writer about their own symptoms), not 911."""
    found = assess("my mom fell last week and hurt her back")
    assert found.level is Level.ASK and found.about_other and found.flags == ("trauma",)
