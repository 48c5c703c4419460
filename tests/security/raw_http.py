"""Requests sent byte for byte over a socket, as an attacker sends them: no HTTP client to fix their framing.

``exchange`` sends the bytes and reads one answer: its status line, headers and the body its
``Content-Length`` announces, then whether the server closed the connection. ``probe`` is the liveness
check the raw suites run after each attack: each server answers a fresh ``GET`` at once.
"""

from __future__ import annotations

import contextlib
import socket
import time
from dataclasses import dataclass, field

LOOPBACK = "127.0.0.1"
RAW_ATTACKER = "127.0.0.11"
"""Where the raw attacks come from (their own address: their rate limit is no one else's)."""
RAW_FUZZER = "127.0.0.12"
"""Where the raw framing fuzz comes from."""


@dataclass
class Answer:
    """What came back: ``status`` None when the connection closed (or timed out) before any status line."""

    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seconds: float = 0.0
    closed: bool = False
    """The server closed the connection after its answer (or instead of one)."""
    timed_out: bool = False
    raw_head: bytes = b""

    @property
    def clean(self) -> bool:
        """A 4xx, or a close without an answer: never a 5xx, never a hang."""
        if self.timed_out:
            return False
        return (self.status is None and self.closed) or (self.status is not None and 400 <= self.status < 500)


def _read_until(sock: socket.socket, buffer: bytearray, marker: bytes, deadline: float) -> bool:
    while marker not in buffer:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = sock.recv(65536)
        if not chunk:
            return False
        buffer += chunk
    return True


def exchange(
    port: int,
    data: bytes,
    *,
    timeout: float = 10.0,
    source: str = RAW_ATTACKER,
    close_wait: float = 1.0,
) -> Answer:
    """Sends ``data`` as is and reads one answer within ``timeout``; then waits up to ``close_wait`` for a close."""
    started = time.monotonic()
    deadline = started + timeout
    buffer = bytearray()
    with socket.create_connection((LOOPBACK, port), timeout=timeout, source_address=(source, 0)) as sock:
        with contextlib.suppress(OSError):  # the server may refuse and close before reading everything
            sock.sendall(data)
        try:
            if not _read_until(sock, buffer, b"\r\n\r\n", deadline):
                return Answer(None, closed=True, seconds=time.monotonic() - started, raw_head=bytes(buffer))
        except TimeoutError:
            return Answer(None, timed_out=True, seconds=time.monotonic() - started, raw_head=bytes(buffer))
        except ConnectionResetError:
            return Answer(None, closed=True, seconds=time.monotonic() - started)
        head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        parts = status_line.split(" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[0].startswith("HTTP/") and parts[1].isdigit() else None
        headers: dict[str, str] = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = bytearray(rest)
        length = int(headers.get("content-length", "0") or 0)
        try:
            while len(body) < length:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = sock.recv(65536)
                if not chunk:
                    break
                body += chunk
        except TimeoutError:
            return Answer(status, headers, bytes(body), time.monotonic() - started, timed_out=True, raw_head=head)
        seconds = time.monotonic() - started
        closed = False
        try:
            sock.settimeout(close_wait)
            closed = sock.recv(1) == b""
        except TimeoutError:
            closed = False
        except ConnectionResetError:
            closed = True
        return Answer(status, headers, bytes(body), seconds, closed=closed, raw_head=head)


def get(port: int, path: str = "/", headers: dict[str, str] | None = None, *, source: str = LOOPBACK) -> Answer:
    """A well-formed ``GET`` that asks the server to close afterwards."""
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return exchange(port, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), source=source, timeout=10.0)


def probe(rasa_port: int, action_port: int, page_port: int) -> dict[str, bool]:
    """Each server answers a fresh GET within 10 s: Rasa's ``/``, the action server's and the page's ``/health``."""
    return {
        "rasa": get(rasa_port, "/").status == 200,
        "actions": get(action_port, "/health").status == 200,
        "page": get(page_port, "/health").status == 200,
    }


def request(
    method: str, path: str, headers: list[tuple[str, str]], body: bytes = b"", version: str = "HTTP/1.1"
) -> bytes:
    """A request from its parts, written exactly as given (no header added or fixed)."""
    head = f"{method} {path} {version}\r\n" + "".join(f"{name}: {value}\r\n" for name, value in headers)
    return head.encode("latin-1") + b"\r\n" + body
