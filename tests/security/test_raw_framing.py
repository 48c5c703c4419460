"""Malformed HTTP framing sent raw to every server as make run starts them, each attack followed by a liveness probe.

Issue 23: one ``Content-Length: -1`` froze Rasa for good (Sanic 21.12's body reader spun at 100% CPU);
``Content-Length: abc`` and ``Transfer-Encoding: gzip, chunked`` were 500s; a POST after an engine.io CLOSE
was a 500; an HTTP/0.9 request line hung; a NUL or 0xFF byte in the path closed the connection with two
tracebacks; no server closed idle or slow connections. Each request here is bytes on a socket, never
through an HTTP client that would fix it; after each, every server must answer a fresh request at once.
The module ends by reading what the servers logged meanwhile: no traceback, no message text.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from server_tuning.http_guard import BODY_SECONDS, HEAD_SECONDS, IDLE_SECONDS
from tests.security.clinic import Clinic
from tests.security.raw_http import RAW_ATTACKER, Answer, exchange, get, probe, request
from tests.security.routine_start import start_messages
from web.serve import REQUEST_SECONDS

REST = "/webhooks/rest/webhook"
POLLING = "/socket.io/?EIO=4&transport=polling"
BODY = b'{"sender": "raw-attacker", "message": "hi"}'
SECRET_PHONE = "612-555-0142"
"""A phone number sent in a message: it must not appear in any log."""
ANSWER_SECONDS = 3.0
"""A malformed request is answered at once: well under any of the servers' timeouts."""
CHECK_SLACK = 6.0
"""Sanic checks its connection timeouts every few seconds (half the smallest timeout)."""


def _framed(path: str, headers: list[tuple[str, str]], body: bytes = BODY, version: str = "HTTP/1.1") -> bytes:
    return request("POST", path, [("Host", "127.0.0.1"), ("Content-Type", "application/json"), *headers], body, version)


BAD_FRAMING: dict[str, object] = {
    "content-length -1": lambda p: _framed(p, [("Content-Length", "-1")]),
    "content-length abc": lambda p: _framed(p, [("Content-Length", "abc")]),
    "content-length with a sign": lambda p: _framed(p, [("Content-Length", "+44")]),
    "content-length in hex": lambda p: _framed(p, [("Content-Length", "0x2c")]),
    "content-length empty": lambda p: _framed(p, [("Content-Length", "")]),
    "content-length list": lambda p: _framed(p, [("Content-Length", "44, 44")]),
    "two content-lengths": lambda p: _framed(p, [("Content-Length", "44"), ("Content-Length", "2")]),
    "content-length of 30 digits": lambda p: _framed(p, [("Content-Length", "9" * 30)]),
    "transfer-encoding gzip, chunked": lambda p: _framed(p, [("Transfer-Encoding", "gzip, chunked")], b"0\r\n\r\n"),
    "transfer-encoding identity": lambda p: _framed(p, [("Transfer-Encoding", "identity")], b"0\r\n\r\n"),
    "transfer-encoding Chunked": lambda p: _framed(p, [("Transfer-Encoding", "Chunked")], b"0\r\n\r\n"),
    "chunked and content-length": lambda p: _framed(
        p, [("Transfer-Encoding", "chunked"), ("Content-Length", "5")], b"0\r\n\r\n"
    ),
    "chunked in HTTP/1.0": lambda p: _framed(p, [("Transfer-Encoding", "chunked")], b"0\r\n\r\n", "HTTP/1.0"),
    "a negative chunk size": lambda p: _framed(p, [("Transfer-Encoding", "chunked")], b"-5\r\nhello\r\n0\r\n\r\n"),
    "a chunk size that is not hex": lambda p: _framed(
        p, [("Transfer-Encoding", "chunked")], b"zz\r\nhello\r\n0\r\n\r\n"
    ),
    "a space before the colon": lambda p: _framed(p, [("Content-Length ", "44")]),
    "a folded header line": lambda p: _framed(p, [("Content-Length", "44"), (" X-Folded", "yes")]),
    "a header line without a colon": lambda p: _framed(p, [("Content-Length", "44")]).replace(
        b"Host: 127.0.0.1", b"Host 127.0.0.1"
    ),
    "a NUL byte in a header value": lambda p: _framed(p, [("Content-Length", "44"), ("X-Note", "a\x00b")]),
    "a NUL byte in the path": lambda p: _framed(p + "\x00", [("Content-Length", "44")]),
    "a 0xFF byte in the path": lambda p: _framed(p + "\xff", [("Content-Length", "44")]),
    "a space in the path": lambda p: _framed(p.replace("/", "/ ", 1), [("Content-Length", "44")]),
    "lines ending in a bare LF": lambda p: _framed(p, [("Content-Length", "44")]).replace(b"\r\n", b"\n"),
    "a bare CR in a header": lambda p: _framed(p, [("Content-Length", "44"), ("X-Note", "a\rb")]),
    "HTTP/1.2": lambda p: _framed(p, [("Content-Length", "44")], version="HTTP/1.2"),
    "an HTTP/2 preface": lambda p: b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    "a request line of two words (HTTP/0.9)": lambda p: f"GET {p}\r\n".encode(),
    "a lowercase protocol": lambda p: _framed(p, [("Content-Length", "44")], version="http/1.1"),
}
"""Each attack, given the path it is sent to; every one must get a 4xx at once and the connection closed."""

