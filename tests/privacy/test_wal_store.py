"""Why the store once read "database disk image is malformed" on a write-ahead log, and the guard against it.

SQLite's locks are POSIX advisory locks: closing any descriptor of the database file drops every lock the
process holds on it. With a WAL, an idle connection holds a shared lock on the file; once it is dropped,
another process takes itself for the last user, checkpoints and restarts the WAL, and this process reads
through a stale index (storage/sqlite_file.py). The probe asks, from another process, whether anyone
still holds SQLite's shared lock (the byte range SQLite uses for it, 510 bytes at 0x40000002).
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from storage import sqlite_file
from storage.tracker_store import SafeSQLTrackerStore
from tests.privacy.store_helpers import store_bytes

_PROBE = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000002, os.SEEK_SET)
    print("free")
except OSError:
    print("held")
"""


def shared_lock(db: Path) -> str:
    """ "held" when some process holds SQLite's shared lock on ``db``, "free" otherwise (asked from outside)."""
    probe = subprocess.run([sys.executable, "-c", _PROBE, str(db)], capture_output=True, text=True, check=True)
    return probe.stdout.strip()


def wal_store(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS events (data TEXT)")
    conn.execute("INSERT INTO events VALUES ('hello')")
    return conn


def test_reading_the_file_in_the_process_drops_its_sqlite_lock(tmp_path: Path) -> None:
    """The cause: not a SQLite bug, a property of POSIX locks that SQLite documents."""
    db = tmp_path / "tracker.db"
    with closing(wal_store(db)) as conn:
        assert shared_lock(db) == "held"
        db.read_bytes()
        assert shared_lock(db) == "free"
        conn.execute("SELECT * FROM events").fetchall()
        assert shared_lock(db) == "free"  # and SQLite does not notice: it believes it still holds it


def test_store_bytes_reads_the_files_without_touching_the_locks(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    with closing(wal_store(db)) as conn:
        assert b"hello" in store_bytes(db)
        assert shared_lock(db) == "held"
        conn.execute("SELECT * FROM events").fetchall()


def test_opening_the_store_again_keeps_the_first_stores_locks(tmp_path: Path) -> None:
    """secure_file used to open and close the existing file: that alone dropped the running store's locks."""
    db = tmp_path / "store" / "tracker.db"
    first = SafeSQLTrackerStore(Domain.empty(), db=str(db), retention_days=0)
    tracker = DialogueStateTracker("ann", [])
    tracker.update(UserUttered("hello"))
    asyncio.run(first.save(tracker))
    assert shared_lock(db) == "held"  # its idle connection keeps the WAL open
    second = SafeSQLTrackerStore(Domain.empty(), db=str(db), retention_days=0)
    try:
        assert shared_lock(db) == "held"
        second.close()
        assert shared_lock(db) == "held"
    finally:
        first.close()
    assert shared_lock(db) == "free"  # nothing of the store is left open


def crashed_wal_store(db: Path) -> None:
    """A WAL store whose writer died with frames still in its WAL (a killed process checkpoints nothing)."""
    code = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
        "c.execute('PRAGMA journal_mode = WAL'); c.execute('CREATE TABLE events (data TEXT)');"
        "c.execute(\"INSERT INTO events VALUES ('OLD-CONVERSATION')\"); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True)
    assert db.with_name(db.name + "-wal").stat().st_size > 0


def test_a_file_replaced_beside_another_files_wal_is_refused(tmp_path: Path) -> None:
    """SQLite would read the replacement through the old WAL; the store refuses it and says why."""
    db = tmp_path / "tracker.db"
    crashed_wal_store(db)
    db.write_bytes(b"this is not an SQLite database " * 64)
    assert "not an SQLite database file" in str(sqlite_file.problem_with(db))
    replacement = tmp_path / "backup.db"
    with closing(sqlite3.connect(replacement)) as conn, conn:  # a backup in the rollback journal's format
        conn.execute("CREATE TABLE events (data TEXT)")
    replacement.replace(db)
    assert "tracker.db-wal belongs to another database" in str(sqlite_file.problem_with(db))


def test_a_store_left_by_a_killed_server_is_accepted_with_its_wal(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    crashed_wal_store(db)
    assert sqlite_file.problem_with(db) is None
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT data FROM events").fetchall() == [("OLD-CONVERSATION",)]
