"""The SQLite tracker store keeps its connections open between turns, without holding anything else open."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain

from storage import erase
from storage.tracker_store import SafeSQLTrackerStore


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SafeSQLTrackerStore]:
    monkeypatch.setenv("TRACKER_RETENTION_DAYS", "0")
    found = SafeSQLTrackerStore(domain=Domain.empty(), db=str(tmp_path / "store" / "tracker.db"))
    yield found
    found.close()


def dbapi_connection(store: SafeSQLTrackerStore) -> object:
    with store.session_scope() as session:
        raw = session.connection().connection.dbapi_connection
        session.execute(sa.text("SELECT COUNT(*) FROM events")).all()
        return raw


def test_one_turn_after_another_reuses_the_connection(store: SafeSQLTrackerStore) -> None:
    assert dbapi_connection(store) is dbapi_connection(store)


def test_a_pooled_connection_deletes_securely(store: SafeSQLTrackerStore) -> None:
    with store.session_scope() as session:
        assert session.execute(sa.text("PRAGMA secure_delete")).scalar() == 1
        assert session.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"


def test_an_idle_pooled_connection_holds_back_no_checkpoint(store: SafeSQLTrackerStore) -> None:
    with store.session_scope() as session:
        session.add(store.SQLEvent(sender_id="a", type_name="user", timestamp=1.0, data="{}"))
        session.commit()
    dbapi_connection(store)  # a read, then the connection back in the pool
    assert store.sqlite_path is not None
    with closing(sqlite3.connect(store.sqlite_path)) as other:
        busy, _frames, _done = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0


def test_the_retention_purge_can_borrow_a_connection_from_another_thread(store: SafeSQLTrackerStore) -> None:
    dbapi_connection(store)  # a connection made in this thread, now idle in the pool
    errors: list[BaseException] = []

    def purge() -> None:
        try:
            erase.purge(store.engine, 30.0)
        except BaseException as error:  # reported to the test's thread
            errors.append(error)

    worker = threading.Thread(target=purge)
    worker.start()
    worker.join()
    assert errors == []
