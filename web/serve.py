"""The clinic's page server: the page (rendered from the content module), the chat widget and the pose pictures.

Standard library only; it serves a handful of files and one rendered page, so it needs no framework.
The widget itself talks straight to the Rasa server's socket.io channel (``--rasa-url``); the page's
origin must be the one the channel allows (``WEB_ORIGIN``, see channels/socketio.py). Each page
carries a fresh owner token signed with ``SESSION_SECRET`` (channels/session_token.py): the page keeps
the first one it gets and opens its socket with it, so its chat session is its own.
Anything but GET/HEAD of a known file gets a 4xx (a NUL byte or a strange method included), never a 5xx.
Every answer carries the page's security headers (``security_headers``: a Content-Security-Policy that allows
only this origin and the Rasa URL, no framing unless ``--frame-ancestors`` says who may, no referrer) and no
version. A connection must deliver each request within ``REQUEST_SECONDS`` (from its opening or the previous
answer), so an idle or slow client does not keep its thread, and at most ``MAX_CONNECTIONS`` are served at once.

    python -m web.serve --port 8080 --rasa-url http://localhost:5005
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import mimetypes
import os
import re
import socket
import sys
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

from channels.session_token import SessionSigner
from pacing import reminder
from stretch_content import Content, load_content

REMINDER_PATH = "/reminder.ics"
"""A stretching reminder's calendar file (the link the coach gives carries it, signed)."""

ROOT = Path(__file__).resolve().parents[1]
WEB = Path(__file__).resolve().parent
STATIC = WEB / "static"
POSES = STATIC / "poses"
WIDGET_BUNDLE = ROOT / "node_modules" / "rasa-webchat" / "lib" / "index.js"
TEMPLATE = WEB / "templates" / "index.html"
EMBED_TEMPLATE = WEB / "templates" / "embed.js"
EMBED_SETTINGS = "/*PAGE_SETTINGS*/ null"
"""Stands in embed.js for the page server's settings (JSON), written in at start."""
OWNER_PLACEHOLDER = "__OWNER_TOKEN__"
"""Stands in the rendered page for the owner token, replaced on each request."""
REQUEST_SECONDS = 10.0
"""Each request (its line and headers) must be in within this of the connection opening or the previous answer."""
SEND_SECONDS = 30.0
"""Writing an answer (the widget's bundle is 1.5 MB) may take this long."""
MAX_CONNECTIONS = 256
"""Connections served at once (a thread each); more are closed at once, until one ends."""
REMOTE_IMPORT = re.compile(rb"@import url\(https?://[^)]*\);")
"""A CSS ``@import`` of another site in the widget's bundle: rasa-webchat 1.0.1 asks Google Fonts for its font."""
NO_FRAMING = "'none'"
"""The default of ``--frame-ancestors``: no site may show the page in a frame."""

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChatSettings:
    """What the page's script needs to start the widget; sent to the browser as JSON."""

    rasa_url: str
    init_payload: str = "/greet"
    message_delay_ms: int | None = 300
    """Fixed delay before each bot message. None keeps the widget's own typing delay (30 ms a character,
    800-3000 ms), which makes a four-message step wait up to 12 s; 300 ms keeps a short "typing" pause."""


@dataclass(frozen=True)
class PageConfig:
    host: str
    port: int
    chat: ChatSettings
    frame_ancestors: str = NO_FRAMING
    """Who may frame the page: a CSP ``frame-ancestors`` source list (``WEB_FRAME_ANCESTORS``, e.g. the clinic's
    own site ``https://www.example-clinic.com`` to embed it there); ``'none'`` also sends ``X-Frame-Options: DENY``."""
    chat_origins: tuple[str, ...] = ()
    """The origins whose pages show the chat (``WEB_ORIGIN``, comma-separated, the same setting Rasa's socket.io
    channel and CORS read): the clinic page and every site that embeds the chat with embed.js. Their requests get
    ``Access-Control-Allow-Origin`` (the owner token that embed.js fetches needs it); any other origin gets none."""


