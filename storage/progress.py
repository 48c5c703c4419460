"""A person's progress beside their conversation: pain check-ins and the stretch sessions they kept.

Two tables in the tracker store's own database (SQLite by default, PostgreSQL in the scaled stack),
created by :func:`migrate` from an empty store (the Rasa server runs it at start, the action server
before its first write; it is idempotent and safe to run from both at once):

* ``progress_checkins``: one row per 0-10 answer to "how is your back right now?", the schema the
  clinic's report reads (its columns are a contract: change them only with the report);
* ``progress_sessions``: one row when a stretch of a session starts and one when it is finished
  (no health answer in it, so Alexa's sessions are kept too: Amazon's policy allows that much).

Who the person is (the web owner's session, the calling number, the Alexa user id: all carried by
the conversation id) is stored only as ``person``, the hex HMAC-SHA256 of the conversation id under
the progress key (:func:`progress_key`), so the clinic's report can count people without naming them.
Every row also carries its ``conversation_id``, so ``make forget``, ``make purge`` and the retention
period remove it with the conversation (``storage/erase.py``), leaving no bytes behind.

Nothing here logs a score, a person or a conversation id: errors are logged by their type only.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from storage import sqlite_file

logger = logging.getLogger(__name__)

CHECKINS = "progress_checkins"
SESSIONS = "progress_sessions"
SCHEMA = "progress_schema"
TABLES = (CHECKINS, SESSIONS)
PHASES = ("before", "after")
CHANNELS = ("web", "rest", "phone", "alexa")
KEY_ENV = "PROGRESS_KEY"
ENDPOINTS_ENV = "ENDPOINTS"
KEY_FILE = "progress.key"
SQLITE_BUSY_SECONDS = 10.0

MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            f"""CREATE TABLE IF NOT EXISTS {CHECKINS} (
                person          TEXT    NOT NULL,
                conversation_id TEXT    NOT NULL,
                channel         TEXT    NOT NULL,
                session_id      TEXT    NOT NULL,
                phase           TEXT    NOT NULL,
                score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
                at              DOUBLE PRECISION NOT NULL
            )""",
            f"CREATE INDEX IF NOT EXISTS {CHECKINS}_person ON {CHECKINS} (person, at)",
            f"CREATE INDEX IF NOT EXISTS {CHECKINS}_conversation ON {CHECKINS} (conversation_id)",
            f"""CREATE TABLE IF NOT EXISTS {SESSIONS} (
                person          TEXT    NOT NULL,
                conversation_id TEXT    NOT NULL,
                channel         TEXT    NOT NULL,
                session_id      TEXT    NOT NULL,
                event           TEXT    NOT NULL CHECK (event IN ('started', 'finished')),
                stretch         TEXT    NOT NULL,
                at              DOUBLE PRECISION NOT NULL
            )""",
            f"CREATE INDEX IF NOT EXISTS {SESSIONS}_person ON {SESSIONS} (person, at)",
            f"CREATE INDEX IF NOT EXISTS {SESSIONS}_conversation ON {SESSIONS} (conversation_id)",
        ),
    ),
)
"""Numbered steps from an empty store to today's tables; a store records the last one it ran."""

CHANNEL_OF_NAMESPACE = {"web": "web", "rest": "rest", "phone": "phone", "alexa": "alexa"}


def channel_of(conversation_id: str) -> str | None:
    """The contract's channel of a namespaced conversation id (``web:…`` → ``web``), or None (the shell)."""
    return CHANNEL_OF_NAMESPACE.get(conversation_id.partition(":")[0])


# -- the schema --------------------------------------------------------------------------------


def schema_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table(SCHEMA):
        return 0
    return int(conn.execute(sa.text(f"SELECT COALESCE(MAX(version), 0) FROM {SCHEMA}")).scalar_one())


def migrate(engine: Engine) -> int:
    """Bring the store's progress tables up to date; returns the schema version it is at.

    PostgreSQL: under an advisory lock, so two servers starting together do not both create the tables.
    SQLite: its write lock serialises the steps, and every step is ``IF NOT EXISTS``.
    """
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(2020)"))
        conn.execute(sa.text(f"CREATE TABLE IF NOT EXISTS {SCHEMA} (version INTEGER NOT NULL)"))
        version = schema_version(conn)
        for number, statements in MIGRATIONS:
            if number <= version:
                continue
            for statement in statements:
                conn.execute(sa.text(statement))
            conn.execute(sa.text(f"INSERT INTO {SCHEMA} (version) VALUES (:v)"), {"v": number})
            version = number
    return version


