"""server_tuning.session_length on the real servers: a long session ends, and the person keeps their place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.stack import Stack

MAX_EVENTS = 20


@pytest.fixture(scope="module")
def short_sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    stack = Stack(workdir=Path(tmp_path_factory.mktemp("sessions")), env={"SESSION_MAX_EVENTS": str(MAX_EVENTS)})
    try:
        yield stack.start()
    finally:
        stack.stop()


def sessions_started(stack: Stack, sender: str) -> int:
    events = stack.tracker(sender)["events"]
    return sum(1 for event in events if event["event"] == "session_started")


def place(stack: Stack, sender: str) -> tuple[object, object]:
    slots = stack.tracker(sender)["slots"]
    return slots.get("routine_stretch"), slots.get("routine_step")


def test_questions_past_the_limit_start_a_new_session_and_keep_the_place(short_sessions: Stack) -> None:
    sender = "long-session"
    assert short_sessions.rest(sender, "guide me through cat cow")
    assert short_sessions.rest(sender, "no")  # the screen before exercise
    assert short_sessions.rest(sender, "next")
    stretch, step = place(short_sessions, sender)
    assert stretch == "cat_cow" and isinstance(step, int | float)
    started = sessions_started(short_sessions, sender)
    for _ in range(8):  # questions answered in place; each turn adds several events
        assert short_sessions.rest(sender, "what step am I on?")
        assert place(short_sessions, sender) == (stretch, step)
    assert sessions_started(short_sessions, sender) > started  # the session limit started a new one
    short_sessions.rest(sender, "next")
    assert place(short_sessions, sender) == (stretch, step + 1)  # the place was carried over


def test_chat_that_never_starts_a_routine_is_cut_into_sessions(short_sessions: Stack) -> None:
    sender = "long-chat"
    for _ in range(12):
        assert short_sessions.rest(sender, "how do I book an appointment?")
    assert sessions_started(short_sessions, sender) >= 3
