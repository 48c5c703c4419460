"""The clinic page served next to a real Rasa stack, and a real Chromium to look at it (tests and bench share it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Playwright, Route, ViewportSize

from harness.stack import Stack, free_port
from web.serve import ChatSettings, PageConfig, make_server

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
def page_server(rasa_url: str, port: int = 0, message_delay_ms: int | None = 20) -> Iterator[PageServer]:
    """The real page server (web/serve.py) in a thread; ``port=0`` picks a free one."""
    config = PageConfig(host="127.0.0.1", port=port, chat=ChatSettings(rasa_url, message_delay_ms=message_delay_ms))
    server = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield PageServer(server, page_origin(server.server_address[1]) + "/")
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def only_local(route: Route) -> None:
    """Block everything off this machine (rasa-webchat's CSS asks a font CDN for a web font)."""
    if route.request.url.startswith(("http://127.0.0.1:", "http://localhost:")):
        route.continue_()
    else:
        route.abort()


def new_context(browser: Browser, *, phone: bool = False) -> BrowserContext:
    """A fresh visitor: own cookies and session storage, outside requests blocked."""
    if phone:
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    else:
        context = browser.new_context(viewport=DESKTOP)
    context.route("**/*", only_local)
    return context


__all__ = ["DESKTOP", "PHONE", "PageServer", "free_port", "launch", "new_context", "page_server", "web_stack"]
