"""Shared by the privacy tests: a real SafeSQLTrackerStore file seeded with conversations, and `make` runs."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from harness.stack import ROOT, TRACKER_STORE
from storage.tracker_store import SafeSQLTrackerStore

DAY = 86_400.0


def seed(db: Path, conversations: dict[str, tuple[str, float]]) -> None:
    """Store one user message per conversation (sender -> (text, timestamp)), as Rasa would."""

    async def save_all() -> None:
        store = SafeSQLTrackerStore(Domain.empty(), db=str(db), retention_days=0)
        for sender, (text, stamp) in conversations.items():
            tracker = DialogueStateTracker(sender, [])
            tracker.update(ActionExecuted("action_listen", timestamp=stamp))
            tracker.update(UserUttered(text, timestamp=stamp))
            await store.save(tracker)
        store.engine.dispose()

    asyncio.run(save_all())


def endpoints_for(db: Path) -> Path:
    """An endpoints.yml naming the project's store on ``db`` (what `make forget`/`make purge` read)."""
    path = db.parent / "endpoints.yml"
    path.write_text(f"tracker_store:\n  type: {TRACKER_STORE}\n  dialect: sqlite\n  db: {db}\n")
    return path


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a make target of the project, as a person would."""
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env
    )


def store_bytes(db: Path) -> bytes:
    """Everything SQLite keeps for ``db``: the file and any journal or WAL beside it."""
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())
