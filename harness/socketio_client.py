"""A raw socket.io client over engine.io long-polling (protocol 4), as the clinic page's widget speaks it.

Plain urllib, so a test controls every byte a client sends (a stolen session id, a forged owner token,
a malformed packet) and does not depend on the installed python-socketio's client.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urlencode

SEPARATOR = "\x1e"
"""engine.io 4 joins the packets of one polling payload with a record separator."""


@dataclass
class PollingClient:
    server: str
    origin: str
    owner: str | None = None
    sid: str = ""
    inbox: list[tuple[str, Any]] = field(default_factory=list)

    def url(self) -> str:
        query = {"EIO": "4", "transport": "polling"}
        if self.owner is not None:
            query["owner"] = self.owner
        if self.sid:
            query["sid"] = self.sid
        return f"{self.server}/socket.io/?{urlencode(query)}"

    def request(self, body: bytes | None = None, timeout: float = 10) -> tuple[int, str]:
        request = urllib.request.Request(self.url(), data=body, headers={"Origin": self.origin})
        if body is not None:
            request.add_header("Content-Type", "text/plain;charset=UTF-8")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                self.answered(response.headers)
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            self.answered(error.headers)
            return error.code, error.read().decode("utf-8", "replace")

    def answered(self, headers: Message) -> None:
        """Called with each answer's headers (a subclass notes which server answered)."""

    def open(self) -> str:
        """Handshake and socket.io CONNECT; returns the server's answer packet ("40{...}" or "44{...}")."""
        status, text = self.request()
        assert status == 200 and text.startswith("0"), (status, text[:200])
        self.sid = json.loads(text[1:])["sid"]
        self.send("40")
        packets = self.poll()
        return next(p for p in packets if p.startswith("4"))

    def send(self, payload: str) -> int:
        status, _ = self.request(payload.encode("utf-8"))
        return status

    def emit(self, event: str, data: Any) -> int:
        return self.send("42" + json.dumps([event, data]))

    def poll(self, timeout: float = 10) -> list[str]:
        """One long-poll: the packets waiting (pings answered); [] when nothing came within ``timeout``."""
        try:
            status, text = self.request(timeout=timeout)
        except TimeoutError:
            return []
        assert status == 200, (status, text[:200])
        packets = text.split(SEPARATOR)
        for packet in packets:
            if packet == "2":
                self.send("3")
            elif packet.startswith("42"):
                name, *args = json.loads(packet[2:])
                self.inbox.append((name, args[0] if args else None))
        return packets

    def wait_for(self, event: str, count: int = 1, timeout: float = 30) -> list[Any]:
        """Polls until ``count`` events named ``event`` arrived; returns their data."""

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [data for name, data in self.inbox if name == event]
            if len(found) >= count:
                return found
            self.poll(timeout=max(0.5, min(10.0, deadline - time.monotonic())))
        raise AssertionError(f"{event} x{count} not received in {timeout}s; got {self.inbox!r}")

    def texts(self) -> list[str]:
        return [
            str(data.get("text", "")) for name, data in self.inbox if name == "bot_uttered" and isinstance(data, dict)
        ]

    def wait_for_text(self, text: str, timeout: float = 30) -> str:
        """The latest bot message containing ``text``, polling until it comes (AssertionError after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [t for t in self.texts() if text in t]
            if found:
                return found[-1]
            self.poll(timeout=5)
        raise AssertionError(f"{text!r} not received; got {self.texts()}")

    def start_session(self, session_id: str | None = None) -> str:
        """What the widget does once connected: ask for a session, get one confirmed."""
        assert self.open().startswith("40{"), "connection refused"
        self.emit("session_request", {"session_id": session_id})
        return str(self.wait_for("session_confirm")[-1])

    def say(self, session_id: str, text: str) -> int:
        return self.emit("user_uttered", {"message": text, "session_id": session_id, "customData": {"language": "en"}})
