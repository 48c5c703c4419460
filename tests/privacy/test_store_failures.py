"""The store on a real SQLite file, without a server: what it does when the file goes wrong under it."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from storage import erase, failures
from storage.tracker_store import RETENTION_ENV, SafeSQLTrackerStore, UnavailableTracker, retention_from
from tests.privacy.store_helpers import query, store_bytes


def store_with_one_conversation(db: Path, sender: str) -> SafeSQLTrackerStore:
    store = SafeSQLTrackerStore(Domain.empty(), db=str(db), retention_days=0)
    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered("hello"))
    asyncio.run(store.save(tracker))
    return store


def event_count(db: Path) -> int:
    return int(str(query(db, "SELECT COUNT(*) FROM events")[0][0]))


def test_a_store_corrupted_while_running_gives_a_paused_stand_in_and_records_the_failure(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = store_with_one_conversation(db, "ann")
    query(db, "PRAGMA wal_checkpoint(TRUNCATE)")  # the pages in the file itself, not only in the WAL
    with db.open("r+b") as file:  # same file, garbage content
        file.write(b"garbage!" * 512)
    with failures.watch("ann") as turn:
        tracker = asyncio.run(store.retrieve("ann"))
    assert isinstance(tracker, UnavailableTracker) and tracker.is_paused()
    assert turn.failure == "read"


def test_a_stand_in_is_never_written(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = store_with_one_conversation(db, "ann")
    store.unavailable = "broken for this test"
    stand_in = asyncio.run(store.retrieve("bob"))
    assert isinstance(stand_in, UnavailableTracker)
    store.unavailable = None
    with failures.watch("bob") as turn:
        asyncio.run(store.save(stand_in))
    assert event_count(db) == 1
    assert turn.failure is None  # the failure was the read's; nothing was tried, so nothing failed


def test_a_store_file_replaced_while_running_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = store_with_one_conversation(db, "ann")
    replacement = tmp_path / "other.db"
    replacement.write_bytes(db.read_bytes())
    replacement.replace(db)
    with failures.watch("ann") as turn:
        assert isinstance(asyncio.run(store.retrieve("ann")), UnavailableTracker)
    assert turn.failure == "read"


def test_a_new_store_is_created_owner_only_in_an_owner_only_folder(tmp_path: Path) -> None:
    db = tmp_path / "new" / "tracker.db"
    old_umask = os.umask(0)  # even with the most permissive umask
    try:
        SafeSQLTrackerStore(Domain.empty(), db=str(db), retention_days=0)
    finally:
        os.umask(old_umask)
    assert db.stat().st_mode & 0o777 == 0o600
    assert db.parent.stat().st_mode & 0o777 == 0o700


def test_retention_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RETENTION_ENV, raising=False)
    assert retention_from(None) == 30
    assert retention_from(7) == 7
    assert retention_from(0) is None
    monkeypatch.setenv(RETENTION_ENV, "2.5")
    assert retention_from(7) == 2.5
    monkeypatch.setenv(RETENTION_ENV, "a month")
    with pytest.raises(ValueError):
        retention_from(None)


def test_an_unencodable_sender_id_is_a_failure_not_an_exit(tmp_path: Path) -> None:
    store = store_with_one_conversation(tmp_path / "tracker.db", "ann")
    sender = "\udfff"  # a lone surrogate: Rasa's own store would sys.exit() the server here
    with failures.watch(sender) as reading:
        assert isinstance(asyncio.run(store.retrieve(sender)), UnavailableTracker)
    assert reading.failure == "read"
    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered("hello"))
    with failures.watch(sender) as saving:
        asyncio.run(store.save(tracker))
    assert saving.failure == "save"


def test_an_unreadable_stored_event_is_a_failure_not_an_exit(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = store_with_one_conversation(db, "ann")
    query(db, "UPDATE events SET data = 'not json' WHERE sender_id = 'ann'")
    with failures.watch("ann") as turn:
        assert isinstance(asyncio.run(store.retrieve("ann")), UnavailableTracker)
    assert turn.failure == "read"


def test_failure_logs_carry_no_stored_text(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "tracker.db"
    store = store_with_one_conversation(db, "ann")
    # every write fails inside SQLite; SQLAlchemy's error quotes the parameters
    query(db, "CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'refused'); END")
    secret = "MY-UNSAVED-SECRET"
    tracker = asyncio.run(store.retrieve("ann"))
    assert tracker is not None
    tracker.update(UserUttered(secret))
    with failures.watch("ann") as turn:
        asyncio.run(store.save(tracker))
    assert turn.failure == "save"
    assert "could not save" in caplog.text and "refused" in caplog.text
    assert secret not in caplog.text


def test_a_conversation_forgotten_during_its_turn_is_not_written_back(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = store_with_one_conversation(db, "ann")
    tracker = asyncio.run(store.retrieve("ann"))  # the turn starts...
    assert tracker is not None
    forgotten = erase.forget(sa.create_engine(f"sqlite:///{db}"), "ann")  # ...`make forget` runs meanwhile...
    assert forgotten == 1
    tracker.update(UserUttered("SAID-WHILE-BEING-FORGOTTEN"))
    with failures.watch("ann") as turn:
        asyncio.run(store.save(tracker))  # ...and the turn ends
    assert event_count(db) == 0
    assert b"SAID-WHILE-BEING-FORGOTTEN" not in store_bytes(db)
    assert turn.failure is None  # not a storage failure
    # The person's next message starts a new conversation, which is stored as usual.
    assert asyncio.run(store.retrieve("ann")) is None
    fresh = DialogueStateTracker("ann", [])
    fresh.update(UserUttered("hello again"))
    asyncio.run(store.save(fresh))
    assert event_count(db) == 1


def test_a_new_conversation_saved_empty_first_is_still_stored(tmp_path: Path) -> None:
    """Rasa saves a new conversation once with no events, then again at the end of the turn."""
    db = tmp_path / "tracker.db"
    store = store_with_one_conversation(db, "ann")
    tracker = asyncio.run(store.get_or_create_tracker("bob", append_action_listen=False))
    assert len(tracker.events) == 0
    tracker.update(UserUttered("hello"))
    asyncio.run(store.save(tracker))
    assert event_count(db) == 2


def test_a_failure_reaches_only_the_turn_of_its_own_conversation(tmp_path: Path) -> None:
    """Two turns at once, each watching its own conversation: a failure is told to its turn, not the other's."""
    store = store_with_one_conversation(tmp_path / "tracker.db", "ann")
    store.unavailable = "broken for this test"

    async def turn_of(sender: str, reads: list[str]) -> str | None:
        with failures.watch(sender) as watched:
            for other in reads:
                await store.retrieve(other)
                await asyncio.sleep(0)  # let the other turn run in between
        return watched.failure

    async def both() -> list[str | None]:
        return list(await asyncio.gather(turn_of("ann", ["ann"]), turn_of("bob", ["ann", "ann"])))

    assert asyncio.run(both()) == ["read", None]
    with failures.watch("ann") as later:  # nothing is kept for a later turn
        pass
    assert later.failure is None
