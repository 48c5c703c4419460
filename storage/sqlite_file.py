"""The SQLite store file: owner-only from its first byte, and no deleted text left in its pages.

SQLite creates its rollback journal and WAL with the database file's permissions, so making the file
0600 before SQLite ever opens it covers them too; any that already exist are fixed as well.
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


def side_files(db: Path) -> list[Path]:
    """The journal, WAL and shared-memory files SQLite may keep beside ``db`` (those that exist)."""
    return [p for p in (db.with_name(db.name + suffix) for suffix in SIDE_FILES) if p.exists()]


def secure_file(db: Path) -> None:
    """Create ``db`` (empty) with mode 0600 in a 0700 folder, or tighten an existing one."""
    db.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    db.parent.chmod(DIR_MODE)
    fd = os.open(db, os.O_CREAT | os.O_RDWR, FILE_MODE)  # the mode only applies when it is created
    os.close(fd)
    for path in [db, *side_files(db)]:
        path.chmod(FILE_MODE)


def problem_with(db: Path) -> str | None:
    """Why ``db`` cannot be used as a store (unreadable, not a database, corrupt), or None when it is fine."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=rw", uri=True)) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as error:
        return f"{type(error).__name__}: {error}"
    verdict = "; ".join(str(r[0]) for r in rows)
    return None if verdict == "ok" else f"integrity check failed: {verdict[:300]}"


def on_connect(dbapi_connection: Any, _record: Any) -> None:
    """SQLAlchemy ``connect`` listener: deleted rows are overwritten with zeros, not left in free pages."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()
