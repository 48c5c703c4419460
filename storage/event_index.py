"""Indexes on Rasa's ``events`` table, so a turn reads only the current session's rows.

Rasa's table has one index, on ``sender_id``. On every turn its store finds the latest ``SessionStarted``
of the conversation and reads the events since, twice (``_retrieve`` to load the tracker, ``save`` to
count what is stored), and each time SQLite walked every row of the conversation, all of its sessions,
through that index: a turn cost more the longer the conversation (400 turns of chat: 2,400 rows read
per query, about a quarter of a turn). With these two indexes the session's start is one index seek
(``max(timestamp)`` among a conversation's ``session_started`` rows) and its events one index range
(``storage.tracker_store.SafeSQLTrackerStore._event_query`` asks for them so).

Created at the store's start, ``IF NOT EXISTS`` (idempotent, on SQLite and PostgreSQL alike; on an
existing store the first start builds them once). They hold the conversation id and timestamps like
the table itself, so ``secure_delete`` and ``erase.scrub`` cover them as they cover the table.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

SESSION_STARTS = "events_sender_type_timestamp"
SESSION_EVENTS = "events_sender_timestamp"
STATEMENTS = (
    f"CREATE INDEX IF NOT EXISTS {SESSION_STARTS} ON events (sender_id, type_name, timestamp)",
    f"CREATE INDEX IF NOT EXISTS {SESSION_EVENTS} ON events (sender_id, timestamp)",
)


def ensure(engine: Engine) -> None:
    """Creates the two indexes when they are missing (PostgreSQL: under an advisory lock, as progress.migrate)."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(2021)"))
        for statement in STATEMENTS:
            conn.execute(sa.text(statement))
