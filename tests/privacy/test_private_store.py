"""A running server's store: owner-only, expired conversations gone, forgotten ones leave no bytes, no text in logs."""

from __future__ import annotations

import json
import socket
import sqlite3
import stat
import time
import uuid
from pathlib import Path

from harness.stack import Stack, conversation
from tests.bot_messages import said
from tests.privacy.conftest import Seeded
from tests.privacy.store_helpers import DAY, endpoints_for, make, query, store_bytes


def stored_senders(db: Path) -> set[str]:
    return {str(row[0]) for row in query(db, "SELECT DISTINCT sender_id FROM events")}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_server_removes_expired_conversations_at_start(private_stack: Stack, seeded: Seeded) -> None:
    senders = stored_senders(private_stack.tracker_db)
    assert seeded.kept in senders
    assert seeded.expired not in senders
    assert seeded.expired_secret.encode() not in store_bytes(private_stack.tracker_db)
    assert "removed 1 conversations older than 30 days" in (private_stack.workdir / "rasa.log").read_text()


def test_the_running_server_keeps_removing_expired_conversations(private_stack: Stack) -> None:
    sender, secret = f"late-{uuid.uuid4().hex}", f"LATE-SECRET-{uuid.uuid4().hex}"
    event = json.dumps({"event": "user", "text": secret, "timestamp": time.time() - 40 * DAY})
    query(  # as if the server had stored it long ago
        private_stack.tracker_db,
        "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, ?)",
        (sender, time.time() - 40 * DAY, event),
    )
    assert sender in stored_senders(private_stack.tracker_db)
    deadline = time.monotonic() + 60  # the fixture checks every 2 s
    while sender in stored_senders(private_stack.tracker_db) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert sender not in stored_senders(private_stack.tracker_db)
    assert secret.encode() not in store_bytes(private_stack.tracker_db)


def test_store_file_and_folder_are_readable_by_their_owner_only(private_stack: Stack) -> None:
    db = private_stack.tracker_db
    private_stack.rest(f"modes-{uuid.uuid4().hex}", "hello")
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    # SQLite gives its write-ahead log and shared memory the database file's mode: write and look at them.
    conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM events WHERE sender_id = 'nobody'")
        conn.execute("INSERT INTO events (sender_id, type_name) VALUES ('journal-probe', 'probe')")
        for suffix in ("-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            assert side.exists() and mode(side) == 0o600, suffix
        assert not db.with_name(db.name + "-journal").exists()  # on the WAL, not a rollback journal
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_forget_while_running_leaves_no_trace_in_the_store_files(private_stack: Stack) -> None:
    sender, secret = f"forget-{uuid.uuid4().hex}", f"MY-SECRET-{uuid.uuid4().hex}"
    private_stack.rest(sender, "guide me through cat cow")
    private_stack.rest(sender, "no")  # the screen before exercise
    private_stack.rest(sender, f"my name is {secret}")
    private_stack.rest(sender, "next")
    db = private_stack.tracker_db
    assert secret.encode() in store_bytes(db)  # what forgetting must remove really was stored

    result = make("forget", f"ID={conversation(sender)}", f"ENDPOINTS={endpoints_for(db)}")  # rest:<sender>

    assert result.returncode == 0, result.stderr
    everything = store_bytes(db)
    assert secret.encode() not in everything
    assert sender.encode() not in everything
    assert conversation(sender) not in stored_senders(db)
    # The running server kept no copy: the person starts from nothing.
    assert "not in the middle of a stretch" in said(private_stack.rest(sender, "next"))


def hang_up_mid_turn(stack: Stack, sender: str, text: str) -> None:
    """Send a message and close the connection at once: Rasa cancels the turn and logs it at ERROR."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    head = (
        f"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", stack.rasa_port)) as conn:
        conn.sendall(head + body)


def error_lines(log: Path) -> int:
    return sum(" ERROR " in line for line in log.read_text(errors="replace").splitlines())


def test_no_message_text_in_any_server_log_at_debug_level(private_stack: Stack) -> None:
    secret = f"SECRETWORD{uuid.uuid4().hex}"
    sender = f"logs-{uuid.uuid4().hex}"
    rasa_log = private_stack.workdir / "rasa.log"
    private_stack.rest(sender, f"guide me through cat cow {secret}")
    private_stack.rest(sender, "no")  # the screen before exercise
    private_stack.rest(sender, f"next {secret}")
    errors_before = error_lines(rasa_log)
    hang_up_mid_turn(private_stack, f"cancelled-{uuid.uuid4().hex}", f"hello {secret}")
    deadline = time.monotonic() + 30
    while error_lines(rasa_log) == errors_before and time.monotonic() < deadline:
        time.sleep(0.5)
    logs = {p.name: p.read_text(errors="replace") for p in private_stack.workdir.glob("*.log")}
    assert error_lines(rasa_log) > errors_before  # the cancelled turn was logged at ERROR...
    assert " DEBUG " in logs["rasa.log"] and "processor.message.parse" in logs["rasa.log"]  # ...and DEBUG is on
    assert " DEBUG " in logs["actions.log"] and "Received request to run" in logs["actions.log"]
    assert "[redacted]" in logs["rasa.log"]
    leaks = [f"{name}: {line}" for name, text in logs.items() for line in text.splitlines() if secret in line]
    assert leaks == []


def test_telemetry_is_off_for_the_server_and_for_make(private_stack: Stack) -> None:
    rasa = private_stack._rasa
    assert rasa is not None
    environment = Path(f"/proc/{rasa.pid}/environ").read_bytes().split(b"\0")
    assert b"RASA_TELEMETRY_ENABLED=false" in environment
    shown = make("--eval=show-telemetry: ; @echo $$RASA_TELEMETRY_ENABLED", "show-telemetry")
    assert shown.stdout.strip() == "false", shown.stderr
