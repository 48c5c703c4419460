"""Reading the tracker store read-only: one transaction, rows in batches, nothing locked for long.

SQLite is opened read-only (``mode=ro``); on its write-ahead log a reader never blocks the server's
writes, and the one transaction gives every batch the same snapshot. PostgreSQL reads in a
``REPEATABLE READ READ ONLY`` transaction (a snapshot; MVCC readers block no writer). Batches are
read by key (``id > last``), so memory stays flat however large the store.

Which store: ``STORE=`` (a SQLite file or an SQLAlchemy URL), else the one ``endpoints.yml`` configures
(read here with ``${ENV}`` values, as Rasa reads it, but without importing Rasa).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from insights.conversations import FALLBACK_ACTIONS, SKIP_ACTION, SLOTS, BotFetcher, Row

BATCH = 20_000
READ_ACTIONS = FALLBACK_ACTIONS | {SKIP_ACTION}
"""The only actions the counts look at; bot messages are read only for the turns that need them."""
CHECKINS = "progress_checkins"
CHECKIN_COLUMNS = ("person", "conversation_id", "channel", "session_id", "phase", "score", "at")
"""The contract's columns (issue 20, storage/progress.py)."""
_ENV = re.compile(r"\$\{([^}:]+)(?::-([^}]*))?\}")


class StoreError(Exception):
    """The store cannot be read or holds nothing: the message says which, for a person to act on."""


@dataclass(frozen=True)
class Store:
    """Where the events are, and how to name that place in a report (no password)."""

    url: URL
    shown: str

    def engine(self) -> Engine:
        if self.url.get_backend_name() == "sqlite":
            return sa.create_engine(self.url, connect_args={"isolation_level": None})
        return sa.create_engine(self.url, pool_pre_ping=False)


def _expand(value: Any) -> Any:
    if isinstance(value, str):
        return _ENV.sub(lambda m: os.environ.get(m.group(1), m.group(2) or ""), value)
    return value


def sqlite_store(path: Path) -> Store:
    path = path.resolve()
    if not path.is_file():
        raise StoreError(f"{path}: no such store file (nothing has been stored yet?)")
    if path.stat().st_size == 0:
        raise StoreError(f"{path}: the store file is empty (no conversation has been stored yet)")
    url = make_url(f"sqlite:///file:{quote_plus(str(path), safe='/')}?mode=ro&uri=true")
    return Store(url, str(path))


def from_endpoints(endpoints: Path, root: Path) -> Store:
    """The SQL tracker store ``endpoints`` configures (SQLite file or PostgreSQL)."""
    try:
        config = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise StoreError(f"{endpoints}: cannot read it ({error})") from None
    store = {k: _expand(v) for k, v in (config.get("tracker_store") or {}).items()}
    kind = str(store.get("type", "")).lower()
    if not kind or not (kind == "sql" or kind.endswith("sqltrackerstore")):
        raise StoreError(f"{endpoints}: the tracker store is not an SQL store, there is nothing to read")
    dialect = str(store.get("dialect", "sqlite"))
    if dialect == "sqlite" and not store.get("url"):
        db = Path(str(store.get("db", "rasa.db")))
        return sqlite_store(db if db.is_absolute() else root / db)
    url = URL.create(
        "postgresql" if dialect.startswith("postgres") else dialect,
        username=store.get("username"),
        password=store.get("password"),
        host=store.get("url"),
        port=int(store["port"]) if store.get("port") else None,
        database=store.get("db"),
    )
    return Store(url, url.render_as_string(hide_password=True))


def resolve(store: str | None, endpoints: Path, root: Path) -> Store:
    """``STORE=`` as given (a file, or a URL with ``://``), else the one in ``endpoints``."""
    if not store:
        return from_endpoints(endpoints, root)
    if "://" in store:
        url = make_url(store)
        if url.get_backend_name() == "sqlite" and url.database:
            return sqlite_store(Path(url.database))
        return Store(url, url.render_as_string(hide_password=True))
    return sqlite_store(Path(store))