def existing_tables(conn: Connection) -> list[str]:
    """The progress tables this store has (none in a store from before they existed)."""
    inspector = sa.inspect(conn)
    return [table for table in TABLES if inspector.has_table(table)]


# -- erasing with the conversation (storage/erase.py) -----------------------------------------


def forget(conn: Connection, conversation_id: str) -> int:
    """Delete every progress row of one conversation (inside the caller's transaction)."""
    removed = 0
    for table in existing_tables(conn):
        result = conn.execute(sa.text(f"DELETE FROM {table} WHERE conversation_id = :c"), {"c": conversation_id})
        removed += int(result.rowcount or 0)
    return removed


def purge(conn: Connection, stale_conversations: str, cutoff: float) -> int:
    """Delete the rows of the conversations ``stale_conversations`` (an SQL subquery with ``:cutoff``) selects,
    and rows older than the cutoff whose conversation has no events left (written during a turn its
    conversation was erased in). Run before the events are deleted, inside the caller's transaction."""
    removed = 0
    for table in existing_tables(conn):
        stale = conn.execute(
            sa.text(f"DELETE FROM {table} WHERE conversation_id IN ({stale_conversations})"), {"cutoff": cutoff}
        )
        orphans = conn.execute(
            sa.text(
                f"DELETE FROM {table} WHERE at < :cutoff AND conversation_id NOT IN (SELECT sender_id FROM events)"
            ),
            {"cutoff": cutoff},
        )
        removed += int(stale.rowcount or 0) + int(orphans.rowcount or 0)
    return removed


# -- the pseudonymous person ------------------------------------------------------------------


def progress_key(folder: Path | None) -> bytes:
    """The key the person ids are made with: ``PROGRESS_KEY`` (set it from the deployment's secrets, like
    ``SESSION_SECRET``), else a random key kept in ``progress.key`` beside the store (0600, created once,
    so a person is still recognised after a restart; ``make clean`` deletes it with the store)."""
    value = os.environ.get(KEY_ENV, "")
    if value:
        return value.encode("utf-8")
    path = (folder or Path(".rasa")) / KEY_FILE
    path.parent.mkdir(mode=sqlite_file.DIR_MODE, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, sqlite_file.FILE_MODE)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_hex(32))
    key = path.read_text().strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it (person ids then start anew) or set {KEY_ENV}")
    return key.encode("utf-8")


def person_of(key: bytes, conversation_id: str) -> str:
    """The pseudonymous person id: hex HMAC-SHA256 of who they are (their conversation id) under ``key``."""
    return hmac.new(key, f"person:{conversation_id}".encode(), hashlib.sha256).hexdigest()


# -- what the assistant reads back -------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    session_id: str
    phase: str
    score: int
    at: float


@dataclass(frozen=True)
class SessionEvent:
    session_id: str
    event: str
    stretch: str
    at: float


@dataclass(frozen=True)
class History:
    """Everything kept about one person, oldest first."""

    checkins: tuple[CheckIn, ...]
    sessions: tuple[SessionEvent, ...]


