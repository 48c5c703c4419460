"""The servers as ``make run`` starts them (harness/stack.py mirrors scripts/run.sh), with the clinic page.

The security suites get a stack of their own: the fuzz suite drains the per-client rate limit of
127.0.0.1, which must not slow down the other suites' stack. ``ALEXA_CERT_CHAIN_DIR`` points at an
empty directory so that no junk Alexa request can make the server reach for the network.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from harness.stack import Stack, free_port
from web.serve import ChatSettings, PageConfig, make_server


@dataclass
class Clinic:
    """The Rasa stack and the page server, with the page's origin (the only one allowed to open a socket)."""

    stack: Stack
    page: ThreadingHTTPServer
    origin: str

    @property
    def page_url(self) -> str:
        return self.origin


@contextmanager
def running_clinic(workdir: Path) -> Iterator[Clinic]:
    """Rasa, the action server and the page server, stopped on exit."""
    (workdir / "no-chains").mkdir()
    page_port = free_port()
    origin = f"http://127.0.0.1:{page_port}"
    env = {"WEB_ORIGIN": origin, "ALEXA_CERT_CHAIN_DIR": str(workdir / "no-chains")}
    stack = Stack(workdir=workdir, cors=origin, env=env)
    page = make_server(PageConfig(host="127.0.0.1", port=page_port, chat=ChatSettings(stack.url)))
    thread = threading.Thread(target=page.serve_forever, daemon=True)
    thread.start()
    try:
        yield Clinic(stack.start(), page, origin)
    finally:
        stack.stop()
        page.shutdown()
        page.server_close()
