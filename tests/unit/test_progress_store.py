"""The progress tables: made from an empty store, the contract's columns, pseudonymous, erased with the conversation."""

from __future__ import annotations

import hashlib
import hmac
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from storage import erase, progress

DAY = 86_400.0


def store_file(tmp_path: Path) -> Path:
    """A store with Rasa's events table (the columns erase.py reads), as the tracker store leaves it."""
    db = tmp_path / "tracker.db"
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp REAL, data TEXT)"
        )
    return db


def add_event(db: Path, sender: str, stamp: float) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, '{}')", (sender, stamp)
        )


def raw_bytes(db: Path) -> bytes:
    """The file and its WAL, read by another process (reading them here would drop SQLite's locks)."""
    code = (
        "import sys, pathlib\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).parent.glob('tracker.db*')): sys.stdout.buffer.write(p.read_bytes())"
    )
    return subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, check=True).stdout


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> progress.ProgressStore:
    monkeypatch.setenv(progress.KEY_ENV, "test-key")
    db = store_file(tmp_path)
    found = progress.engine_for({"type": "storage.tracker_store.SafeSQLTrackerStore", "db": str(db)}, tmp_path)
    assert found is not None
    engine, folder = found
    assert folder == tmp_path
    return progress.ProgressStore(engine, progress.progress_key(folder))


def columns(engine: sa.engine.Engine, table: str) -> dict[str, str]:
    with engine.connect() as conn:
        return {str(r[1]): str(r[2]) for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}


def test_migrate_creates_the_contracts_table_from_an_empty_store(store: progress.ProgressStore) -> None:
    with store.engine.connect() as conn:
        assert progress.existing_tables(conn) == []
    assert progress.migrate(store.engine) == 1
    assert progress.migrate(store.engine) == 1  # again: nothing to do, nothing duplicated
    assert columns(store.engine, "progress_checkins") == {
        "person": "TEXT",
        "conversation_id": "TEXT",
        "channel": "TEXT",
        "session_id": "TEXT",
        "phase": "TEXT",
        "score": "INTEGER",
        "at": "DOUBLE PRECISION",
    }


def test_a_score_outside_0_to_10_is_refused_by_the_table_itself(store: progress.ProgressStore) -> None:
    progress.migrate(store.engine)
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO progress_checkins VALUES ('p', 'rest:a', 'rest', 's', 'before', 11, 0)")
    assert not store.record_checkin("rest:a", "s", "before", 11)
    assert not store.record_checkin("rest:a", "s", "during", 5)


def test_the_person_is_a_keyed_hash_never_the_raw_id(store: progress.ProgressStore) -> None:
    caller = "phone:+16125550147"
    assert store.record_checkin(caller, "s1", "before", 6, at=100.0)
    (row,) = progress.rows(store.engine, "progress_checkins")
    expected = hmac.new(b"test-key", f"person:{caller}".encode(), hashlib.sha256).hexdigest()
    assert row.person == expected
    assert "6125550147" not in row.person
    assert (row.channel, row.phase, row.score, row.at) == ("phone", "before", 6, 100.0)
    other_key = progress.ProgressStore(store.engine, b"another key")
    assert other_key.person(caller) != row.person


def test_history_is_the_persons_own_oldest_first(store: progress.ProgressStore) -> None:
    store.record_checkin("web:aaa", "s1", "after", 4, at=200.0)
    store.record_checkin("web:aaa", "s1", "before", 6, at=100.0)
    store.record_checkin("web:bbb", "s9", "before", 9, at=150.0)
    store.record_session("web:aaa", "s1", "finished", "cat_cow", at=190.0)
    history = store.history("web:aaa")
    assert history is not None
    assert [(c.phase, c.score) for c in history.checkins] == [("before", 6), ("after", 4)]
    assert [(s.event, s.stretch) for s in history.sessions] == [("finished", "cat_cow")]


def test_the_key_file_is_created_once_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(progress.KEY_ENV, raising=False)
    first = progress.progress_key(tmp_path)
    assert (tmp_path / "progress.key").stat().st_mode & 0o777 == 0o600
    assert progress.progress_key(tmp_path) == first
    monkeypatch.setenv(progress.KEY_ENV, "from-the-environment")
    assert progress.progress_key(tmp_path) == b"from-the-environment"


def test_forget_leaves_no_byte_of_the_persons_progress(store: progress.ProgressStore, tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    gone, kept = f"rest:gone-{uuid.uuid4().hex}", f"rest:kept-{uuid.uuid4().hex}"
    session = f"SESSION-{uuid.uuid4().hex}"
    for sender in (gone, kept):
        add_event(db, sender, time.time())
        store.record_checkin(sender, session if sender == gone else "other", "before", 7)
        store.record_session(sender, session if sender == gone else "other", "started", "cat_cow")
    person = store.person(gone)
    assert person.encode() in raw_bytes(db)
    assert erase.forget(store.engine, gone) == 1
    store.engine.dispose()
    data = raw_bytes(db)
    for trace in (gone, person, session):
        assert trace.encode() not in data
    history = store.history(kept)
    assert history is not None and len(history.checkins) == 1 and len(history.sessions) == 1


def test_purge_removes_progress_with_its_expired_conversation(store: progress.ProgressStore, tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    now = time.time()
    old, recent, orphan = "rest:old", "rest:recent", "rest:orphan"
    add_event(db, old, now - 40 * DAY)
    add_event(db, recent, now - DAY)
    store.record_checkin(old, "s-old", "before", 5, at=now - 40 * DAY)
    store.record_checkin(recent, "s-new", "before", 3, at=now - DAY)
    store.record_checkin(orphan, "s-orphan", "after", 2, at=now - 40 * DAY)  # its conversation was erased mid-turn
    purged = erase.purge(store.engine, 30, now=now)
    assert purged.conversations == 1
    remaining = {r.conversation_id for r in progress.rows(store.engine, "progress_checkins")}
    assert remaining == {recent}
    store.engine.dispose()
    assert b"s-orphan" not in raw_bytes(db) and person_bytes(store, old) not in raw_bytes(db)


def person_bytes(store: progress.ProgressStore, conversation: str) -> bytes:
    return store.person(conversation).encode()


def test_a_store_from_before_the_progress_tables_is_erased_as_before(tmp_path: Path) -> None:
    db = store_file(tmp_path)
    add_event(db, "rest:x", time.time())
    engine = erase.secure(sa.create_engine(f"sqlite:///{db}"))
    assert erase.forget(engine, "rest:x") == 1
    with engine.connect() as conn:
        assert progress.existing_tables(conn) == []


def test_no_store_for_the_action_server_without_endpoints(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(progress.ENDPOINTS_ENV, raising=False)
    assert progress.from_endpoints() is None
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: storage.tracker_store.SafeSQLTrackerStore\n  db: {tmp_path}/none.db\n"
    )
    assert progress.from_endpoints(endpoints) is None  # the Rasa server creates the file, never this
    assert not (tmp_path / "none.db").exists()