def chat_origins(raw: str) -> tuple[str, ...]:
    """``WEB_ORIGIN``'s list (comma-separated, trailing slashes dropped); ``*`` is refused, as the channel does."""
    origins = tuple(dict.fromkeys(o.strip().rstrip("/") for o in raw.split(",") if o.strip()))
    if "*" in origins:
        raise ValueError("WEB_ORIGIN must name the origins that show the chat, not '*'")
    return origins


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def security_headers(config: PageConfig, picture_base_url: str | None = None) -> dict[str, str]:
    """The headers every answer of the page server carries.

    Scripts, styles, fonts and pictures come from the page's own origin (pictures also from
    ``picture_base_url``'s, the ``POSE_IMAGE_BASE_URL`` the replies point to, when it is elsewhere), and the
    page talks only to itself and the Rasa URL. rasa-webchat adds its CSS in ``<style>`` elements, hence
    ``'unsafe-inline'`` for styles only, with its icon fonts as ``data:`` URLs; no inline or evaluated script
    runs. The web font its CSS asked Google Fonts for is taken out of the bundle as it is served
    (``widget_bundle``); the page's system font stack applies.
    """
    images = ["'self'", "data:"]
    if picture_base_url:
        images.append(_origin(picture_base_url))
    policy = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self' 'unsafe-inline'",
        "font-src": "'self' data:",
        "img-src": " ".join(dict.fromkeys(images)),
        "connect-src": f"'self' {_origin(config.chat.rasa_url)}",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": config.frame_ancestors,
    }
    headers = {
        "Content-Security-Policy": "; ".join(f"{name} {value}" for name, value in policy.items()),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if config.frame_ancestors.strip() == NO_FRAMING:
        headers["X-Frame-Options"] = "DENY"
    return headers


class DeadlineReader(io.RawIOBase):
    """A socket read with one deadline for the whole request, however slowly its bytes come."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock
        self.deadline = time.monotonic() + REQUEST_SECONDS

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request took too long")
        self.sock.settimeout(remaining)
        return self.sock.recv_into(buffer)


def widget_bundle(path: Path = WIDGET_BUNDLE) -> bytes:
    """rasa-webchat's bundle without its requests to other sites (the web font; the page's CSS names system fonts).

    Its styles are strings in the script, injected as ``<style>`` elements; each starts with an ``@import`` of
    fonts.googleapis.com, a request to a third party from every visitor (blocked by the page's CSP, but not by a
    clinic's site that embeds the chat)."""
    return REMOTE_IMPORT.sub(b"", path.read_bytes())


def chat_settings(content: Content, chat: ChatSettings) -> dict[str, Any]:
    """What chat.js starts the widget with (the owner token aside): the clinic page's and embed.js's alike."""
    clinic = content.clinic
    return {
        **asdict(chat),
        "phone": clinic.phone,
        "phone_link": f"tel:+1{clinic.phone_digits}",
        "illustrations": dict(content.illustrations),
    }


def render_embed(content: Content, chat: ChatSettings) -> bytes:
    """embed.js with the page server's settings written in (the script a clinic's site loads)."""
    template = EMBED_TEMPLATE.read_text(encoding="utf-8")
    if EMBED_SETTINGS not in template:
        raise ValueError(f"{EMBED_TEMPLATE} lost its settings marker {EMBED_SETTINGS!r}")
    settings = json.dumps(chat_settings(content, chat)).replace("</", "<\\/")
    return template.replace(EMBED_SETTINGS, settings).encode()


def render_page(content: Content, chat: ChatSettings) -> str:
    """The clinic page with the clinic's own details; everything comes from the content module."""
    clinic = content.clinic
    stretches = "".join(f"<li>{escape(s.name)}</li>" for s in content.stretches)
    settings = {**chat_settings(content, chat), "owner_token": OWNER_PLACEHOLDER}
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        clinic_name=escape(clinic.name),
        clinic_area=escape(clinic.area),
        consult=escape(clinic.consult),
        stop_if_it_hurts=escape(clinic.stop_if_it_hurts),
        phone=escape(clinic.phone),
        phone_link=quoteattr(f"tel:+1{clinic.phone_digits}"),
        stretches=stretches,
        # "</" cannot end the JSON's <script> element early once escaped
        settings=json.dumps(settings).replace("</", "<\\/"),
    )


