"""Each context reader on its own (who, when, whether, idioms), then the brief's messages through assess()."""

from __future__ import annotations

import pytest

from triage import Level, assess
from triage.context import (
    Discard,
    Message,
    blank_idioms,
    discard,
    explained,
    hedged,
    hypothetical,
    long_ago,
    negated,
    whose,
)
from triage.text import Segments, normalise


def _span(message: Message, words: str) -> tuple[int, int]:
    start = message.text.index(words)
    return start, start + len(words)


def _read(text: str, words: str) -> tuple[Message, int, int]:
    message = Message(text)
    return (message, *_span(message, words))


def test_normalise_drops_case_and_apostrophes() -> None:
    assert normalise("I CAN’T  feel it, can't") == "i cant feel it, cant"


def test_clauses_end_at_commas_and_turns_but_not_inside_pins_and_needles() -> None:
    text = normalise("pins and needles in my leg now and then, but my back is fine")
    segments = Segments.of(text)
    start = text.index("pins")
    begin, end = segments.clause(start, start + 4)
    assert text[begin:end] == "pins and needles in my leg now and then"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("my kid has a fever", "fever", False),
        ("my cat fell off the couch", "fell off", False),
        ("she fell off her bike yesterday", "fell off", False),
        ("my wife says her feet are tingling", "tingling", False),
        ("my husband says i have a fever", "fever", True),
        ("my kid has a fever, and i have chills", "chills", True),
        ("i have a fever", "fever", True),
        ("temp of 102 and my back is aching", "temp of 102", True),
        ("my mom who i live with has a fever", "fever", False),
        ("my dad i think has a fever", "fever", False),
        ("when my dad left i had a fever", "fever", True),
        ("my wife and i both have a fever", "fever", True),
    ],
)
def test_who_the_last_person_named_before_the_symptom_owns_it(text: str, words: str, speaker: bool) -> None:
    assert whose(*_read(text, words)) is speaker


@pytest.mark.parametrize(
    ("text", "words", "past"),
    [
        ("ten years ago i was in a car accident", "car accident", True),
        ("i had a fever last spring", "fever", True),
        ("when i was a kid i broke my leg falling off a trampoline", "falling off", True),
        ("i had numbness in my legs after surgery in 2015", "numbness", True),
        ("i still get numbness from a fall years ago", "numbness", False),
        ("i hurt my back years ago and it still hurts", "still hurts", False),
        ("i fell an hour ago", "fell", False),
        ("i slipped on ice yesterday", "slipped", False),
    ],
)
def test_when_long_ago_unless_still(text: str, words: str, past: bool) -> None:
    assert long_ago(*_read(text, words)) is past


def test_when_an_all_clear_later_ends_a_past_mention_only() -> None:
    assert discard(*_read("i tripped but im fine", "tripped")) is Discard.RESOLVED
    assert discard(*_read("my legs are numb but im fine", "numb")) is None


@pytest.mark.parametrize(
    ("text", "words", "is_negated"),
    [
        ("no numbness", "numbness", True),
        ("it's not painful", "painful", True),
        ("i dont have a fever", "fever", True),
        ("my legs arent numb or anything", "legs arent numb", True),
        ("i can control my bladder fine", "my bladder", True),
        ("no tingling or numbness in my legs at all", "numbness", True),
        ("i cant feel my feet", "cant feel my feet", False),
        ("no feeling around my backside", "no feeling around my backside", False),
        ("i dont have any numbness but my legs are weak", "legs are weak", False),
        ("i dont know why it hurts", "hurts", False),
    ],
)
def test_whether_negated_but_not_by_the_symptoms_own_cant(text: str, words: str, is_negated: bool) -> None:
    assert negated(*_read(text, words)) is is_negated


@pytest.mark.parametrize(
    ("text", "words", "is_hypothetical"),
    [
        ("what if it hurts while im doing it", "hurts", True),
        ("should i stop if i get numbness", "numbness", True),
        ("what is cauda equina", "cauda equina", True),
        ("can stretching cause numbness", "numbness", True),
        ("i get numbness in my legs if i sit too long", "numbness", False),
        ("i fell yesterday is it ok to stretch", "fell", False),
    ],
)
def test_whether_hypothetical_looks_before_the_symptom(text: str, words: str, is_hypothetical: bool) -> None:
    assert hypothetical(*_read(text, words)) is is_hypothetical


@pytest.mark.parametrize(
    ("text", "words", "is_hedged"),
    [
        ("my foot tingles a bit", "tingles", True),
        ("i sometimes get numbness in my leg", "numbness", True),
        ("is it normal to feel numbness in my legs", "numbness", True),
        ("i get numbness in my legs if i sit too long", "numbness", True),
        ("i cant really feel my bum when i sit on the toilet", "cant really feel my bum", False),
        ("both my legs are going numb", "numb", False),
    ],
)
def test_hedges_make_a_red_flag_a_question(text: str, words: str, is_hedged: bool) -> None:
    assert hedged(*_read(text, words)) is is_hedged


