"""The Rasa server's response headers: CORS for exactly the configured origins, no version, no framing, no sniffing.

What Rasa 3.6 sends (``rasa.server.configure_cors``, ``add_root_route``, through sanic-cors 2.0):

* ``Access-Control-Allow-Origin`` echoes any ``Origin`` that matches a configured one *ignoring case*
  (``HTTP://LOCALHOST:8080``), with ``Access-Control-Allow-Credentials: true``, and sends the configured
  origin even to requests with no ``Origin`` at all;
* ``GET /`` answers "Hello from Rasa: 3.6.21", the exact version for anyone to look up.

Here one response middleware, run after sanic-cors on every response (errors included), keeps the CORS
headers only when the request's ``Origin`` is, byte for byte, one of ``--cors`` (with ``*``: any origin,
answered ``*``), never allows credentials (the widget sends no cookies: its owner token travels in the
socket URL), says ``Vary: Origin``, drops the version from ``GET /`` and adds the headers an API
response should carry: nothing may frame or run it (``Content-Security-Policy: default-src 'none';
frame-ancestors 'none'``, ``X-Frame-Options: DENY``), no content sniffing, no referrer.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

import rasa.core.run
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from server_tuning import pinning

TARGET = "rasa.core.run.configure_app"
STOCK = rasa.core.run.configure_app
"""Rasa's own function, as imported (before :func:`install` replaces it)."""

HELLO = b"Hello from Rasa"
"""What ``GET /`` answers (the health check of the harness, the scaled stack and any monitor): no version."""
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""On every Rasa response: JSON and text for scripts, never a document to render or frame."""


def allowed_origins(cors: str | Iterable[str] | None) -> frozenset[str]:
    """The origins ``--cors`` names (Rasa takes one string or a list), without trailing slashes."""
    if cors is None:
        return frozenset()
    names = [cors] if isinstance(cors, str) else list(cors)
    return frozenset(name.strip().rstrip("/") for name in names if name.strip())


def fix_cors(origin: str | None, headers: Any, allowed: frozenset[str]) -> None:
    """Keeps sanic-cors's headers only for an ``origin`` exactly in ``allowed``; never allows credentials."""
    headers.pop("Access-Control-Allow-Credentials", None)
    if "Access-Control-Allow-Origin" not in headers:
        return
    if "*" in allowed:
        headers["Access-Control-Allow-Origin"] = "*"
    elif origin is None or origin not in allowed:
        for name in [name for name in headers if name.lower().startswith("access-control-")]:
            del headers[name]
        return
    else:
        headers["Access-Control-Allow-Origin"] = origin
    headers["Vary"] = "Origin"


def harden(app: Sanic, allowed: frozenset[str]) -> None:
    """Adds the response middleware to ``app``, last in line (after sanic-cors's, added when the server starts)."""

    async def response_headers(request: Request, response: HTTPResponse) -> None:
        if response is None:  # websockets
            return
        fix_cors(request.headers.get("origin"), response.headers, allowed)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path == "/" and isinstance(response.body, bytes) and response.body.startswith(HELLO + b":"):
            response.body = HELLO

    async def add_last(running: Sanic, _loop: Any) -> None:
        running.response_middleware.append(response_headers)  # type: ignore[arg-type]

    app.register_listener(add_last, "before_server_start")


def configure_app(*args: Any, **kwargs: Any) -> Sanic:
    """Rasa's ``configure_app``, then :func:`harden` with the origins it was given (``cors``)."""
    app: Sanic = STOCK(*args, **kwargs)
    cors = inspect.signature(STOCK).bind(*args, **kwargs).arguments.get("cors")
    harden(app, allowed_origins(cors))
    return app


def install() -> bool:
    """Replaces Rasa's ``configure_app`` (called by ``serve_application``) when it is still the one written for."""
    if rasa.core.run.configure_app is configure_app:
        return True
    if not pinning.unchanged(TARGET):
        return False
    rasa.core.run.configure_app = configure_app
    return True
