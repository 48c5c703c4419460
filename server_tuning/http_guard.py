"""Every request head is checked before Sanic 21.12 parses it; slow heads, slow bodies and idle connections end.

Rasa 3.6.21 allows only Sanic 21.12 (``sanic>=21.12,<21.13``) and 21.12.2 is the last release of that
series, so the fixes of later Sanic versions cannot be installed. What Sanic 21.12 does with a bad head
(``Http.http1_request_header`` parses it, ``Http.read`` reads the body it announces):

* ``Content-Length: -1`` is read as ``int("-1")``; ``Http.read`` then returns ``buf[:-1]`` (empty once one
  byte is left) again and again without ever waiting: the event loop spins at 100% CPU and every channel,
  and SIGTERM, with it. One request stops the server for good.
* ``Content-Length: abc``: ``ValueError``; ``Transfer-Encoding`` other than exactly ``chunked`` (``gzip,
  chunked``, ``Chunked``): ``KeyError('content-length')``. Both a 500 with a traceback in the log.
* A NUL byte, a non-UTF-8 byte or anything httptools cannot parse in the target: the ``Request`` cannot be
  built, nor the stand-in request Sanic builds to answer the error: no answer, two tracebacks per request.
* A request line without a version (HTTP/0.9), or lines ending in a bare LF: Sanic waits for a blank line
  (CRLF CRLF) that never comes, until ``REQUEST_TIMEOUT``.
* ``REQUEST_TIMEOUT`` counts from the last byte received, so a head sent a byte every few seconds never
  times out; Rasa keeps idle connections 120 s (``--keep-alive-timeout``).

Here each connection's ``Http`` is :class:`GuardedHttp`. It waits for the head as Sanic does, for at most
:data:`HEAD_SECONDS` in all, refuses a bad request line as soon as that line is in, checks the whole head
(:func:`check_head`: the request line, every header line, one unambiguous framing) and only then lets
Sanic parse it. A refused head gets HTTP 400 (408 when too slow) and the connection closes; these are
Sanic's quiet exceptions, so nothing is logged per request. The body must arrive within
:data:`BODY_SECONDS` of its head, and a connection idle for :data:`IDLE_SECONDS` between requests is closed.
A bad chunk in a body Sanic drains after answering (a 404, a 405) closes the connection instead of
escaping as an uncaught traceback, and Sanic's "<Request: GET /health> body not consumed." (an error line
for every GET that carries a body) is logged once, not once per request.
The same guard runs in the Rasa server and the action server (both Sanic 21.12).
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from httptools import parse_url
from sanic.exceptions import InvalidUsage, RequestTimeout
from sanic.http import Http, Stage
from sanic.server.protocols import http_protocol

from server_tuning import pinning

SANIC_VERSION = "21.12.2"
"""The Sanic release this guard was written against (checked with the pinned sources)."""
TARGETS = (
    "sanic.http.Http.http1_request_header",
    "sanic.http.Http.read",
    "sanic.server.protocols.http_protocol.HttpProtocol._setup_connection",
)
"""What the guard relies on: the parser it runs before, the body reader it bounds, and where Sanic makes the
``Http`` of each connection (from the module's name ``Http``, which :func:`install` replaces)."""

HEAD_SECONDS = 10.0
"""The whole request head (request line and headers) must arrive within this, from its first byte."""
BODY_SECONDS = 30.0
"""The body must arrive within this after its head (Sanic's bound is 1 MB: about 35 KB/s at the least)."""
IDLE_SECONDS = 15.0
"""A kept-alive connection with no request for this long is closed (Rasa sets 120 s)."""

_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""RFC 9110 token: methods and header names."""
_TARGET = re.compile(rb"[\x21-\x7e]+")
"""A request target is visible ASCII (browsers percent-encode everything else)."""
_BAD_VALUE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
"""Control characters (other than tab) have no place in a header value."""
_VERSIONS = (b"HTTP/1.0", b"HTTP/1.1")
_MAX_LENGTH_DIGITS = 18
"""More digits than any body Sanic accepts (and than ``int()`` reads without its digit limit)."""


def check_request_line(line: bytes) -> str | None:
    """Why ``line`` (without its CRLF) is not ``method SP target SP HTTP/1.x``, or None when it is."""
    parts = line.split(b" ")
    if len(parts) != 3:
        return "the request line must be: method, target, HTTP version"  # HTTP/0.9 included
    method, target, version = parts
    if not _TOKEN.fullmatch(method):
        return "invalid method"
    if not _TARGET.fullmatch(target):
        return "the request target must be visible ASCII"
    if version not in _VERSIONS:
        return "only HTTP/1.0 and HTTP/1.1 are served"
    try:
        parse_url(target)
    except Exception:  # httptools' own errors: what Sanic's Request would fail on
        return "invalid request target"
    return None


def check_head(head: bytes) -> str | None:
    """Why the request ``head`` (up to, not including, its blank line) is refused, or None when Sanic may parse it.

    Refused: a bad request line; a CR or LF not part of a CRLF; a header line that is not ``name: value``
    with a token name (folded lines included); control characters in a value; ``Transfer-Encoding`` other
    than one ``chunked``, or with ``Content-Length``, or in HTTP/1.0; ``Content-Length`` that is not one
    run of digits, or given twice.
    """
    unpaired = head.replace(b"\r\n", b"")
    if b"\r" in unpaired or b"\n" in unpaired:
        return "lines must end with CRLF"
    request_line, *fields = head.split(b"\r\n")
    reason = check_request_line(request_line)
    if reason:
        return reason
    lengths: list[bytes] = []
    encodings: list[bytes] = []
    for line in fields:
        name, colon, value = line.partition(b":")
        if not colon or not _TOKEN.fullmatch(name):
            return "malformed header line"
        if _BAD_VALUE.search(value):
            return "control character in a header value"
        name = name.lower()
        if name == b"content-length":
            lengths.append(value.strip(b" \t"))
        elif name == b"transfer-encoding":
            encodings.append(value.strip(b" \t"))
    if encodings:
        if lengths:
            return "both Content-Length and Transfer-Encoding"
        if request_line.endswith(b"HTTP/1.0"):
            return "Transfer-Encoding in an HTTP/1.0 request"
        if encodings != [b"chunked"]:
            return "only Transfer-Encoding: chunked is accepted"
    if lengths:
        if len(lengths) > 1:
            return "more than one Content-Length"
        if not (lengths[0].isdigit() and len(lengths[0]) <= _MAX_LENGTH_DIGITS):
            return "Content-Length must be a number of bytes"
    return None


def _refuse(http: Http, reason: str) -> InvalidUsage:
    http.keep_alive = False
    return InvalidUsage(f"Bad Request: {reason}")


class GuardedHttp(Http):
    """Sanic's HTTP/1.1 connection handler with the head checked first and every wait bounded."""

    __slots__ = ("_body_deadline",)

    def __init__(self, protocol: Any) -> None:
        super().__init__(protocol)  # type: ignore[no-untyped-call]
        protocol.request_timeout = min(protocol.request_timeout, HEAD_SECONDS)
        protocol.keep_alive_timeout = min(protocol.keep_alive_timeout, IDLE_SECONDS)
        self._body_deadline = 0.0

    async def http1_request_header(self) -> None:
        try:
            async with asyncio.timeout(HEAD_SECONDS):
                head = await self._receive_head()
        except TimeoutError:
            self.keep_alive = False
            raise RequestTimeout("Request Timeout") from None
        if head is not None:
            reason = check_head(head)
            if reason:
                raise _refuse(self, reason)
        await super().http1_request_header()  # type: ignore[no-untyped-call]
        self._body_deadline = asyncio.get_running_loop().time() + BODY_SECONDS

    async def _receive_head(self) -> bytes | None:
        """The head once it is all in (what Sanic's parser waits for); None when it is over Sanic's size bound
        (Sanic then answers 413). A bad request line is refused as soon as it has arrived."""
        buf = self.recv_buffer
        start = 0
        line_checked = False
        while (end := buf.find(b"\r\n\r\n", start)) == -1:
            if not line_checked and (line_end := buf.find(b"\n")) != -1:
                line = bytes(buf[:line_end])
                reason = "lines must end with CRLF" if not line.endswith(b"\r") else check_request_line(line[:-1])
                if reason:
                    raise _refuse(self, reason)
                line_checked = True
            start = max(0, len(buf) - 3)
            if start >= self.HEADER_MAX_SIZE:
                return None
            await self._receive_more()
        return bytes(buf[:end])

    async def read(self) -> bytes | None:
        remaining = self._body_deadline - asyncio.get_running_loop().time()
        try:
            async with asyncio.timeout(max(remaining, 0.0)):
                return await super().read()
        except (TimeoutError, InvalidUsage) as error:
            self.keep_alive = False
            if self.stage is Stage.IDLE:
                # Answered already (a 404, a 405): Sanic is draining the unread body, where it expects no error
                # but PayloadTooLarge (a bad chunk was an uncaught traceback). Stop reading and close.
                self.request_body = None
                return None
            if isinstance(error, TimeoutError):
                raise RequestTimeout("Request body too slow") from None
            raise


class LogOnce(logging.Filter):
    """Lets the first record ending with ``suffix`` through, and none after it (a client can repeat it at will)."""

    def __init__(self, suffix: str) -> None:
        super().__init__()
        self.suffix = suffix
        self.seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).endswith(self.suffix):
            return True
        if self.seen:
            return False
        self.seen = True
        record.msg = f"{record.msg} (further occurrences are not logged)"
        return True


BODY_NOT_CONSUMED = LogOnce("body not consumed.")


def install() -> bool:
    """Makes every new Sanic connection use :class:`GuardedHttp`, when Sanic is still the code it was written for."""
    if getattr(http_protocol, "Http") is GuardedHttp:  # noqa: B009 (sanic does not export the name)
        return True
    if not all(pinning.unchanged(target) for target in TARGETS):
        return False
    setattr(http_protocol, "Http", GuardedHttp)  # noqa: B010
    logging.getLogger("sanic.error").addFilter(BODY_NOT_CONSUMED)
    return True
