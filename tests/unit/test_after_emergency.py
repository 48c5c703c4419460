"""pacing.after_emergency: the messages a live tester sent after emergency advice (fall on the ice, a
learned false alarm on a form question), read as a clinician would want them answered."""

from __future__ import annotations

import pytest

from pacing import after_emergency
from stretch_content import load_content

CONTENT = load_content()

WHERE = [
    "911? i can walk ok its just sore. could darlene drive me to the urgent care in blaine instead",
    "ok ok. is the urgent care good enough or does it have to be the emergency room at mercy",
    "should I go to the ER or just urgent care?",
]
SEEN = [
    "back from mercy. they took xrays nothing broke just a bruised tailbone. doctor said take it easy a few days",
    "i just came from the emergency room. i am fine. they checked me",
    "i already went to the hospital saturday and they said i was fine",
    "I've been seen, it was just a bruise",
]
NEITHER = ["ok thanks", "my chest still hurts", "so i can do the cat cal then?", "the ambulance is on its way", "bye"]


@pytest.mark.parametrize("text", WHERE)
def test_a_question_about_where_to_go(text: str) -> None:
    assert after_emergency.asks_where_to_go(text) and not after_emergency.been_seen(text)


@pytest.mark.parametrize("text", SEEN)
def test_having_been_seen(text: str) -> None:
    assert after_emergency.been_seen(text) and not after_emergency.asks_where_to_go(text)


@pytest.mark.parametrize("text", NEITHER)
def test_neither(text: str) -> None:
    assert not after_emergency.been_seen(text) and not after_emergency.asks_where_to_go(text)


@pytest.mark.parametrize("text", ["what?! I do not have chest pain", "no I never said that", "I'm fine, wrong read"])
def test_a_denial(text: str) -> None:
    assert after_emergency.denies(text)


@pytest.mark.parametrize("text", ["ok", "my chest is still tight", "help"])
def test_no_denial(text: str) -> None:
    assert not after_emergency.denies(text)


def test_the_advice_stands_twelve_hours_and_not_after() -> None:
    given = 1_000_000.0
    assert after_emergency.stands(given, given + 11 * 3600)
    assert not after_emergency.stands(given, given + 13 * 3600)
    assert not after_emergency.stands(given, given - 60)  # a clock set back
    assert after_emergency.stands(None, given)  # given before its time was kept: it stands


def test_where_to_go_is_the_emergency_room_or_911_never_a_stretch() -> None:
    reply = after_emergency.where_to_go(CONTENT.clinic, CONTENT.emergency_number)
    assert "emergency room" in reply.text and "call 911" in reply.text and not reply.choices


def test_seen_puts_the_doctor_who_saw_them_first() -> None:
    reply = after_emergency.seen(CONTENT.clinic)
    assert "Follow what the doctor who saw you said" in reply.text and "(763) 201-8191" in reply.text
