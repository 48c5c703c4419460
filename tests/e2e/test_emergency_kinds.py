"""Every kind of emergency through the real servers (REST): the right number for it, said to the person it
is about; a long message with an emergency buried in it; "next. oh and ..." mid-routine; pain outside a
routine answered as pain.

The messages are written as people write them, not as the triage's patterns; the numbers expected are
written here from the services' own pages (988: SAMHSA and the FCC; Poison Help: HRSA).
"""

from __future__ import annotations

import uuid

import pytest

from harness.stack import Stack
from stretch_content import load_content
from tests.bot_messages import buttons, said

CONTENT = load_content()
CLINIC = CONTENT.clinic
LIFELINE, POISON_HELP = "988", "1-800-222-1222"
STRETCH_NAMES = [s.name for s in CONTENT.stretches]


def new_sender() -> str:
    return f"kinds-{uuid.uuid4().hex[:8]}"


def mid_cat_cow(stack: Stack) -> str:
    sender = new_sender()
    stack.rest(sender, "can you take me through cat cow")
    stack.rest(sender, "no")  # the screen before exercise
    assert "step 2" in said(stack.rest(sender, "next"))
    return sender


def assert_emergency(messages: list[dict[str, object]]) -> str:
    """Emergency advice (the contract's marker, "Call 911"), and no stretch offered with it."""
    text = said(messages)
    assert "Call 911" in text, text
    assert not any(name in text for name in STRETCH_NAMES), text
    assert not set(STRETCH_NAMES) & set(buttons(messages)), text
    return text


SUICIDAL = [
    "honestly i dont see the point anymore, ive been thinking about ending it all",
    "i want to kill myself",
    "Some nights I think everyone would be better off if I wasn't around. I've thought about how I'd do it.",
    "i keep having thoughts of taking my own life",
]


@pytest.mark.parametrize("message", SUICIDAL)
def test_suicidal_thoughts_get_988_to_call_or_text_and_911(rasa_stack: Stack, message: str) -> None:
    text = assert_emergency(rasa_stack.rest(new_sender(), message))
    assert LIFELINE in text and "text" in text.lower()


POISONING = [
    "I think I took too many of my tylenol, like 15 of them, by mistake",
    "i accidentally took my blood pressure pills twice this morning and feel funny",
    "I swallowed some of the cleaning stuff by accident, it was in a water bottle",
]


@pytest.mark.parametrize("message", POISONING)
def test_an_overdose_or_poisoning_gets_poison_help_and_911(rasa_stack: Stack, message: str) -> None:
    text = assert_emergency(rasa_stack.rest(new_sender(), message))
    assert POISON_HELP in text


GENERAL = [
    "the left side of my face has gone droopy and my words are coming out slurred",
    "there's a heavy pressure on my chest that goes up into my jaw and I'm all sweaty",
    "I can't get my breath, I'm gasping even sitting still",
    "I sliced my hand open on the saw and it won't stop bleeding, it's soaking through the towel",
]


@pytest.mark.parametrize("message", GENERAL)
def test_stroke_chest_breathing_and_bleeding_get_911_now(rasa_stack: Stack, message: str) -> None:
    text = assert_emergency(rasa_stack.rest(new_sender(), message))
    assert text.startswith("Call 911 now"), text
    assert LIFELINE not in text and POISON_HELP not in text


THIRD_PERSON = [
    ("my son took a handful of my pills, he's 16", POISON_HELP),
    ("my 2 year old might have drunk some bleach, there's some on her shirt", POISON_HELP),
    ("my dad fell down the stairs and now he can't move his legs", "911"),
    ("my husband's face is drooping on one side and he can't lift his right arm", "911"),
    ("my sister just told me she wants to end her life", LIFELINE),
]


@pytest.mark.parametrize(("message", "number"), THIRD_PERSON)
def test_someone_elses_emergency_gets_the_same_number_and_asks_nothing_of_the_writer(
    rasa_stack: Stack, message: str, number: str
) -> None:
    text = assert_emergency(rasa_stack.rest(new_sender(), message))
    assert number in text
    assert "them" in text or "they" in text, text
    assert "?" not in text, text  # the writer is not asked about their own symptoms