RASA_PATHS = {"rest": REST, "socket.io": POLLING, "alexa": "/webhooks/alexa/webhook", "root": "/"}


@pytest.fixture(scope="module")
def log_marks(clinic: Clinic) -> Iterator[dict[str, int]]:
    """Where the servers' logs stood before this module's attacks (the shared servers' logs go on growing)."""
    stack = clinic.stack
    yield {name: _size(stack.workdir / name) for name in ("rasa.log", "actions.log")}


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _ports(clinic: Clinic) -> tuple[int, int, int]:
    return clinic.stack.rasa_port, clinic.stack.action_port, clinic.page.server_address[1]


def _all_alive(clinic: Clinic) -> None:
    alive = probe(*_ports(clinic))
    assert all(alive.values()), alive


def _assert_refused_at_once(answer: Answer, what: str) -> None:
    assert not answer.timed_out, f"{what}: no answer within its timeout"
    assert answer.status is not None and 400 <= answer.status < 500, f"{what}: {answer.status} {answer.body[:200]!r}"
    assert answer.seconds < ANSWER_SECONDS, f"{what}: answered after {answer.seconds:.1f} s"
    assert answer.closed, f"{what}: the connection stayed open after a refused head"


@pytest.mark.parametrize("attack", sorted(BAD_FRAMING))
@pytest.mark.parametrize("endpoint", sorted(RASA_PATHS))
def test_rasa_refuses_bad_framing_at_once_and_stays_up(
    clinic: Clinic, log_marks: dict[str, int], endpoint: str, attack: str
) -> None:
    build = BAD_FRAMING[attack]
    assert callable(build)
    answer = exchange(clinic.stack.rasa_port, build(RASA_PATHS[endpoint]))
    _assert_refused_at_once(answer, f"{attack} to {endpoint}")
    _all_alive(clinic)


@pytest.mark.parametrize("attack", ["content-length -1", "content-length abc", "transfer-encoding gzip, chunked"])
def test_the_action_server_refuses_bad_framing_and_stays_up(clinic: Clinic, attack: str) -> None:
    build = BAD_FRAMING[attack]
    assert callable(build)
    _assert_refused_at_once(exchange(clinic.stack.action_port, build("/webhook")), attack)
    _all_alive(clinic)


@pytest.mark.parametrize(
    "raw",
    [
        b"GET /\r\n",
        b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\nHost: x\n\n",
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\nhello",
        b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        b"\xff\xfe\x00\r\n\r\n",
    ],
)
def test_the_page_server_answers_bad_requests_at_once_never_with_a_5xx(clinic: Clinic, raw: bytes) -> None:
    """The page serves GET only and reads no body, so a lenient answer (bare LF lines) is no harm: but no hang."""
    answer = exchange(clinic.page.server_address[1], raw)
    assert not answer.timed_out and answer.seconds < ANSWER_SECONDS, (answer.status, answer.seconds)
    assert answer.closed if answer.status is None else answer.status < 500, (answer.status, answer.body[:200])
    _all_alive(clinic)


