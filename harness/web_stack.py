"""The clinic page served next to a real Rasa stack, and a real Chromium to look at it (tests and bench share it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from typing import Any

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Playwright, Request, Route, ViewportSize

from harness.stack import ROOT, Stack, free_port
from web.serve import ChatSettings, PageConfig, make_server
from web.serve import chat_origins as chat_origins_of

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)


def page_origin(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def chat_origins(*ports: int) -> str:
    """``WEB_ORIGIN`` for pages on these ports (the clinic page, the example host page): comma-separated."""
    return ",".join(page_origin(port) for port in ports)


def web_stack(workdir: Path, page_port: int) -> Stack:
    """Rasa and the action server, set up for a page on ``page_port``: its origin, its picture URLs."""
    origin = page_origin(page_port)
    env = {"WEB_ORIGIN": origin, "POSE_IMAGE_BASE_URL": f"{origin}/poses/"}
    return Stack(workdir=workdir, cors=origin, env=env)


@dataclass
class PageServer:
    server: ThreadingHTTPServer
    url: str


@contextmanager
def _serving(server: ThreadingHTTPServer) -> Iterator[PageServer]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield PageServer(server, page_origin(server.server_address[1]) + "/")
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def page_server(
    rasa_url: str, port: int = 0, message_delay_ms: int | None = 20, origins: str = ""
) -> Iterator[PageServer]:
    """The real page server (web/serve.py) in a thread; ``port=0`` picks a free one. ``origins``: ``WEB_ORIGIN``."""
    chat = ChatSettings(rasa_url, message_delay_ms=message_delay_ms)
    config = PageConfig(host="127.0.0.1", port=port, chat=chat, chat_origins=chat_origins_of(origins))
    with _serving(make_server(config)) as running:
        yield running


EXAMPLE_HOST = ROOT / "web" / "example_host" / "index.html"


def host_policy(chat_server: str, rasa_url: str) -> str:
    """The Content-Security-Policy a clinic's site needs for the chat (docs/web.md): the page server and Rasa only."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {chat_server}",
            f"style-src 'unsafe-inline' {chat_server}",
            f"img-src data: {chat_server}",
            f"connect-src {chat_server} {rasa_url}",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


class HostHandler(BaseHTTPRequestHandler):
    """A clinic's own site on an origin of its own: the example page (web/example_host/) and nothing else."""

    page = b""
    policy = ""

    def do_GET(self) -> None:
        found = self.path in ("/", "/index.html")
        body = self.page if found else b"not found"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8" if found else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", self.policy)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def host_page_server(chat_server: str, rasa_url: str, port: int = 0) -> Iterator[PageServer]:
    """The example clinic site with the embed snippet pointing at ``chat_server`` (the page server) and Rasa."""
    chat_server = chat_server.rstrip("/")
    page = Template(EXAMPLE_HOST.read_text(encoding="utf-8")).substitute(chat_server=chat_server, rasa_url=rasa_url)
    handler = type("Host", (HostHandler,), {"page": page.encode(), "policy": host_policy(chat_server, rasa_url)})
    with _serving(ThreadingHTTPServer(("127.0.0.1", port), handler)) as running:
        yield running


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


LOOPBACK = ("http://127.0.0.1:", "http://localhost:")
"""Where the tests' page server, example host page and Rasa server all listen: any other host is a third party."""
NOT_A_HOST = ("data:", "blob:", "about:")
off_site: list[str] = []
"""Every request a test browser made, or tried to make and a Content-Security-Policy refused, to another host.

The tests' servers are all on loopback, so anything else (a font CDN, analytics) is a third party that a clinic's
visitor would be sent to. tests/browser/conftest.py empties it before each test and fails the test if it is not
empty after."""
CSP_REPORT = "off-site blocked by the page's policy: "
REPORT_CSP_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation', e => console.error("
    f"{CSP_REPORT!r} + e.violatedDirective + ' ' + e.blockedURI));"
)


def only_local(route: Route) -> None:
    """Block everything off this machine (nothing the page asks for may leave it; see ``off_site``)."""
    if route.request.url.startswith(LOOPBACK):
        route.continue_()
    else:
        route.abort()


def _off_site(url: str) -> bool:
    return not url.startswith(LOOPBACK + NOT_A_HOST) and url not in ("", "inline", "eval")


def _note_request(request: Request) -> None:
    if _off_site(request.url):
        off_site.append(request.url)


def _note_console(message: ConsoleMessage) -> None:
    if message.text.startswith(CSP_REPORT):
        blocked = message.text.rsplit(" ", 1)[-1]
        if _off_site(blocked):
            off_site.append(message.text)


def new_context(browser: Browser, *, phone: bool = False, **options: Any) -> BrowserContext:
    """A fresh visitor: own cookies and session storage, outside requests blocked and noted in ``off_site``.

    ``options`` go to Playwright's ``new_context`` (a viewport, ``reduced_motion``, a device scale factor)."""
    if phone:
        options = {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True} | options
    context = browser.new_context(**({"viewport": DESKTOP} | options))
    context.on("request", _note_request)
    context.on("console", _note_console)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.route("**/*", only_local)
    return context


__all__ = [
    "DESKTOP",
    "PHONE",
    "PageServer",
    "chat_origins",
    "free_port",
    "host_page_server",
    "launch",
    "new_context",
    "off_site",
    "page_server",
    "web_stack",
]