class ProgressStore:
    """Reads and writes one database's progress tables; every call fails soft (the turn goes on)."""

    def __init__(self, engine: Engine, key: bytes) -> None:
        self.engine = engine
        self.key = key
        self._migrated = False

    def person(self, conversation_id: str) -> str:
        return person_of(self.key, conversation_id)

    def _ready(self) -> None:
        if not self._migrated:
            migrate(self.engine)
            self._migrated = True

    def _write(self, table: str, row: dict[str, Any]) -> bool:
        columns = ", ".join(row)
        values = ", ".join(f":{name}" for name in row)
        try:
            self._ready()
            with self.engine.begin() as conn:
                conn.execute(sa.text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)
        except (SQLAlchemyError, OSError) as error:
            logger.error("Progress: could not save a row of %s: %s", table, type(error).__name__)
            return False
        return True

    def record_checkin(
        self, conversation_id: str, session_id: str, phase: str, score: int, at: float | None = None
    ) -> bool:
        """One check-in answer; False when it could not be kept (or belongs to no channel)."""
        channel = channel_of(conversation_id)
        if channel is None or phase not in PHASES or not 0 <= score <= 10:
            return False
        row = {
            "person": self.person(conversation_id),
            "conversation_id": conversation_id,
            "channel": channel,
            "session_id": session_id,
            "phase": phase,
            "score": int(score),
            "at": time.time() if at is None else at,
        }
        return self._write(CHECKINS, row)

    def record_session(
        self, conversation_id: str, session_id: str, event: str, stretch: str, at: float | None = None
    ) -> bool:
        """A stretch of a session started or finished."""
        channel = channel_of(conversation_id)
        if channel is None:
            return False
        row = {
            "person": self.person(conversation_id),
            "conversation_id": conversation_id,
            "channel": channel,
            "session_id": session_id,
            "event": event,
            "stretch": stretch,
            "at": time.time() if at is None else at,
        }
        return self._write(SESSIONS, row)

    def history(self, conversation_id: str) -> History | None:
        """The person's check-ins and sessions, oldest first; None when the store cannot be read."""
        person = self.person(conversation_id)
        try:
            self._ready()
            with self.engine.connect() as conn:
                checkins = conn.execute(
                    sa.text(f"SELECT session_id, phase, score, at FROM {CHECKINS} WHERE person = :p ORDER BY at"),
                    {"p": person},
                ).all()
                sessions = conn.execute(
                    sa.text(f"SELECT session_id, event, stretch, at FROM {SESSIONS} WHERE person = :p ORDER BY at"),
                    {"p": person},
                ).all()
        except (SQLAlchemyError, OSError) as error:
            logger.error("Progress: could not read a history: %s", type(error).__name__)
            return None
        return History(
            tuple(CheckIn(str(r[0]), str(r[1]), int(r[2]), float(r[3])) for r in checkins),
            tuple(SessionEvent(str(r[0]), str(r[1]), str(r[2]), float(r[3])) for r in sessions),
        )


# -- finding the store from the action server -------------------------------------------------

_ENV_VALUE = re.compile(r"\$\{([^}]+)\}")


def _substituted(value: Any) -> Any:
    """``${VAR}`` from the environment, as Rasa reads endpoints.yml."""
    if isinstance(value, str):
        return _ENV_VALUE.sub(lambda m: os.environ.get(m.group(1), ""), value)
    return value


def engine_for(config: dict[str, Any], base: Path) -> tuple[Engine, Path | None] | None:
    """An engine on the tracker store that an endpoints.yml ``tracker_store`` section names, and the folder
    of its SQLite file (None for PostgreSQL); None when it is no SQL store or its file does not exist
    yet (the Rasa server creates it; nothing here ever creates a store)."""
    kind = str(config.get("type") or "").lower()
    if kind not in {"sql", "storage.tracker_store.safesqltrackerstore"}:
        return None
    settings = {key: _substituted(value) for key, value in config.items()}
    dialect = str(settings.get("dialect") or "sqlite")
    if dialect == "sqlite" and not settings.get("url"):
        path = Path(str(settings.get("db") or "rasa.db"))
        path = (path if path.is_absolute() else base / path).resolve()
        if not path.is_file():
            return None

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=SQLITE_BUSY_SECONDS)

        engine = sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.NullPool)
        sa.event.listen(engine, "connect", sqlite_file.on_connect)
        return engine, path.parent
    url = sa.engine.URL.create(
        "postgresql",
        username=settings.get("username"),
        password=settings.get("password"),
        host=settings.get("url"),
        port=int(settings["port"]) if settings.get("port") else None,
        database=settings.get("db"),
    )
    return sa.create_engine(url, pool_pre_ping=True), None


def from_endpoints(endpoints: Path | None = None) -> ProgressStore | None:
    """The progress store of the tracker store ``endpoints`` (default: ``$ENDPOINTS``) configures, or None.

    The action server has it only when ``ENDPOINTS`` names the file the Rasa server was started with
    (scripts/run.sh and the test harness set it), so a unit test never writes to a real store.
    """
    if endpoints is None:
        named = os.environ.get(ENDPOINTS_ENV, "")
        if not named:
            return None
        endpoints = Path(named)
    try:
        config = (yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}).get("tracker_store") or {}
        found = engine_for(config, Path.cwd())
    except (OSError, yaml.YAMLError, SQLAlchemyError, ValueError) as error:
        logger.error("Progress: no store (%s)", type(error).__name__)
        return None
    if found is None:
        return None
    engine, folder = found
    try:
        key = progress_key(folder)
    except (OSError, RuntimeError) as error:  # an unreadable or empty key file: no progress, the turn goes on
        logger.error("Progress: no key (%s)", type(error).__name__)
        return None
    return ProgressStore(engine, key)


def rows(engine: Engine, table: str) -> Sequence[Any]:
    """Every row of a progress table (tests and the report's checks)."""
    with engine.connect() as conn:
        return list(conn.execute(sa.text(f"SELECT * FROM {table}")).all())