class PageHandler(BaseHTTPRequestHandler):
    """GET only: the page, /static/*, /poses/*.svg, /webchat.js (rasa-webchat's bundle), /embed.js and
    /embed/owner (a clinic's own site: the script and an owner token), and /health."""

    server_version = "ClinicPage"
    default_request_version = "HTTP/1.0"
    """Errors in a request line too broken to name a version still get a status line (the default is 0.9)."""

    def __init__(
        self,
        *args: Any,
        page: str,
        bundle: bytes,
        embed: bytes,
        signer: SessionSigner,
        headers: dict[str, str],
        origins: tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        self.page = page
        self.bundle = bundle
        self.embed = embed
        self.origins = origins
        self.signer = signer
        self.headers_for_all = headers
        self.head_only = False
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        self.reader = DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self.reader)

    def handle_one_request(self) -> None:
        self.reader.deadline = time.monotonic() + REQUEST_SECONDS
        super().handle_one_request()

    def version_string(self) -> str:
        """No versions (the standard library's default names its own and Python's)."""
        return self.server_version

    def end_headers(self) -> None:
        self.connection.settimeout(SEND_SECONDS)
        for name, value in self.headers_for_all.items():
            self.send_header(name, value)
        if self.origins:
            origin = getattr(self, "headers", None) and self.headers.get("Origin")
            if origin in self.origins:
                self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
        super().end_headers()

    def do_HEAD(self) -> None:
        self.head_only = True
        self.do_GET()

    def __getattr__(self, name: str) -> Any:
        """Every other method (POST, PUT, or anything a client makes up) is refused with 405."""
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def parse_request(self) -> bool:
        """The standard parser, minus HTTP/0.9 (answers without a status line, which no browser needs).

        A request line of two words (HTTP/0.9) is refused before the standard parser, which would wait for
        headers that an HTTP/0.9 client never sends."""
        line = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        if len(line.split()) == 2:
            self.command, self.requestline = None, line  # type: ignore[assignment]
            self.request_version = self.default_request_version
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST, "only HTTP/1.x is served")
            return False
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9" or not self.request_version.startswith("HTTP/1."):
            self.request_version = self.default_request_version
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST, "only HTTP/1.x is served")
            return False
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard library's own errors, with its 5xx for a malformed request line made a 400."""
        super().send_error(HTTPStatus.BAD_REQUEST if code >= 500 else code, message, explain)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if "\x00" in path:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
        elif path in ("/", "/index.html"):
            page = self.page.replace(OWNER_PLACEHOLDER, self.signer.issue())
            self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8", cache=False)
        elif path == "/health":
            self._send(HTTPStatus.OK, b'{"status": "ok"}', "application/json", cache=False)
        elif path == "/embed.js":
            self._send(HTTPStatus.OK, self.embed, "text/javascript; charset=utf-8")
        elif path == "/embed/owner":
            owner = json.dumps({"owner_token": self.signer.issue()}).encode()
            self._send(HTTPStatus.OK, owner, "application/json", cache=False)
        elif path == "/webchat.js":
            self._send(HTTPStatus.OK, self.bundle, "text/javascript; charset=utf-8")
        elif path.startswith("/poses/"):
            self._file(POSES / path.removeprefix("/poses/"), within=POSES)
        elif path.startswith("/static/"):
            self._file(STATIC / path.removeprefix("/static/"), within=STATIC)
        elif path == REMINDER_PATH:
            self._reminder(urlsplit(self.path).query)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

    def _reminder(self, query: str) -> None:
        """A stretching reminder's calendar file, from the signed link the coach gave (pacing/reminder.py)."""
        fields = parse_qs(query)
        found = reminder.verify(
            self.signer.secret, (fields.get("r") or [""])[0], (fields.get("sig") or [""])[0], time.time()
        )
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found (or the link has expired)", "text/plain", cache=False)
            return
        event, tag = found
        stamp = datetime.now(UTC).replace(tzinfo=None)
        uid = f"{tag}-{event.start.strftime('%Y%m%dT%H%M')}@stretch-coach"
        body = reminder.ics(event, load_content().clinic, uid, stamp)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("Content-Disposition", 'attachment; filename="stretch-reminder.ics"')
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not self.head_only:
            self.wfile.write(body)
        self.head_only = False

    def _file(self, path: Path, within: Path | None = None) -> None:
        try:
            resolved = path.resolve()
            found = resolved.is_file() and (within is None or resolved.is_relative_to(within.resolve()))
        except (OSError, ValueError):  # a name too long, or one the file system cannot hold
            found = False
        if not found:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
            return
        kind = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, resolved.read_bytes(), kind)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, *, cache: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
        self.end_headers()
        if not self.head_only:
            self.wfile.write(body)
        self.head_only = False

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)