@pytest.mark.parametrize(
    ("text", "words", "past"),
    [
        # a time that leads the sentence of a past story covers what follows in it
        ("back in 2020 i went to the er because i couldnt pee, turned out it was a stone", "couldnt pee", True),
        ("in college i went through a dark time and wanted to kill myself, got help", "kill myself", True),
        # unless the story turns to now, or "used to" is about a habit, not a time
        ("in 2019 i had surgery and now i cant pee", "cant pee", False),
        ("last year i went to the er and i couldnt pee, it happened again this morning", "couldnt pee", False),
        ("ive had back pain for years so im used to it but this is different, ive had a fever", "fever", False),
    ],
)
def test_a_past_story_told_from_a_time_is_long_ago(text: str, words: str, past: bool) -> None:
    assert long_ago(*_read(text, words)) is past


def test_the_double_negative_of_speech_is_read_as_its_meaning() -> None:
    assert normalise("i cant feel nothing when i wipe, its all num") == "i cant feel anything when i wipe, its all numb"
    assert assess("i cant feel nothing when i wipe like down there").level is Level.EMERGENCY


@pytest.mark.parametrize(
    ("text", "words", "flag", "is_explained"),
    [
        ("my feet go numb from the cold in the barn, they warm up fine", "feet go numb", "legs", True),
        ("killer workout today, legs are dead", "legs are dead", "legs", True),
        ("my chest hurts... from laughing at him", "chest hurts", "chest", True),
        # effort never explains chest pain or numbness; nothing explains a sign that stays
        ("my chest hurts after walking up the hill", "chest hurts", "chest", False),
        ("my legs went numb after the workout", "legs went numb", "legs", False),
        ("legs feel dead from hiking, still weak since yesterday", "legs feel dead", "legs", False),
        ("feet numb from the cold and i cant walk", "feet numb", "legs", False),
        # no cause explains numbness of the bottom
        ("numb bum from the bleachers all day", "numb bum", "saddle_numbness", False),
    ],
)
def test_an_ordinary_cause_explains_only_the_signs_it_can(text: str, words: str, flag: str, is_explained: bool) -> None:
    assert explained(*_read(text, words), flag) is is_explained


@pytest.mark.parametrize(
    "text",
    [
        "i fell asleep during the last stretch",
        "im falling behind on my stretches",
        "i fell in love with cat cow",
        "im kind of numb to the news",
        "sorry, that was an accident, i pressed the wrong button",
        "my boss is a pain in the neck",
        "youre killing it",
        "what time does the fall festival start",
    ],
)
def test_idioms_are_blanked_before_reading(text: str) -> None:
    blanked = blank_idioms(normalise(text))
    assert len(blanked) == len(normalise(text))
    for word in ("fell", "falling", "numb", "accident", "pain", "killing", "fall "):
        assert word not in blanked


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I can't really feel my bum when I sit on the toilet", Level.EMERGENCY),
        ("suddenly I can't lift my right foot", Level.EMERGENCY),
        ("temp of 102 and my back is aching", Level.EMERGENCY),
        ("i think i have cauda equina", Level.EMERGENCY),
        ("I have crushing chest pain", Level.EMERGENCY),
        ("I peed myself and didn't notice", Level.EMERGENCY),
        ("both my legs are going numb", Level.EMERGENCY),
        ("I fell down the stairs and now my back is killing me", Level.EMERGENCY),
        ("got rear-ended this morning and my back hurts", Level.EMERGENCY),
        ("I sometimes get numbness in my leg", Level.ASK),
        ("my foot tingles a bit", Level.ASK),
        ("I've had a bit of a temperature", Level.ASK),
        ("ouch", Level.PAIN),
        ("that really hurts", Level.PAIN),
        ("sharp pain when I twist", Level.PAIN),
        ("ow ow ow", Level.PAIN),
        ("what if it hurts", Level.NONE),
        ("it doesn't hurt", Level.NONE),
        ("a little uncomfortable but not painful", Level.NONE),
        ("I feel it in my lower back, is that right?", Level.NONE),
        ("my mom", Level.NONE),
        ("my husband has a fever", Level.NONE),
        ("last spring, I'm fine now", Level.NONE),
        ("I slipped a disc years ago, is cat cow ok for me?", Level.NONE),
        ("I can control my bladder fine", Level.NONE),
        ("should I stop if I get numbness?", Level.NONE),
        ("that was an accident, I pressed the wrong button", Level.NONE),
        ("I feel a nice stretch in my groin", Level.NONE),
        ("I can control my breathing better now", Level.NONE),
        ("my name is Jane and my number is 612-555-0199", Level.NONE),
        ("does pnc have a routing number", Level.NONE),
        ("", Level.NONE),
    ],
)
def test_the_briefs_messages(text: str, level: Level) -> None:
    assert assess(text).level is level


def test_an_assessment_names_its_flags_and_why() -> None:
    result = assess("temp of 102 and my back is aching")
    assert result.flags == ("fever",)
    assert "102" in result.reason and "back is aching" in result.reason
    assert assess("my kid has a fever").reason.endswith("other person")


def test_a_huge_message_is_read_up_to_its_first_two_thousand_characters() -> None:
    assert assess("i cant feel my bum " + "stretch " * 20_000).level is Level.EMERGENCY
    assert assess("stretch " * 20_000 + "i cant feel my bum").level is Level.NONE
