"""A Rasa + action server stack for the privacy tests, logging at DEBUG, with a store seeded before start."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from harness.stack import Stack
from tests.privacy.store_helpers import DAY, seed


@dataclass(frozen=True)
class Seeded:
    """Conversations stored before the server started: one past the retention period, one within it."""

    expired: str
    expired_secret: str
    kept: str


@pytest.fixture(scope="session")
def seeded() -> Seeded:
    return Seeded(f"expired-{uuid.uuid4().hex}", f"EXPIRED-SECRET-{uuid.uuid4().hex}", f"kept-{uuid.uuid4().hex}")


@pytest.fixture(scope="session")
def private_stack(tmp_path_factory: pytest.TempPathFactory, seeded: Seeded) -> Iterator[Stack]:
    """The servers as `make run` configures them (the project's store, telemetry off), at DEBUG level."""
    env = {"LOG_LEVEL": "DEBUG", "COLOREDLOGS_LOG_LEVEL": "DEBUG"}  # Rasa's level, and the action server's
    env |= {"TRACKER_RETENTION_DAYS": "30", "TRACKER_RETENTION_INTERVAL_SECONDS": "2"}
    stack = Stack(workdir=tmp_path_factory.mktemp("privacy"), env=env)
    now = time.time()
    seed(stack.tracker_db, {seeded.expired: (seeded.expired_secret, now - 31 * DAY), seeded.kept: ("hi", now - DAY)})
    try:
        yield stack.start()
    finally:
        stack.stop()
