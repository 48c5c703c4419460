"""The SQLite store file: owner-only from its first byte, on a write-ahead log, no deleted text left in its pages.

SQLite creates its WAL and shared-memory file with the database file's permissions, so making the file
0600 before SQLite ever opens it covers them too; any that already exist are fixed as well.

**Never open the store's files except through SQLite while a connection is open in the same process.**
SQLite locks with POSIX advisory locks, which belong to the process and the file: closing *any*
descriptor of the file (``Path.read_bytes()``, ``open()``, ``os.open``/``os.close``) drops every lock the
process holds on it, silently (sqlite.org/howtocorrupt.html, 2.2). With a write-ahead log an idle
connection keeps a shared lock on the database and on its ``-shm`` file; once dropped, another process
believes it is the last one, checkpoints, deletes or restarts the WAL, and the first process goes on
reading through a stale shared-memory index: "database disk image is malformed" (and a write through
that index would corrupt the file for real). That is what tests/privacy saw after the retention VACUUM:
the test process held a connection (``with sqlite3.connect(...)`` commits but does not close) and read
the store's files with ``read_bytes()`` to look for leftover text. Tests read the files from another
process (tests/privacy/store_helpers.py), and :func:`secure_file` only opens a file that does not exist yet.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

FILE_MODE = 0o600
DIR_MODE = 0o700
SIDE_FILES = ("-journal", "-wal", "-shm")
MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""
WAL_VERSIONS = b"\x02\x02"
"""Bytes 18-19 of the header (write and read format versions): 2, 2 once the file is in WAL mode."""

_kept_open: dict[int, int] = {}
"""Inode → idle connections this process holds on it (:func:`keep_open`): such a file is not read raw."""


def side_files(db: Path) -> list[Path]:
    """The journal, WAL and shared-memory files SQLite may keep beside ``db`` (those that exist)."""
    return [p for p in (db.with_name(db.name + suffix) for suffix in SIDE_FILES) if p.exists()]


def secure_file(db: Path) -> None:
    """Create ``db`` (empty) with mode 0600 in a 0700 folder, or tighten an existing one.

    An existing file is never opened: closing a descriptor of it would drop this process's SQLite locks.
    """
    db.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    db.parent.chmod(DIR_MODE)
    try:
        fd = os.open(db, os.O_CREAT | os.O_EXCL | os.O_RDWR, FILE_MODE)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    for path in [db, *side_files(db)]:
        path.chmod(FILE_MODE)


def problem_with(db: Path) -> str | None:
    """Why ``db`` cannot be used as a store (unreadable, not a database, corrupt), or None when it is fine."""
    problem = foreign_wal(db)
    if problem:
        return problem
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=rw", uri=True)) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as error:
        return f"{type(error).__name__}: {error}"
    verdict = "; ".join(str(r[0]) for r in rows)
    return None if verdict == "ok" else f"integrity check failed: {verdict[:300]}"


def foreign_wal(db: Path) -> str | None:
    """A non-empty WAL beside a file that is not a database in WAL mode: it belongs to another database.

    SQLite applies any ``-wal`` it finds beside a non-empty file, whatever that file's header says, so a
    store file replaced or restored without its own WAL (or garbage written over it) would be read
    through the old file's WAL: the old conversations, or corruption. The header is read only before
    this process holds the file open (reading it later would drop this process's locks, see above).
    """
    wal = db.with_name(db.name + "-wal")
    if db.stat().st_ino in _kept_open or not wal.exists() or wal.stat().st_size == 0:
        return None
    with db.open("rb") as file:
        header = file.read(100)
    if not header:
        return None  # an empty file: SQLite deletes the stale WAL itself
    if not header.startswith(MAGIC):
        return "not an SQLite database file (and a write-ahead log from another one lies beside it)"
    if header[18:20] != WAL_VERSIONS:
        return f"{wal.name} belongs to another database (this file is not in WAL mode): move it aside"
    return None


def on_connect(dbapi_connection: Any, _record: Any) -> None:
    """SQLAlchemy ``connect`` listener: secure deletion, write-ahead log, ``synchronous = NORMAL``.

    ``secure_delete``: deleted rows are overwritten with zeros, not left in free pages.
    WAL with ``synchronous = NORMAL``: a commit appends to the WAL and returns without waiting for the
    disk (the WAL is synced at checkpoints), about 0.1 ms instead of about 15 ms per commit here, and Rasa
    commits twice per turn. A killed server loses no committed turn; a power cut may lose the last turns
    since the last checkpoint, never the file's consistency (README, "Durability"). ``journal_mode`` is
    stored in the file, so every later connection, from any process, uses the WAL too.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def keep_open(db: Path) -> sqlite3.Connection:
    """An idle connection to ``db`` held for the life of the store, so that the WAL stays open.

    SQLAlchemy opens a new SQLite connection for every session (``NullPool``). When the last connection
    to a WAL database closes, SQLite checkpoints (two disk syncs) and deletes the WAL: every turn would
    pay the syncs the WAL is there to avoid (measured: 19.8 ms per connect-commit-close without this
    connection, 0.13 ms with it). It never opens a transaction, so it blocks no checkpoint or VACUUM.
    """
    conn = sqlite3.connect(f"file:{db}?mode=rw", uri=True, isolation_level=None, check_same_thread=False)
    on_connect(conn, None)
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchall()  # a first read opens the WAL and its lock
    inode = db.stat().st_ino
    _kept_open[inode] = _kept_open.get(inode, 0) + 1
    return conn


def let_go(db_inode: int, conn: sqlite3.Connection) -> None:
    """Closes a connection from :func:`keep_open` (opened on the file with inode ``db_inode``)."""
    conn.close()
    left = _kept_open.get(db_inode, 0) - 1
    if left > 0:
        _kept_open[db_inode] = left
    else:
        _kept_open.pop(db_inode, None)
