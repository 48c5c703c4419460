"""A person's progress is kept like their conversation: forgotten, purged and expired with it, no bytes left,
and never in a log line (the servers run at DEBUG level)."""

from __future__ import annotations

import time
import uuid

from harness.stack import Stack, conversation
from tests.privacy.store_helpers import DAY, endpoints_for, make, query, store_bytes


def checked_in(stack: Stack, sender: str, score: str = "6") -> tuple[str, str]:
    """A session started and its check-in answered; returns (person, session id) as stored."""
    stack.rest(sender, "guide me through cat cow")
    stack.rest(sender, "no")  # the screen before exercise
    assert f"{score} out of 10" in " ".join(str(m.get("text")) for m in stack.rest(sender, score))
    rows = query(
        stack.tracker_db,
        "SELECT person, session_id FROM progress_checkins WHERE conversation_id = ?",
        (conversation(sender),),
    )
    assert len(rows) == 1
    return str(rows[0][0]), str(rows[0][1])


def test_forget_removes_the_persons_progress_from_the_stores_bytes(private_stack: Stack) -> None:
    sender = f"progress-forget-{uuid.uuid4().hex}"
    person, session = checked_in(private_stack, sender)
    db = private_stack.tracker_db
    before = store_bytes(db)
    assert person.encode() in before and session.encode() in before  # really stored, so really erased below

    result = make("forget", f"ID={conversation(sender)}", f"ENDPOINTS={endpoints_for(db)}")

    assert result.returncode == 0, result.stderr
    everything = store_bytes(db)
    for trace in (person, session, sender):
        assert trace.encode() not in everything, trace
    for table in ("progress_checkins", "progress_sessions"):
        assert query(db, f"SELECT COUNT(*) FROM {table} WHERE person = ?", (person,)) == [(0,)]


def test_purge_removes_progress_with_the_old_conversation(private_stack: Stack) -> None:
    sender = f"progress-purge-{uuid.uuid4().hex}"
    person, session = checked_in(private_stack, sender, "3")
    db = private_stack.tracker_db
    old = time.time() - 40 * DAY  # as if the whole conversation were 40 days old
    query(db, "UPDATE events SET timestamp = ? WHERE sender_id = ?", (old, conversation(sender)))
    result = make("purge", "DAYS=30", f"ENDPOINTS={endpoints_for(db)}")
    assert result.returncode == 0, result.stderr
    everything = store_bytes(db)
    assert person.encode() not in everything and session.encode() not in everything


def test_the_retention_period_removes_progress_with_the_conversation(private_stack: Stack) -> None:
    sender = f"progress-expire-{uuid.uuid4().hex}"
    person, _ = checked_in(private_stack, sender, "8")
    db = private_stack.tracker_db
    query(db, "UPDATE events SET timestamp = ? WHERE sender_id = ?", (time.time() - 40 * DAY, conversation(sender)))
    deadline = time.monotonic() + 60  # the fixture's server checks every 2 s
    while query(db, "SELECT COUNT(*) FROM progress_checkins WHERE person = ?", (person,)) != [(0,)]:
        assert time.monotonic() < deadline, "the retention period left the check-in"
        time.sleep(0.5)
    assert person.encode() not in store_bytes(db)


def test_no_person_id_or_session_id_in_any_log_line(private_stack: Stack) -> None:
    sender = f"progress-logs-{uuid.uuid4().hex}"
    person, session = checked_in(private_stack, sender, "9")
    logs = {p.name: p.read_text(errors="replace") for p in private_stack.workdir.glob("*.log")}
    for name, text in logs.items():
        assert person not in text, name
        assert session not in text, name  # the session id lives in a slot: slot values are redacted