def test_chunked_messages_still_get_their_replies(clinic: Clinic) -> None:
    """The guard refuses bad framing only: well-formed chunked bodies are read and answered (a routine starts)."""
    sender = f"raw-{uuid.uuid4().hex[:8]}"
    said = ""
    for text in start_messages("cat cow"):
        body = json.dumps({"sender": sender, "message": text}).encode()
        chunks = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        raw = _framed(REST, [("Transfer-Encoding", "chunked"), ("Connection", "close")], chunks)
        answer = exchange(clinic.stack.rasa_port, raw)
        assert answer.status == 200, answer.body[:300]
        said = " ".join(str(m.get("text", "")) for m in json.loads(answer.body))
    assert "Cat/Cow: step 1" in said


def _polling(port: int, method: str, path: str, origin: str, body: bytes = b"") -> Answer:
    headers = [("Host", "127.0.0.1"), ("Origin", origin), ("Content-Type", "text/plain;charset=UTF-8")]
    headers += [("Content-Length", str(len(body))), ("Connection", "close")]
    return exchange(port, request(method, path, headers, body))


def test_a_post_after_an_engineio_close_gets_400(clinic: Clinic) -> None:
    port = clinic.stack.rasa_port
    opened = _polling(port, "GET", POLLING, clinic.origin)
    assert opened.status == 200, opened.body[:200]
    session = f"{POLLING}&sid={json.loads(opened.body[1:])['sid']}"
    assert _polling(port, "POST", session, clinic.origin, b"40").status == 200
    assert _polling(port, "GET", session, clinic.origin).status == 200  # the socket.io CONNECT answer
    assert _polling(port, "POST", session, clinic.origin, b"1").status == 200  # the client's CLOSE packet
    for packet in (b'42["user_uttered", {"message": "hi"}]', b"2", b"1"):
        after = _polling(port, "POST", session, clinic.origin, packet)
        assert after.status == 400, (packet, after.status, after.body[:200])
    assert _polling(port, "GET", session, clinic.origin).status == 400
    _all_alive(clinic)


