"""Shared by the privacy tests: a real SafeSQLTrackerStore file seeded with conversations, and `make` runs."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from contextlib import closing
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
        store.close()

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


_READ_ALL = """
import sys
from pathlib import Path
db = Path(sys.argv[1])
for path in sorted(db.parent.glob(db.name + "*")):
    try:
        sys.stdout.buffer.write(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError):  # a WAL deleted meanwhile by SQLite
        pass
"""


def store_bytes(db: Path) -> bytes:
    """Everything SQLite keeps for ``db``: the file and any journal, WAL or shared memory beside it.

    Read by another process: closing a file this process opened would drop every SQLite lock this process
    holds on it (storage/sqlite_file.py says why that corrupts what SQLite reads next).
    """
    return subprocess.run([sys.executable, "-c", _READ_ALL, str(db)], capture_output=True, check=True).stdout


def query(db: Path, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run one statement on ``db`` in its own connection, committed and closed at once."""
    with closing(sqlite3.connect(db, timeout=30)) as conn, conn:
        return list(conn.execute(sql, parameters).fetchall())
