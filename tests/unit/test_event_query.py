"""The tracker store's session query: Rasa's rows, found by index (storage/event_index.py, SafeSQLTrackerStore)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from storage import event_index
from storage.tracker_store import SafeSQLTrackerStore

STARTED = "session_started"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SafeSQLTrackerStore]:
    monkeypatch.setenv("TRACKER_RETENTION_DAYS", "0")
    found = SafeSQLTrackerStore(domain=Domain.empty(), db=str(tmp_path / "store" / "tracker.db"))
    yield found
    found.close()


def add(store: SafeSQLTrackerStore, sender: str, rows: list[tuple[str, float | None]]) -> list[int]:
    """Stores (type, timestamp) rows for ``sender`` in this order; returns their ids."""
    with store.session_scope() as session:
        events = [store.SQLEvent(sender_id=sender, type_name=t, timestamp=ts, data="{}") for t, ts in rows]
        session.add_all(events)
        session.commit()
        return [int(e.id) for e in events]


def ids(store: SafeSQLTrackerStore, sender: str, all_sessions: bool = False, stock: bool = False) -> list[int]:
    query = SQLTrackerStore._event_query if stock else SafeSQLTrackerStore._event_query
    with store.session_scope() as session:
        return [int(e.id) for e in query(store, session, sender, all_sessions)]


def test_the_current_session_is_the_rows_from_the_latest_session_start(store: SafeSQLTrackerStore) -> None:
    old = add(store, "a", [(STARTED, 1.0), ("user", 2.0), ("action", 3.0)])
    current = add(store, "a", [(STARTED, 10.0), ("user", 10.0), ("action", 11.0), ("bot", 12.0)])
    add(store, "b", [(STARTED, 20.0), ("user", 21.0)])  # another conversation, later
    assert ids(store, "a") == current
    assert ids(store, "a", all_sessions=True) == old + current


def test_without_a_session_start_every_row_of_the_conversation(store: SafeSQLTrackerStore) -> None:
    rows = add(store, "a", [("action", 1.0), ("user", 2.0), ("user", None)])
    add(store, "b", [(STARTED, 5.0)])
    assert ids(store, "a") == rows


def test_order_is_by_id_not_timestamp_and_the_cut_is_by_timestamp(store: SafeSQLTrackerStore) -> None:
    """Rasa's rule: rows at or after the latest start's timestamp, in the order they were stored."""
    _first, started, late, _early, same, _untimed = add(
        store, "a", [("user", 1.0), (STARTED, 5.0), ("user", 9.0), ("bot", 4.0), ("action", 5.0), ("bot", None)]
    )
    assert ids(store, "a") == [started, late, same]


def test_the_same_rows_as_rasas_own_query(store: SafeSQLTrackerStore) -> None:
    add(store, "a", [("user", 1.0), (STARTED, 5.0), ("user", 9.0), ("bot", 4.0), (STARTED, 7.0), ("bot", None)])
    add(store, "a", [("action", 7.0), ("user", 6.9), (STARTED, 6.0), ("user", 8.0)])
    add(store, "c", [("user", 3.0)])
    for sender in ("a", "c", "nobody"):
        for all_sessions in (False, True):
            assert ids(store, sender, all_sessions) == ids(store, sender, all_sessions, stock=True)


def plans(store: SafeSQLTrackerStore, sender: str) -> list[str]:
    """SQLite's plan for each statement the current-session query runs."""
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        statements.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", capture)
    try:
        ids(store, sender)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", capture)
    with store.engine.connect() as conn:
        return [
            " / ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in statements
        ]


def test_a_turn_reads_the_session_by_index_not_the_whole_conversation(store: SafeSQLTrackerStore) -> None:
    add(store, "a", [(STARTED, float(n)) if n % 10 == 0 else ("user", float(n)) for n in range(200)])
    start, events = plans(store, "a")
    assert f"COVERING INDEX {event_index.SESSION_STARTS}" in start
    assert f"INDEX {event_index.SESSION_EVENTS} (sender_id=? AND timestamp>?)" in events


def test_a_store_from_before_the_indexes_gets_them_at_its_next_start(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    SQLTrackerStore.Base.metadata.create_all(engine)  # Rasa's table, its one index
    with engine.connect() as conn:
        before = {r[1] for r in conn.exec_driver_sql("PRAGMA index_list(events)")}
    engine.dispose()
    assert event_index.SESSION_EVENTS not in before
    for _ in range(2):  # idempotent
        store = SafeSQLTrackerStore(domain=Domain.empty(), db=str(db), retention_days=0)
        with store.engine.connect() as conn:
            after = {r[1] for r in conn.exec_driver_sql("PRAGMA index_list(events)")}
        store.close()
        assert {event_index.SESSION_STARTS, event_index.SESSION_EVENTS} <= after
