"""The Rasa server SIGKILLed at random moments during turns, again and again over one long conversation.

What the store must give a person whose coach crashed mid-turn (README, "Durability"): after every
restart the store passes ``PRAGMA integrity_check``, and the place is the last step they were told, or,
when the turn in flight had already been saved but its reply not yet sent, the step that turn moved to
(at most the turn in flight is lost, nothing before it). A turn whose reply arrived before the kill
must be kept. At the end, forgetting the conversation still leaves none of it in the store's files.

One cycle: a turn that is answered (its timing bounds the next kill's delay), then a turn during which
the server is killed after a random delay, up to the quickest of the last answered turns (so that most
kills land before the reply, anywhere in the turn: parsing, either commit, the action server's call),
then a restart with nothing else holding the store open, so the server itself recovers the WAL. The walk
goes through the routines with "next" and questions mid-stretch. ``CRASH_TEST_KILLS`` sets how many
kills must land mid-turn (100 by default); ``CRASH_TEST_SEED`` replays a run (the seed is printed).
"""

from __future__ import annotations

import http.client
import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from harness.stack import ROOT, TRACKER_STORE, Stack, conversation
from pacing import Routine
from pacing.replies import cannot_save
from stretch_content import load_content
from stretch_content.model import Stretch
from tests.bot_messages import said
from tests.e2e.patient_script import Place
from tests.privacy.store_helpers import store_bytes
from tests.security.routine_start import start_routine as start

CONTENT = load_content()
ROUTINES = {stretch.id: Routine(stretch) for stretch in CONTENT.stretches}
CANNOT_SAVE = cannot_save(CONTENT.clinic).text
KILLS = int(os.environ.get("CRASH_TEST_KILLS") or 100)
QUESTIONS = ("how long do I hold it?", "what step am I on?", "wait which one is this", "repeat that pls")
"""Questions mid-stretch: answered without moving the person on."""


