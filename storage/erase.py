"""Forgetting one conversation, and purging old ones, so that nothing of them stays in the store's files.

Works on Rasa's SQL tracker store table (``events``: one row per event, ``sender_id`` = the conversation
id, ``timestamp`` in seconds since the epoch) and the progress tables beside it (``storage/progress.py``:
rows keyed by the same conversation id, removed in the same transaction) through SQLAlchemy, so on SQLite
and PostgreSQL alike.
Deleting rows is not enough: SQLite keeps them in free pages, PostgreSQL in dead tuples. So every
delete runs with SQLite's ``secure_delete`` (freed content overwritten with zeros) and is followed by
``scrub``: SQLite checkpoints the WAL into the file and truncates it, VACUUMs, and checkpoints and
truncates again; PostgreSQL runs ``VACUUM FULL events``.

With SQLite's write-ahead log, the WAL holds every page written since the last checkpoint, the deleted
text included, and a checkpoint that a reader holds back copies only part of it and truncates nothing
(it says so in its result, it does not fail). ``scrub`` therefore checks each checkpoint's result and
waits for the readers (a turn's read lasts milliseconds); if the WAL still cannot be emptied it raises
``ScrubIncompleteError`` rather than report an erasure that left the bytes on disk.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from storage import progress, sqlite_file

SECONDS_PER_DAY = 86_400.0

CHECKPOINT_PATIENCE_SECONDS = 30.0
"""How long ``scrub`` waits for readers to let a checkpoint empty the WAL."""

_STALE = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"


@dataclass(frozen=True)
class Purged:
    """What a purge removed."""

    conversations: int
    events: int


class ScrubIncompleteError(RuntimeError):
    """The rows are deleted but the WAL could not be emptied, so their old pages may still be on disk."""


def secure(engine: Engine) -> Engine:
    """``engine`` with SQLite's secure deletion on every connection (a no-op elsewhere)."""
    if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", sqlite_file.on_connect):
        sa.event.listen(engine, "connect", sqlite_file.on_connect)
    return engine


def scrub(engine: Engine) -> None:
    """Rewrite the store so deleted rows leave no bytes behind (SQLite: WAL emptied, VACUUM, WAL emptied)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "sqlite":
            empty_wal(conn)  # the deleted rows' old pages, and the zeroed ones, into the file; the WAL to 0 bytes
            conn.exec_driver_sql("VACUUM")  # in WAL mode the rebuilt file is written to the WAL...
            empty_wal(conn)  # ...and lands in the file here, which is then cut to its new size
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql("VACUUM FULL events")
            for table in progress.existing_tables(conn):  # a person's check-ins and sessions (storage/progress.py)
                conn.exec_driver_sql(f"VACUUM FULL {table}")


def empty_wal(conn: Connection, patience: float = CHECKPOINT_PATIENCE_SECONDS) -> None:
    """Checkpoint every WAL frame into the database file and truncate the WAL to zero bytes.

    ``PRAGMA wal_checkpoint(TRUNCATE)`` returns (busy, frames in the WAL, frames checkpointed): busy is 0
    only when every frame was copied and the WAL truncated; 1 when a reader or writer held it back (after
    the connection's busy timeout), and then the WAL is left as it was. In rollback-journal mode it
    returns (0, -1, -1): nothing to do.
    """
    deadline = time.monotonic() + patience
    while True:
        busy, frames, done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if not busy:
            return
        if time.monotonic() > deadline:
            raise ScrubIncompleteError(f"the WAL could not be emptied ({busy=}, {frames=}, {done=})")
        time.sleep(0.05)


def forget(engine: Engine, sender_id: str) -> int:
    """Erase every event of conversation ``sender_id``; returns how many there were."""
    with secure(engine).begin() as conn:
        progress.forget(conn, sender_id)  # the conversation's check-ins and sessions go with it
        deleted = conn.execute(sa.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id})
    scrub(engine)
    return int(deleted.rowcount or 0)


def purge(engine: Engine, days: float, now: float | None = None) -> Purged:
    """Erase every conversation whose last event is more than ``days`` days old."""
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    with secure(engine).begin() as conn:
        stale = conn.execute(sa.text(f"SELECT COUNT(*) FROM ({_STALE}) AS stale"), {"cutoff": cutoff}).scalar_one()
        removed = progress.purge(conn, _STALE, cutoff)  # their check-ins and sessions, before their events
        deleted = conn.execute(sa.text(f"DELETE FROM events WHERE sender_id IN ({_STALE})"), {"cutoff": cutoff})
    if stale or removed:
        scrub(engine)
    return Purged(conversations=int(stale), events=int(deleted.rowcount or 0))
