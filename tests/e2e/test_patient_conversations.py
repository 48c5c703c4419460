"""Patients' conversations (tests/e2e/conversations/) end to end through the real servers, judged turn by turn.

Each conversation runs once per test session (cached), so the per-patient tests and the summary over
all of them (test-artifacts/conversations.json) share the same turns.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.stack import ROOT, Stack
from tests.e2e.patient_script import (
    Conversation,
    TurnResult,
    failure_report,
    load_conversations,
    run_conversation,
    summarize,
)

CONVERSATIONS = load_conversations()
ARTIFACT = ROOT / "test-artifacts" / "conversations.json"
FALLBACK_TARGET = 0.05


class Transcripts:
    """Runs each conversation on first request and keeps its results for the rest of the session."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.done: dict[str, list[TurnResult]] = {}

    def of(self, conversation: Conversation) -> list[TurnResult]:
        if conversation.name not in self.done:
            sender = f"patient-{conversation.name}-{uuid.uuid4().hex[:6]}"
            device = OwnAddress(self.stack, patient_address(CONVERSATIONS.index(conversation)))
            self.done[conversation.name] = run_conversation(device, conversation, sender)
        return self.done[conversation.name]


def patient_address(index: int) -> str:
    """Each patient talks from a loopback address of their own, as each would from their own device: the
    conversations are some 700 messages within a minute, and one client sending them all would meet the
    servers' per-address rate limit (600 a minute) and starve the suites that run after."""
    return f"127.0.30.{1 + index % 250}"


class OwnAddress:
    """The stack as one patient's device reaches it: every REST message from ``client``."""

    def __init__(self, stack: Stack, client: str) -> None:
        self.stack, self.client = stack, client

    def rest(self, sender: str, message: str) -> list[dict[str, Any]]:
        return self.stack.rest(sender, message, client=self.client)

    def tracker(self, sender: str) -> dict[str, Any]:
        return self.stack.tracker(sender)


@pytest.fixture(scope="module")
def transcripts(rasa_stack: Stack) -> Iterator[Transcripts]:
    yield Transcripts(rasa_stack)


def test_the_conversations_are_many_patients_of_realistic_length() -> None:
    assert len(CONVERSATIONS) >= 22
    assert len({c.patient for c in CONVERSATIONS}) == len(CONVERSATIONS), "each conversation is a different patient"
    too_short_or_long = [(c.name, len(c.turns)) for c in CONVERSATIONS if not 8 <= len(c.turns) <= 20]
    assert too_short_or_long == []


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c.name for c in CONVERSATIONS])
def test_patient_conversation(conversation: Conversation, transcripts: Transcripts) -> None:
    results = transcripts.of(conversation)
    assert not any(r.problems for r in results), failure_report(conversation, results)


def test_summary_fallback_share_false_alarms_and_places(transcripts: Transcripts) -> None:
    """The numbers over every conversation, written for the README and the lead."""
    summary = summarize({c.name: transcripts.of(c) for c in CONVERSATIONS})
    write(ARTIFACT, summary)
    assert summary["false_alarms"] == 0, "\n".join(summary["false_alarm_turns"])
    assert summary["places_lost"] == 0, "\n".join(summary["place_lost_turns"])
    assert summary["fallback_share_on_topic"] <= FALLBACK_TARGET, "\n".join(summary["fallback_on_topic"])


def write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
