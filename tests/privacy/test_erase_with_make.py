"""`make forget` and `make purge` on a real store file: nothing of the erased conversations is left in its bytes."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from tests.privacy.store_helpers import DAY, endpoints_for, make, query, seed, store_bytes


def senders(db: Path) -> set[str]:
    return {str(row[0]) for row in query(db, "SELECT DISTINCT sender_id FROM events")}


def test_purge_removes_old_conversations_and_keeps_recent_ones(tmp_path: Path) -> None:
    db = tmp_path / "store" / "tracker.db"
    now = time.time()
    old, recent = f"old-{uuid.uuid4().hex}", f"recent-{uuid.uuid4().hex}"
    old_secret = f"OLD-SECRET-{uuid.uuid4().hex}"
    seed(db, {old: (old_secret, now - 40 * DAY), recent: ("recent words", now - 2 * DAY)})
    assert senders(db) == {old, recent}

    result = make("purge", "DAYS=30", f"ENDPOINTS={endpoints_for(db)}")

    assert result.returncode == 0, result.stderr
    assert "purged 1 conversations" in result.stdout
    assert senders(db) == {recent}
    everything = store_bytes(db)
    assert old_secret.encode() not in everything and old.encode() not in everything
    assert b"recent words" in everything


def test_forget_a_conversation_whose_id_looks_like_an_option(tmp_path: Path) -> None:
    db = tmp_path / "store" / "tracker.db"
    sender, other, secret = f"--{uuid.uuid4().hex} 'quoted'", "someone-else", f"SECRET-{uuid.uuid4().hex}"
    seed(db, {sender: (secret, time.time()), other: ("other words", time.time())})

    result = make("forget", f"ID={sender}", f"ENDPOINTS={endpoints_for(db)}")

    assert result.returncode == 0, result.stderr
    assert senders(db) == {other}
    assert secret.encode() not in store_bytes(db)


def test_forget_an_unknown_conversation_says_so(tmp_path: Path) -> None:
    db = tmp_path / "store" / "tracker.db"
    seed(db, {"someone": ("words", time.time())})
    result = make("forget", "ID=nobody", f"ENDPOINTS={endpoints_for(db)}")
    assert result.returncode != 0
    assert "no conversation 'nobody'" in result.stderr
    assert senders(db) == {"someone"}


def test_forget_and_purge_need_their_argument() -> None:
    assert "usage: make forget ID=" in make("forget").stderr
    assert "usage: make purge DAYS=" in make("purge").stderr
