"""Servers stopped and started mid-conversation, on servers of this module's own.

Stopping the session's shared servers would tie every later test to these ones succeeding (and reset
what the shared servers hold in memory), so these tests restart a pair nobody else talks to. Each test
leaves its pair running, whatever happens.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from harness.stack import Stack
from pacing import Routine
from stretch_content import load_content
from tests.bot_messages import said
from tests.e2e.patient_script import Place
from tests.security.routine_start import start_routine

CONTENT = load_content()
CLINIC = CONTENT.clinic
CAT_COW = Routine(CONTENT.stretch("cat_cow"))


def new_sender() -> str:
    return f"restart-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    stack = Stack(workdir=tmp_path_factory.mktemp("restarts"))
    try:
        yield stack.start()
    finally:
        stack.stop()


def test_conversation_survives_a_server_restart(own_stack: Stack) -> None:
    sender = new_sender()
    start_routine(own_stack, sender, "cat cow")
    own_stack.rest(sender, "next")
    own_stack.stop_rasa()
    own_stack.start_rasa()
    reply = said(own_stack.rest(sender, "next"))
    assert Place.of(own_stack.tracker(sender)) == Place("cat_cow", 3)
    assert (CAT_COW.at(2).text or "-") in reply


def test_a_crashed_action_server_still_gets_a_reply(own_stack: Stack) -> None:
    sender = new_sender()
    start_routine(own_stack, sender, "cat cow")
    own_stack.stop_actions()
    try:
        reply = said(own_stack.rest(sender, "next"))
        assert "having trouble" in reply and CLINIC.phone in reply
    finally:
        own_stack.start_actions()
    reply = said(own_stack.rest(sender, "next"))
    assert Place.of(own_stack.tracker(sender)) == Place("cat_cow", 2)
    assert (CAT_COW.at(1).text or "-") in reply