class PageServer(ThreadingHTTPServer):
    """Threads per connection; a client that hangs up early is its own business, not a logged traceback."""

    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection while fewer than ``MAX_CONNECTIONS`` are open; otherwise closed at once."""
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            logger.debug("client %s went away: %s", client_address, error)
        else:
            super().handle_error(request, client_address)


def make_server(
    config: PageConfig, content: Content | None = None, signer: SessionSigner | None = None
) -> ThreadingHTTPServer:
    """A page server bound to ``config.host:config.port`` (port 0 picks a free one); call serve_forever().

    ``signer`` signs the owner tokens; by default from ``SESSION_SECRET``, which Rasa must share."""
    if not WIDGET_BUNDLE.is_file():
        raise SystemExit(f"{WIDGET_BUNDLE} is missing: run `make web-deps` (npm ci)")
    content = content or load_content()
    page = render_page(content, config.chat)
    headers = security_headers(config, os.environ.get("POSE_IMAGE_BASE_URL"))
    handler = partial(
        PageHandler,
        page=page,
        bundle=widget_bundle(),
        embed=render_embed(content, config.chat),
        signer=signer or SessionSigner.from_env(),
        headers=headers,
        origins=config.chat_origins,
    )
    return PageServer((config.host, config.port), handler)


def parse_args(argv: list[str] | None = None) -> PageConfig:
    env = os.environ
    parser = argparse.ArgumentParser(description="Serve the clinic page with the stretch coach chat.")
    parser.add_argument("--host", default=env.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env.get("WEB_PORT", "8080")))
    parser.add_argument(
        "--rasa-url",
        default=env.get("RASA_URL", "http://localhost:5005"),
        help="the Rasa server as the browser reaches it (socket.io channel)",
    )
    parser.add_argument(
        "--message-delay-ms",
        type=int,
        default=int(env.get("WEB_MESSAGE_DELAY_MS", "300")),
        help="fixed delay before each bot message in ms (default 300; negative: the widget's typing delay)",
    )
    parser.add_argument(
        "--frame-ancestors",
        default=env.get("WEB_FRAME_ANCESTORS", NO_FRAMING),
        help="who may show the page in a frame: a CSP frame-ancestors list (default 'none': no one)",
    )
    parser.add_argument(
        "--chat-origins",
        default=env.get("WEB_ORIGIN", ""),
        help="origins whose pages show the chat, comma-separated (env WEB_ORIGIN): CORS for embed.js's requests",
    )
    args = parser.parse_args(argv)
    delay = args.message_delay_ms if args.message_delay_ms >= 0 else None
    chat = ChatSettings(rasa_url=args.rasa_url.rstrip("/"), message_delay_ms=delay)
    return PageConfig(
        host=args.host,
        port=args.port,
        chat=chat,
        frame_ancestors=args.frame_ancestors,
        chat_origins=chat_origins(args.chat_origins),
    )


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = parse_args(argv)
    server = make_server(config)
    host, port = server.server_address[:2]
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    logger.info("clinic page on http://%s:%s (chat talks to %s)", shown, port, config.chat.rasa_url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
