"""Synthetic conversations for the insights benchmark, in the exact shape Rasa's SQL store keeps them.

Each conversation is a script drawn at random with the proportions below (a guess at a clinic's
month, not a measurement): quick questions, stretches walked to the end or left part-way (stopped,
gone quiet, pain, an emergency, switched), the screen before exercise and the triage's red-flag
question with their answers, fallbacks, on the four channels; each turn writes the events the real
servers write (user, user_featurization, the action, the bot message with its serialised reply, the
slots, action_listen; a new Rasa session with its carried-over slots at each routine's start), and a
stretch session may leave a before and an after check-in (``progress_checkins``, the contract).

``python bench/insights_synthetic.py --conversations 1000 --out store.db`` writes a SQLite store.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pacing import Routine
from stretch_content import load_content

VERSION = 1
"""Bump when the conversations it writes change: the benchmark then generates its store again."""
CONTENT = load_content()
ROUTINES = [Routine(s) for s in CONTENT.stretches]
CHANNELS = (("web", 0.55), ("rest", 0.15), ("phone", 0.18), ("alexa", 0.12))
SCRIPTS = (("question", 0.30), ("stretch", 0.45), ("fallbacks", 0.15), ("red_flag", 0.10))
ENDS = (("finish", 0.45), ("stop", 0.15), ("quiet", 0.25), ("pain", 0.06), ("emergency", 0.02), ("switch", 0.07))
META = {"model_id": "45b8442e514947b7bf6c6482207e14c7", "assistant_id": "ispine-stretch-coach"}
PADDING = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 22
"""Bot messages in the real store carry about 1.7 KB (the serialised reply: speech, choices, step)."""
RANKING = [{"name": f"intent_{i}", "confidence": 0.01 * i} for i in range(10)]
"""User events carry the NLU's intent ranking (about 1.1 KB each in the real store)."""
EMERGENCY = (
    "These symptoms can be a sign of a serious problem. Call 911 or go to the nearest emergency room now. "
    "Don't continue stretching. Once you're safe, a specialist can follow up: call the clinic."
)
CONTRACT = """CREATE TABLE IF NOT EXISTS progress_checkins (
  person TEXT NOT NULL, conversation_id TEXT NOT NULL, channel TEXT NOT NULL, session_id TEXT NOT NULL,
  phase TEXT NOT NULL, score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), at DOUBLE PRECISION NOT NULL)"""
EVENTS = """CREATE TABLE IF NOT EXISTS events (id INTEGER NOT NULL PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,
  type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"""


def pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([name for name, _ in table], [weight for _, weight in table])[0]


class Writer:
    """One conversation's events, as rows of the ``events`` table."""

    def __init__(self, sender: str, at: float, rng: random.Random) -> None:
        self.sender, self.at, self.rng = sender, at, rng
        self.rows: list[tuple[Any, ...]] = []
        self.checkins: list[tuple[Any, ...]] = []

    def _add(self, kind: str, action: str | None, intent: str | None, body: dict[str, Any]) -> None:
        self.at += 0.002
        data = json.dumps({"event": kind, "timestamp": self.at, "metadata": META, **body})
        self.rows.append((self.sender, kind, self.at, intent, action, data))

    def session(self, **slots: Any) -> None:
        self._add("action", "action_session_start", None, {"name": "action_session_start", "policy": None})
        self._add("session_started", None, None, {})
        for name, value in slots.items():
            self.slot(name, value)
        self.listen()

    def listen(self) -> None:
        self._add("action", "action_listen", None, {"name": "action_listen", "policy": "RulePolicy", "confidence": 1.0})

    def slot(self, name: str, value: Any) -> None:
        self._add("slot", name, None, {"name": name, "value": value})

    def turn(self, text: str, intent: str, action: str, reply: str, **slots: Any) -> None:
        self.at += self.rng.uniform(4, 40)  # the person reads, moves, types
        parse = {
            "intent": {"name": intent, "confidence": 0.93},
            "entities": [],
            "text": text,
            "intent_ranking": RANKING,
        }
        self._add("user", None, intent, {"text": text, "parse_data": parse, "input_channel": self.sender.split(":")[0]})
        self._add("user_featurization", None, None, {"use_text_for_featurization": False})
        self._add("action", action, None, {"name": action, "policy": "RulePolicy", "confidence": 1.0})
        custom = {"reply": {"text": reply, "blocks": [], "speech": [{"words": reply}], "choices": [], "picture": None}}
        self._add("bot", None, None, {"text": reply, "data": {"custom": custom, "buttons": None, "padding": PADDING}})
        for name, value in slots.items():
            self.slot(name, value)
        self.listen()


