"""Forgetting one conversation, and purging old ones, so that nothing of them stays in the store's files.

Works on Rasa's SQL tracker store table (``events``: one row per event, ``sender_id`` = the conversation
id, ``timestamp`` in seconds since the epoch) through SQLAlchemy, so on SQLite and PostgreSQL alike.
Deleting rows is not enough: SQLite keeps them in free pages, PostgreSQL in dead tuples. So every
delete runs with SQLite's ``secure_delete`` (freed content overwritten with zeros) and is followed by
``scrub``: SQLite checkpoints any WAL and VACUUMs; PostgreSQL runs ``VACUUM FULL events``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from storage import sqlite_file

SECONDS_PER_DAY = 86_400.0

_STALE = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"


@dataclass(frozen=True)
class Purged:
    """What a purge removed."""

    conversations: int
    events: int


def secure(engine: Engine) -> Engine:
    """``engine`` with SQLite's secure deletion on every connection (a no-op elsewhere)."""
    if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", sqlite_file.on_connect):
        sa.event.listen(engine, "connect", sqlite_file.on_connect)
    return engine


def scrub(engine: Engine) -> None:
    """Rewrite the store so deleted rows leave no bytes behind (SQLite: WAL checkpoint + VACUUM)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("VACUUM")
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql("VACUUM FULL events")


def forget(engine: Engine, sender_id: str) -> int:
    """Erase every event of conversation ``sender_id``; returns how many there were."""
    with secure(engine).begin() as conn:
        deleted = conn.execute(sa.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id})
    scrub(engine)
    return int(deleted.rowcount or 0)


def purge(engine: Engine, days: float, now: float | None = None) -> Purged:
    """Erase every conversation whose last event is more than ``days`` days old."""
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    with secure(engine).begin() as conn:
        stale = conn.execute(sa.text(f"SELECT COUNT(*) FROM ({_STALE}) AS stale"), {"cutoff": cutoff}).scalar_one()
        deleted = conn.execute(sa.text(f"DELETE FROM events WHERE sender_id IN ({_STALE})"), {"cutoff": cutoff})
    if stale:
        scrub(engine)
    return Purged(conversations=int(stale), events=int(deleted.rowcount or 0))