@contextmanager
def snapshot(store: Store) -> Iterator[Connection]:
    """One read-only transaction on the store; rolled back at the end (nothing is ever written)."""
    engine = store.engine()
    try:
        with engine.connect() as conn:
            transaction = None
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN")  # deferred: a read snapshot from the first SELECT on
            else:
                transaction = conn.begin()
                conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try:
                yield conn
            finally:
                with suppress(SQLAlchemyError, engine.dialect.dbapi.Error):  # a failed read may have ended it
                    if transaction is None:
                        conn.exec_driver_sql("ROLLBACK")
                    else:
                        transaction.rollback()
    except (SQLAlchemyError, engine.dialect.dbapi.Error) as error:  # the driver's own, from its cursor (events)
        raise StoreError(f"{store.shown}: the store cannot be read ({_first_line(error)})") from None
    finally:
        engine.dispose()


def _first_line(error: Exception) -> str:
    """SQLAlchemy's later lines quote the statement and its parameters; the first says what went wrong."""
    original = getattr(error, "orig", None) or error
    lines = str(original).splitlines()
    return lines[0][:300] if lines else type(error).__name__


def has_table(conn: Connection, name: str) -> bool:
    return bool(sa.inspect(conn).has_table(name))


def check_events(conn: Connection, shown: str) -> int:
    """The number of events; a store without the table or without any event is an error (nothing to report)."""
    if not has_table(conn, "events"):
        raise StoreError(f"{shown}: no conversations table (events) in the store: nothing has been stored yet")
    count = int(conn.execute(sa.text("SELECT COUNT(*) FROM events")).scalar_one())
    if count == 0:
        raise StoreError(f"{shown}: the store holds no conversations")
    return count


_EVENTS = f"""
SELECT id, sender_id, type_name, timestamp, action_name, intent_name,
       CASE WHEN type_name = 'slot' OR :texts THEN data END AS data
FROM events
WHERE id > :last AND (
      type_name IN ('user', 'session_started')
   OR (type_name = 'slot' AND action_name IN ({", ".join(f"'{s}'" for s in SLOTS)}))
   OR (type_name = 'action' AND action_name IN ({", ".join(f"'{a}'" for a in sorted(READ_ACTIONS))})))
ORDER BY id
LIMIT :batch
"""


def driver_query(conn: Connection, sql: str) -> str:
    """``sql`` with ``:name`` parameters in the driver's own style (sqlite3 takes them; psycopg2 wants %(name)s)."""
    if conn.dialect.name == "sqlite":
        return sql
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", sql)


def events(conn: Connection, batch: int = BATCH, *, texts: bool = False) -> Iterator[list[Row]]:
    """Every event the counts need, in id order, ``batch`` rows at a time (user texts only if ``texts``).

    Read through the driver's own cursor: its plain tuples cost a third of SQLAlchemy's rows, and this is
    the one loop over millions of rows.
    """
    cursor = conn.connection.cursor()
    query = driver_query(conn, _EVENTS)
    last = -1
    try:
        while True:
            cursor.execute(query, {"last": last, "batch": batch, "texts": texts})
            rows: list[Row] = cursor.fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]
    finally:
        cursor.close()


def bot_messages(conn: Connection) -> BotFetcher:
    """Reads one turn's bot messages (by the conversation's index), in the same transaction."""
    query = driver_query(
        conn,
        "SELECT data FROM events WHERE sender_id = :sender AND type_name = 'bot' AND id > :first AND id < :last"
        " ORDER BY id",
    )
    cursor = conn.connection.cursor()  # the driver's own: a fallback turn in twenty asks, so it adds up

    def fetch(sender: str, first: int, last: int | None) -> list[str | None]:
        cursor.execute(query, {"sender": sender, "first": first, "last": last if last is not None else 2**62})
        return [r[0] for r in cursor.fetchall()]

    return fetch


def conversation_ids(conn: Connection) -> set[str]:
    """Every conversation still in the store (a check-in whose conversation was erased is not reported)."""
    return {str(r[0]) for r in conn.execute(sa.text("SELECT DISTINCT sender_id FROM events"))}


def checkins(conn: Connection, batch: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
    """The pain check-ins (``progress_checkins``), oldest first, in batches; none if the table does not exist."""
    if not has_table(conn, CHECKINS):
        return
    columns = ", ".join(CHECKIN_COLUMNS)
    offset = 0
    query = sa.text(f"SELECT {columns} FROM {CHECKINS} ORDER BY at, person, phase LIMIT :batch OFFSET :offset")
    while True:
        rows = [tuple(r) for r in conn.execute(query, {"batch": batch, "offset": offset})]
        if not rows:
            return
        yield rows
        offset += len(rows)
