"""What the security suites attack: the servers as ``make run`` starts them, with the clinic page.

They are the session's shared servers (tests/conftest.py; harness/stack.py mirrors scripts/run.sh),
which also trust the tests' Alexa CA and serve certificate chains from a local folder, so no junk
Alexa request can make the server reach for the network. The attackers send from loopback addresses
of their own (the fuzz suite from ``ATTACKER_ADDRESS``, the floods from theirs), so draining their
per-address rate limit never slows down the other suites, which talk from 127.0.0.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.server import ThreadingHTTPServer

from harness.stack import Stack

ATTACKER_ADDRESS = "127.0.0.9"
"""Where the fuzz suite's ten thousand requests come from."""


@dataclass
class Clinic:
    """The Rasa stack and the page server, with the page's origin (the only one allowed to open a socket)."""

    stack: Stack
    page: ThreadingHTTPServer
    origin: str

    @property
    def page_url(self) -> str:
        return self.origin
