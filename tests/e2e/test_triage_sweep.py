"""Every labeled triage message through the real servers, at the start of a conversation and mid-routine.

The triage module's own tests judge its decisions; this sweep judges what a person actually gets back on
the REST channel (the NLU, the rules and the actions included), by the reply markers of the contract:
"Call 911" (emergency), "Are you having any of these right now" (ask), "don't continue a stretch that
hurts" (pain), anything else (none). Numbers per split and position go to test-artifacts/triage-e2e.json.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import yaml

from harness.stack import ROOT, Stack
from tests.e2e.patient_script import Place, category, reply_text

MESSAGES = ROOT / "tests" / "triage" / "messages.yml"
ARTIFACT = ROOT / "test-artifacts" / "triage-e2e.json"
ROUTINE_START = ("let's do the lying knee twist", "no", "next")  # "no": the screen before exercise
MID_ROUTINE_PLACE = Place("lying_knee_twist", 2)
POSITIONS = ("start", "mid_routine")
FALSE_ALARM_FLOOR = 0.03


@dataclass(frozen=True)
class Labeled:
    text: str
    expect: str
    kind: str
    split: str
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    """What one message got at one position; ``place`` is where the person was afterwards (mid-routine)."""

    message: Labeled
    position: str
    got: str
    reply: str
    place: Place | None = None

    @property
    def alarm(self) -> bool:
        """Emergency advice, the red-flag question, or any other mention of 911 (a hedged alarm is still one)."""
        return self.got in ("emergency", "ask") or "911" in self.reply

    @property
    def place_lost(self) -> bool:
        """Mid-routine, a message that is no emergency must not end the routine.

        Moving within or between routines is not judged here: some near-misses are commands ("next",
        "i'm dying to try the forward fold") that rightly move the person; see ``moved``.
        """
        if self.position != "mid_routine" or self.message.expect not in ("none", "ask"):
            return False
        return self.place is None or self.place.stretch is None

    @property
    def moved(self) -> bool:
        """Mid-routine, the person is no longer where they were (reported, not asserted)."""
        return self.position == "mid_routine" and self.place != MID_ROUTINE_PLACE

    def line(self) -> str:
        where = f", now {self.place}" if self.moved else ""
        label = f"[{self.message.split}/{self.position}] {self.message.text!r}"
        return f"{label} expected {self.message.expect}, got {self.got}{where}: {self.reply!r}"


def load_messages() -> list[Labeled]:
    return [Labeled(**m) for m in yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))["messages"]]


def patient_address(index: int) -> str:
    """A loopback address per labeled message: the sweep is some 850 messages from hundreds of patients
    within a minute or two, not one client, so the servers' per-address rate limit (600 a minute, the
    security suite's business) stays as ``make run`` sets it and is never met here."""
    return f"127.0.{10 + index // 200}.{1 + index % 200}"


def sweep(stack: Stack, messages: list[Labeled]) -> list[Outcome]:
    outcomes = []
    for index, message in enumerate(messages):
        client = patient_address(index)
        sender = f"sweep-{uuid.uuid4().hex[:8]}"
        reply = reply_text(stack.rest(sender, message.text, client=client))
        outcomes.append(Outcome(message, "start", category(reply), reply))
        sender = f"sweep-{uuid.uuid4().hex[:8]}"
        for text in ROUTINE_START:
            stack.rest(sender, text, client=client)
        started = Place.of(stack.tracker(sender))
        assert started == MID_ROUTINE_PLACE, f"the routine did not start as the sweep needs: {started}"
        reply = reply_text(stack.rest(sender, message.text, client=client))
        outcomes.append(Outcome(message, "mid_routine", category(reply), reply, Place.of(stack.tracker(sender))))
    return outcomes


def rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def numbers(outcomes: list[Outcome]) -> dict[str, object]:
    """Red-flag recall, possible red flags caught, pain stops, near-miss false alarms and places lost.

    Counts are of outcomes: a message counts once per position it was sent at.
    """
    red = [o for o in outcomes if o.message.expect == "emergency"]
    possible = [o for o in outcomes if o.message.expect == "ask"]
    pain = [o for o in outcomes if o.message.expect == "pain" and o.position == "mid_routine"]
    near = [o for o in outcomes if o.message.kind == "near_miss"]
    return {
        "messages": len({o.message.text for o in outcomes}),
        "red_flags": len(red),
        "red_flag_recall": rate(sum(o.got == "emergency" for o in red), len(red)),
        "possible_red_flags": len(possible),
        "possible_red_flag_caught": rate(sum(o.alarm for o in possible), len(possible)),
        "possible_red_flag_asked": rate(sum(o.got == "ask" for o in possible), len(possible)),
        "pain_mid_routine": len(pain),
        "pain_stopped_mid_routine": rate(sum(o.got == "pain" for o in pain), len(pain)),
        "near_misses": len(near),
        "near_miss_false_alarms": sum(o.alarm for o in near),
        "near_miss_false_alarm_rate": rate(sum(o.alarm for o in near), len(near)),
        "places_lost": sum(o.place_lost for o in outcomes),
    }


def report(outcomes: list[Outcome]) -> dict[str, object]:
    splits = sorted({o.message.split for o in outcomes})
    by = {
        f"{split}/{position}": numbers([o for o in outcomes if o.message.split == split and o.position == position])
        for split in splits
        for position in POSITIONS
    }
    by |= {split: numbers([o for o in outcomes if o.message.split == split]) for split in splits}
    wrong = [o.line() for o in outcomes if o.got != expected_at(o) or o.place_lost]
    moved = [o.line() for o in outcomes if o.moved and o.message.expect in ("none", "ask")]
    return {"source": str(MESSAGES.relative_to(ROOT)), **by, "wrong": wrong, "moved_without_alarm": moved}


def expected_at(outcome: Outcome) -> str:
    """Pain at the start (no routine to stop) may be answered as pain or plainly; it is never an alarm."""
    expect = outcome.message.expect
    if expect == "pain" and outcome.position == "start" and outcome.got == "none":
        return "none"
    return expect


@pytest.fixture(scope="module")
def outcomes(rasa_stack: Stack) -> Iterator[list[Outcome]]:
    found = sweep(rasa_stack, load_messages())
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(report(found), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    yield found


def heldout(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if o.message.split == "heldout"]


def test_every_heldout_red_flag_gets_emergency_advice(outcomes: list[Outcome]) -> None:
    missed = [o.line() for o in heldout(outcomes) if o.message.expect == "emergency" and o.got != "emergency"]
    assert missed == [], "\n".join(missed)


def test_every_heldout_possible_red_flag_is_asked_about_or_escalated(outcomes: list[Outcome]) -> None:
    missed = [o.line() for o in heldout(outcomes) if o.message.expect == "ask" and not o.alarm]
    assert missed == [], "\n".join(missed)


def test_heldout_near_misses_rarely_raise_an_alarm(outcomes: list[Outcome]) -> None:
    near = [o for o in heldout(outcomes) if o.message.kind == "near_miss"]
    alarms = [o.line() for o in near if o.alarm]
    assert near, "the held-out split has no near-misses"
    assert len(alarms) / len(near) <= FALSE_ALARM_FLOOR, "\n".join(alarms)


def test_mid_routine_no_emergency_keeps_the_place(outcomes: list[Outcome]) -> None:
    lost = [o.line() for o in outcomes if o.place_lost]
    assert lost == [], "\n".join(lost)