def stretch(w: Writer, rng: random.Random, person: str, screened: bool) -> None:
    routine = rng.choice(ROUTINES)
    sid = routine.stretch.id
    if not screened:
        ask = f"guide me through {routine.stretch.name}"
        w.turn(ask, "request_stretch", "action_start_stretch", "Before we start ...",
               safety_question="screen", pending_stretch=sid, screened_at=None)  # fmt: skip
        answer = rng.random()
        if answer < 0.03:
            w.turn("yes", "affirm", "action_affirm", EMERGENCY, routine_stretch=None, routine_step=None,
                   emergency_advised=True, safety_question=None, pending_stretch=None)  # fmt: skip
            return
        if answer < 0.06:
            return  # never answered
        w.turn("no", "deny", "action_deny", "Before you start: ...", emergency_advised=None, safety_question=None,
               pending_stretch=None, screened_at=w.at, routine_stretch=sid, routine_step=0.0,
               routine_queue=None)  # fmt: skip
    else:
        w.turn(f"lets do {routine.stretch.name}", "request_stretch", "action_start_stretch", "Step 1",
               routine_stretch=sid, routine_step=0.0, routine_queue=None)  # fmt: skip
    w.session(routine_stretch=sid, routine_step=0.0, screened_at=w.at, safety_notice_given=True)
    session = f"{w.sender}:{w.at:.0f}"
    checks = rng.random() < 0.6
    before = rng.randint(2, 9)
    if checks:
        w.checkins.append((person, w.sender, w.sender.split(":")[0], session, "before", before, w.at))
    end = pick(rng, ENDS)
    last = routine.total - 1 if end == "finish" else rng.randint(0, routine.total - 1)
    for index in range(1, last + 1):
        w.turn(rng.choice(["next", "ok", "done", "nxt", "ready"]), "next_step", "action_next_step", f"Step {index + 1}",
               routine_stretch=sid, routine_step=float(index))  # fmt: skip
    if end == "finish":
        w.turn("next", "next_step", "action_next_step", "Well done!", routine_stretch=None, routine_step=None,
               routine_queue=None)  # fmt: skip
        if checks:
            after = max(0, before - rng.choice([0, 1, 1, 2, 2, 3]))
            w.checkins.append((person, w.sender, w.sender.split(":")[0], session, "after", after, w.at + 30))
    elif end == "stop":
        w.turn("stop", "stop_routine", "action_stop_routine", "Okay, we'll stop here.", routine_stretch=None,
               routine_step=None, routine_queue=None)  # fmt: skip
    elif end == "pain":
        w.turn("ouch it hurts", "report_pain", "action_stop_for_pain", "Let's stop right there.", routine_stretch=None,
               routine_step=None, routine_queue=None, pain_stop_place=f"{sid}:{last}")  # fmt: skip
    elif end == "emergency":
        w.turn("i cant feel my legs", "report_red_flag", "action_not_understood", EMERGENCY, routine_stretch=None,
               routine_step=None, routine_queue=None, emergency_advised=True, safety_question=None)  # fmt: skip
    elif end == "switch":
        other = rng.choice([r for r in ROUTINES if r is not routine]).stretch.id
        w.turn("actually the other one", "request_stretch", "action_start_stretch", "Step 1", routine_stretch=other,
               routine_step=0.0, routine_queue=None)  # fmt: skip


def conversation(n: int, rng: random.Random, start: float, span: float) -> Writer:
    channel = pick(rng, CHANNELS)
    sender = f"{channel}:synthetic-{n:07d}"
    w = Writer(sender, start + rng.uniform(0, span), rng)
    w.session()
    person = f"{n:064x}"
    visits = 1 if rng.random() < 0.7 else rng.randint(2, 8)
    screened = False
    for _ in range(visits):
        script = pick(rng, SCRIPTS)
        if script == "question":
            w.turn("hi", "greet", "action_greet", "Hi! I'm the stretch coach.")
            w.turn("how do i book", "book_appointment", "action_booking_info", "Call the clinic.")
        elif script == "stretch":
            stretch(w, rng, person, screened)
            screened = True
        elif script == "fallbacks":
            for _ in range(rng.randint(1, 3)):
                kind = rng.random()
                lead = (
                    "Sorry, I didn't understand that." if kind < 0.5 else "Sorry, that's outside what I can help with"
                )
                w.turn("asdf hmm", "nlu_fallback" if kind < 0.5 else "out_of_scope", "action_fallback", lead)
        else:
            w.turn("my legs feel numb", "report_red_flag", "action_not_understood", "Are you having any of these?",
                   safety_question="red_flag", pending_stretch=None, screened_at=None)  # fmt: skip
            w.turn("no", "deny", "action_deny", "Thanks for letting me know.", emergency_advised=None,
                   safety_question=None, pending_stretch=None, screened_at=w.at)  # fmt: skip
        w.at += rng.uniform(3600 * 2, 86_400 * 3)  # the next visit hours or days later
    return w


def generate(path: Path, conversations: int, seed: int = 21, days: float = 30) -> tuple[int, int]:
    """Writes ``conversations`` synthetic conversations into a new SQLite store; returns (events, check-ins)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    rng = random.Random(seed)
    start = time.time() - days * 86_400
    events = checkins = 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(EVENTS)
    conn.execute("CREATE INDEX ix_events_sender_id ON events (sender_id)")
    conn.execute(CONTRACT)
    for chunk in chunks(conversations, 2000):
        rows: list[tuple[Any, ...]] = []
        marks: list[tuple[Any, ...]] = []
        for n in chunk:
            w = conversation(n, rng, start, days * 86_400 * 0.9)
            rows += w.rows
            marks += w.checkins
        conn.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) VALUES (?,?,?,?,?,?)",
            rows,
        )
        conn.executemany("INSERT INTO progress_checkins VALUES (?,?,?,?,?,?,?)", marks)
        conn.commit()
        events += len(rows)
        checkins += len(marks)
    conn.close()
    return events, checkins


def chunks(total: int, size: int) -> Iterator[range]:
    for first in range(0, total, size):
        yield range(first, min(total, first + size))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    began = time.monotonic()
    events, checkins = generate(args.out, args.conversations)
    print(
        f"{args.conversations:,} conversations, {events:,} events, {checkins:,} check-ins "
        f"in {time.monotonic() - began:.1f} s"
    )


if __name__ == "__main__":
    main()