def _drip(port: int, data: bytes, interval: float, give_up: float) -> tuple[float, bytes]:
    """Sends ``data`` a byte every ``interval`` s; returns when the server answered or closed (seconds, answer)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=give_up, source_address=(RAW_ATTACKER, 0)) as sock:
        sock.settimeout(interval)
        for byte in data * 100:
            if time.monotonic() - started > give_up:
                break
            try:
                sock.send(bytes([byte]))
            except OSError:
                return time.monotonic() - started, b""
            try:
                answer = sock.recv(4096)
                return time.monotonic() - started, answer
            except TimeoutError:
                continue
            except ConnectionResetError:
                return time.monotonic() - started, b""
    return time.monotonic() - started, b"<still open>"


def _idle(port: int, first: bytes, give_up: float) -> tuple[float, bytes]:
    """Sends ``first`` (maybe nothing) and then nothing; returns when the server closed (seconds, what it sent)."""
    started = time.monotonic()
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=give_up, source_address=(RAW_ATTACKER, 0)) as sock:
        if first:
            sock.sendall(first)
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            return time.monotonic() - started, b"<still open>"
        except ConnectionResetError:
            pass
    return time.monotonic() - started, received


def test_slow_and_idle_connections_are_closed_by_every_server(clinic: Clinic) -> None:
    """All at once (they take the servers' timeouts): a head sent a byte a second, a body that stops, a silent
    connection and one kept alive after an answer, against Rasa, the action server and the page server."""
    rasa, actions, page = _ports(clinic)
    head = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: yes\r\n" * 50
    body_stops = _framed(REST, [("Content-Length", "44")], b'{"sender": "x"')
    kept_alive = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    give_up = 60.0
    jobs = {
        "rasa slow head": (lambda: _drip(rasa, head, 1.0, give_up), HEAD_SECONDS),
        "actions slow head": (lambda: _drip(actions, head, 1.0, give_up), HEAD_SECONDS),
        "page slow head": (lambda: _drip(page, head, 1.0, give_up), REQUEST_SECONDS),
        "rasa body stops": (lambda: _idle(rasa, body_stops, give_up), BODY_SECONDS),
        "rasa silent": (lambda: _idle(rasa, b"", give_up), IDLE_SECONDS),
        "actions silent": (lambda: _idle(actions, b"", give_up), IDLE_SECONDS),
        "page silent": (lambda: _idle(page, b"", give_up), REQUEST_SECONDS),
        "rasa kept alive": (lambda: _idle(rasa, kept_alive, give_up), IDLE_SECONDS),
        "page kept alive": (lambda: _idle(page, kept_alive, give_up), REQUEST_SECONDS),
    }
    results: dict[str, tuple[float, bytes]] = {}
    threads = [
        threading.Thread(target=lambda n=name, job=job: results.__setitem__(n, job()), daemon=True)
        for name, (job, _) in jobs.items()
    ]
    for thread in threads:
        thread.start()
    time.sleep(2)
    _all_alive(clinic)  # the servers serve others while these connections wait
    for thread in threads:
        thread.join(give_up + 10)
    for name, (_, bound) in jobs.items():
        seconds, answer = results[name]
        assert answer != b"<still open>", f"{name}: still open after {seconds:.0f} s"
        assert seconds <= bound + CHECK_SLACK, f"{name}: closed after {seconds:.1f} s (bound {bound} s)"
        assert b" 5" not in answer.split(b"\r\n", 1)[0], f"{name}: {answer[:80]!r}"
    for name in ("rasa slow head", "actions slow head", "rasa body stops"):
        assert results[name][1].startswith(b"HTTP/1.1 408"), (name, results[name][1][:80])
    _all_alive(clinic)


def test_the_page_server_lets_go_of_idle_connections_threads(clinic: Clinic) -> None:
    """Fifty silent connections hold a thread each only until the request deadline."""
    page = clinic.page.server_address[1]
    before = threading.active_count()
    sockets = [socket.create_connection(("127.0.0.1", page), source_address=(RAW_ATTACKER, 0)) for _ in range(50)]
    try:
        time.sleep(1)
        assert threading.active_count() >= before + 40  # one thread per open connection, for now
        deadline = time.monotonic() + REQUEST_SECONDS + CHECK_SLACK
        while threading.active_count() > before + 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert threading.active_count() <= before + 2, threading.active_count() - before
    finally:
        for sock in sockets:
            sock.close()
    _all_alive(clinic)


def test_no_message_text_in_rasas_warnings(clinic: Clinic) -> None:
    """Rasa warns about an ``/intent{...}`` with an unknown entity by quoting the whole message; it is redacted."""
    for number in range(3):
        sender = f"raw-{uuid.uuid4().hex[:8]}"
        text = '/book_appointment{"phone": "' + SECRET_PHONE.replace("42", f"4{number}") + '"}'
        assert clinic.stack.rest(sender, text, client=RAW_ATTACKER)
    assert clinic.stack.rest(f"raw-{uuid.uuid4().hex[:8]}", '/book_appointment{"phone": "' + SECRET_PHONE + '"}')


def test_what_the_servers_logged_meanwhile_has_no_traceback_and_no_text(
    clinic: Clinic, log_marks: dict[str, int]
) -> None:
    """After every attack above (hundreds of refused requests): no traceback, no message text, few lines."""
    stack = clinic.stack
    time.sleep(1)
    for name, mark in log_marks.items():
        with (stack.workdir / name).open("rb") as log:
            log.seek(mark)
            logged = log.read().decode("utf-8", "replace")
        assert "Traceback" not in logged, logged[logged.find("Traceback") - 500 :][:3000]
        assert "Exception occurred" not in logged, logged[:3000]
        assert SECRET_PHONE[:-2] not in logged, "a message's phone number was logged"
        assert len(logged.splitlines()) < 100, f"{name}: {len(logged.splitlines())} lines for a few hundred requests"
    assert get(stack.rasa_port, "/").status == 200