def start_routine(stack: Stack, sender: str, stretch: Stretch) -> str:
    """Starts ``stretch`` as every test does (tests/security/routine_start.py); returns its first step's reply."""
    return said(start(stack, sender, stretch.synonyms[0]))


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` in a connection of its own, closed at once (the server keeps the WAL open)."""
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        return "; ".join(str(row[0]) for row in conn.execute("PRAGMA integrity_check"))


def following(place: Place, rng: random.Random) -> tuple[str, Place]:
    """What the person says next in a routine, and where it takes them once the turn is saved."""
    assert place.stretch is not None and place.step is not None
    if rng.random() < 0.25:
        return rng.choice(QUESTIONS), place
    if place.step < ROUTINES[place.stretch].total:
        return "next", Place(place.stretch, place.step + 1)
    return "next", Place()  # the last step: the routine is complete


@dataclass
class Killed:
    """A turn during which the server was killed: its reply, when it came before the kill."""

    reply: list[dict[str, Any]] | None = None
    error: BaseException | None = None
    finished: threading.Event = field(default_factory=threading.Event)


def kill_during(stack: Stack, sender: str, message: str, delay: float) -> Killed:
    """Sends ``message`` and SIGKILLs the Rasa server ``delay`` seconds later (before its reply, mostly)."""
    killed = Killed()

    def send() -> None:
        try:
            killed.reply = stack.rest(sender, message)
        except (OSError, http.client.HTTPException, RuntimeError) as error:
            killed.error = error
        finally:
            killed.finished.set()

    rasa = stack._rasa
    assert rasa is not None and rasa.poll() is None
    sender_thread = threading.Thread(target=send, daemon=True)
    sender_thread.start()
    time.sleep(delay)
    os.killpg(rasa.pid, signal.SIGKILL)
    rasa.wait(timeout=30)
    assert killed.finished.wait(timeout=30), "the request neither answered nor failed after the kill"
    return killed


def forget(stack: Stack, sender: str) -> subprocess.CompletedProcess[str]:
    """``python -m storage forget`` on the stack's store (what ``make forget`` runs), while the server runs."""
    endpoints = stack.workdir / "forget-endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: {TRACKER_STORE}\n  dialect: sqlite\n  db: {stack.tracker_db}\n")
    command = [sys.executable, "-m", "storage", "--endpoints", str(endpoints), "forget", conversation(sender)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    stack = Stack(workdir=tmp_path_factory.mktemp("crashes"))
    try:
        yield stack.start()
    finally:
        stack.stop()


def test_the_server_runs_without_tensorflow(own_stack: Stack) -> None:
    """The project's model uses no TensorFlow component, so server_tuning.lazy_tensorflow keeps it out."""
    rasa = own_stack._rasa
    assert rasa is not None
    sender = f"no-tf-{uuid.uuid4().hex[:8]}"
    start_routine(own_stack, sender, CONTENT.stretch("cat_cow"))
    assert Place.of(own_stack.tracker(sender)) == Place("cat_cow", 1)
    mapped = Path(f"/proc/{rasa.pid}/maps").read_text()
    assert "python/_pywrap_tensorflow_internal.so" not in mapped and "libtensorflow" not in mapped


@pytest.mark.timeout(2400)  # 100 server starts: about 10 min on a quiet machine, 15 under a load of 8
def test_killed_mid_turn_again_and_again_the_store_and_the_place_hold(own_stack: Stack) -> None:
    seed = int(os.environ.get("CRASH_TEST_SEED") or time.time_ns() % 1_000_000)
    print(f"CRASH_TEST_SEED={seed}")
    rng = random.Random(seed)
    sender = f"crash-{uuid.uuid4().hex[:8]}"
    stretches = itertools.cycle(CONTENT.stretches)
    told = Place()
    latencies: list[float] = []
    mid_turn = lost = saved_unsent = kills = 0
    while mid_turn < KILLS:
        assert kills < 2 * KILLS, f"only {mid_turn} of {kills} kills landed before the reply"
        if told.stretch is None:
            stretch = next(stretches)
            assert CANNOT_SAVE not in start_routine(own_stack, sender, stretch)
            told = Place.of(own_stack.tracker(sender))
            assert told == Place(stretch.id, 1)
            continue
        # A turn that is answered: the server is up and the place moves as the person was told.
        message, expected = following(told, rng)
        started = time.perf_counter()
        reply = said(own_stack.rest(sender, message))
        latencies.append(time.perf_counter() - started)
        assert reply.strip() and CANNOT_SAVE not in reply, reply
        told = Place.of(own_stack.tracker(sender))
        assert told == expected, f"{message!r}: {told} instead of {expected}"
        if told.stretch is None:
            continue
        # A turn during which the server dies, at a random moment within it.
        message, expected = following(told, rng)
        killed = kill_during(own_stack, sender, message, rng.uniform(0, min(latencies[-9:])))
        kills += 1
        own_stack.start_rasa()
        assert integrity(own_stack.tracker_db) == "ok", f"after kill {kills} ({message!r})"
        place = Place.of(own_stack.tracker(sender))
        if killed.reply is not None:  # answered before the kill: what the person was told is kept
            assert place == expected, f"kill {kills}, {message!r} answered: {place} instead of {expected}"
        else:
            mid_turn += 1
            assert place in (told, expected), f"kill {kills}, {message!r} in flight: {place}, told {told}"
            lost += place == told != expected
            saved_unsent += place == expected != told
        told = place
    print(f"{kills} kills, {mid_turn} mid-turn: {lost} turns in flight lost, {saved_unsent} saved but unanswered")
    log = (own_stack.workdir / "rasa.log").read_text(errors="replace").splitlines()
    assert [line for line in log if " ERROR " in line and "storage.tracker_store" in line] == []

    result = forget(own_stack, sender)
    assert result.returncode == 0, result.stderr
    assert sender.encode() not in store_bytes(own_stack.tracker_db)
    assert integrity(own_stack.tracker_db) == "ok"