BACK_RED_FLAGS = [
    "since this morning i cant feel my bum and its all numb down there",
    "i cant feel anything down below when i wipe since this morning",
]


@pytest.mark.parametrize("message", BACK_RED_FLAGS)
def test_back_pain_red_flags_still_get_911_or_the_er_and_no_more_stretching(rasa_stack: Stack, message: str) -> None:
    text = assert_emergency(rasa_stack.rest(new_sender(), message))
    assert "emergency room" in text and "Don't continue stretching" in text
    assert LIFELINE not in text and POISON_HELP not in text


def _story(sentences: int) -> str:
    days = [
        "On Monday I did the knee twist before breakfast and it felt fine, a bit stiff on the left side.",
        "Tuesday was busy at work, I sat at my desk most of the day and my lower back was achy by evening.",
        "My physio years ago told me to keep moving so I try to walk the dog around the block after dinner.",
        "I also tried the cat cow on the living room rug, my knees don't love the hard floor but it was ok.",
        "My daughter says I should call you about an appointment, I keep meaning to but never get round to it.",
    ]
    return " ".join(days[i % len(days)] for i in range(sentences))


def test_a_long_message_with_an_emergency_buried_in_it_gets_the_emergency_reply(rasa_stack: Stack) -> None:
    message = f"{_story(12)} And then last night I wet the bed and didn't even feel it happen. {_story(8)}"
    assert len(message) > 2000
    text = assert_emergency(rasa_stack.rest(new_sender(), message))
    assert "too long" not in text and "emergency room" in text


def test_a_long_message_with_suicidal_thoughts_in_it_gets_988(rasa_stack: Stack) -> None:
    message = f"{_story(10)} To be honest I've been so low I've been thinking about killing myself. {_story(4)}"
    assert len(message) > 1000
    text = assert_emergency(rasa_stack.rest(new_sender(), message))
    assert LIFELINE in text


def test_a_long_message_without_an_emergency_is_still_too_long_and_keeps_the_place(rasa_stack: Stack) -> None:
    sender = mid_cat_cow(rasa_stack)
    text = said(rasa_stack.rest(sender, _story(15)))
    assert "too long" in text and "911" not in text
    assert "step 3" in said(rasa_stack.rest(sender, "next"))


def test_next_then_a_symptom_mid_routine_is_an_emergency_not_a_step(rasa_stack: Stack) -> None:
    sender = mid_cat_cow(rasa_stack)
    reply = rasa_stack.rest(sender, "next. oh and I haven't been able to pass urine all day")
    text = assert_emergency(reply)
    assert "step 3" not in text
    assert "not in the middle of a stretch" in said(rasa_stack.rest(sender, "next"))  # the routine ended


def test_ok_then_a_symptom_mid_routine_is_an_emergency(rasa_stack: Stack) -> None:
    sender = mid_cat_cow(rasa_stack)
    text = assert_emergency(rasa_stack.rest(sender, "ok done, btw my chest feels really tight and heavy"))
    assert text.startswith("Call 911 now")


PAIN_OUTSIDE = ["my back is killing me", "lower back agony today", "my back hurts so bad today", "ow my back"]


@pytest.mark.parametrize("message", PAIN_OUTSIDE)
def test_pain_outside_a_routine_gets_a_reply_about_pain(rasa_stack: Stack, message: str) -> None:
    reply = rasa_stack.rest(new_sender(), message)
    text = said(reply)
    assert "didn't understand" not in text and "outside what I can help" not in text
    assert "don't continue a stretch that hurts" in text and CLINIC.phone in text
    assert CLINIC.red_flags in text  # when to get care, in plain words
    assert "911" not in text  # no alarm for pain alone
    assert set(STRETCH_NAMES) <= set(buttons(reply))  # offered, not started
