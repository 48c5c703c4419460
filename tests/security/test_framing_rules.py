"""The rules behind the raw suites, without servers: request heads, CORS, the page's headers, redacted warnings."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
import sanic
from multidict import CIMultiDict

from harness.stack import ROOT
from server_tuning.http_guard import SANIC_VERSION, LogOnce, check_head, check_request_line
from server_tuning.http_headers import allowed_origins, fix_cors
from web.serve import ChatSettings, PageConfig, security_headers

GOOD_LINE = b"POST /webhooks/rest/webhook HTTP/1.1"


def test_written_for_this_sanic() -> None:
    assert sanic.__version__ == SANIC_VERSION, "Sanic was upgraded: review server_tuning/http_guard.py"


@pytest.mark.parametrize(
    "head",
    [
        GOOD_LINE + b"\r\nHost: x\r\nContent-Length: 44",
        GOOD_LINE + b"\r\nHost: x\r\nContent-Length:44",
        GOOD_LINE + b"\r\nHost: x\r\nTransfer-Encoding: chunked",
        b"GET /socket.io/?EIO=4&transport=polling&sid=a-b_c HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:8080",
        b"GET / HTTP/1.0",
        b"OPTIONS * HTTP/1.1\r\nHost: x",
        b"GET / HTTP/1.1\r\nCookie: name=caf\xc3\xa9\r\nX-Tab: a\tb",  # obs-text and a tab are allowed in values
    ],
)
def test_well_formed_heads_pass(head: bytes) -> None:
    assert check_head(head) is None


@pytest.mark.parametrize(
    ("head", "why"),
    [
        (GOOD_LINE + b"\r\nContent-Length: -1", "Content-Length"),
        (GOOD_LINE + b"\r\nContent-Length: abc", "Content-Length"),
        (GOOD_LINE + b"\r\nContent-Length: +5", "Content-Length"),
        (GOOD_LINE + b"\r\nContent-Length: 5, 5", "Content-Length"),
        (GOOD_LINE + b"\r\nContent-Length: " + b"9" * 19, "Content-Length"),
        (GOOD_LINE + b"\r\nContent-Length: \xd9\xa1", "Content-Length"),  # an Arabic-Indic digit
        (GOOD_LINE + b"\r\nContent-Length: 5\r\nContent-Length: 5", "more than one"),
        (GOOD_LINE + b"\r\nTransfer-Encoding: gzip, chunked", "chunked"),
        (GOOD_LINE + b"\r\nTransfer-Encoding: Chunked", "chunked"),
        (GOOD_LINE + b"\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked", "chunked"),
        (GOOD_LINE + b"\r\nTransfer-Encoding: chunked\r\nContent-Length: 5", "both"),
        (b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked", "HTTP/1.0"),
        (GOOD_LINE + b"\r\nContent-Length : 5", "header line"),
        (GOOD_LINE + b"\r\nHost: x\r\n folded", "header line"),
        (GOOD_LINE + b"\r\nno colon here", "header line"),
        (GOOD_LINE + b"\r\n: empty name", "header line"),
        (GOOD_LINE + b"\r\nX-A: a\x00b", "control"),
        (GOOD_LINE + b"\r\nX-A: a\x7fb", "control"),
        (GOOD_LINE + b"\r\nX-A: a\rb", "CRLF"),
        (GOOD_LINE + b"\nHost: x", "CRLF"),
        (b"GET /", "request line"),
        (b"GET /\x00 HTTP/1.1", "visible ASCII"),
        (b"GET /\xff HTTP/1.1", "visible ASCII"),
        (b"GET /a b HTTP/1.1", "request line"),
        (b"GET  / HTTP/1.1", "request line"),
        (b"G\xc3\x89T / HTTP/1.1", "method"),
        (b"GET / HTTP/1.2", "HTTP/1.0 and HTTP/1.1"),
        (b"GET / http/1.1", "HTTP/1.0 and HTTP/1.1"),
        (b"PRI * HTTP/2.0", "HTTP/1.0 and HTTP/1.1"),
        (b"GET http://[::1 HTTP/1.1", "target"),
    ],
)
def test_malformed_heads_are_refused_with_their_reason(head: bytes, why: str) -> None:
    reason = check_head(head)
    assert reason is not None and why in reason, reason


def test_an_http09_line_is_refused_as_soon_as_it_is_in() -> None:
    assert check_request_line(b"GET /index.html") is not None
    assert check_request_line(b"GET /index.html HTTP/1.1") is None


def _cors_headers(origin: str) -> CIMultiDict[str]:
    return CIMultiDict(
        {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Credentials": "true",
            "Access-Control-Expose-Headers": "filename",
            "Content-Type": "text/plain",
        }
    )


def test_cors_headers_stay_only_for_an_exactly_configured_origin() -> None:
    allowed = allowed_origins("http://localhost:8080/")
    assert allowed == {"http://localhost:8080"}
    exact = _cors_headers("http://localhost:8080")
    fix_cors("http://localhost:8080", exact, allowed)
    assert exact["Access-Control-Allow-Origin"] == "http://localhost:8080" and exact["Vary"] == "Origin"
    assert "Access-Control-Allow-Credentials" not in exact
    for origin in ("HTTP://LOCALHOST:8080", "http://localhost:8080.evil", None):
        echoed = _cors_headers(origin or "http://localhost:8080")
        fix_cors(origin, echoed, allowed)
        assert dict(echoed) == {"Content-Type": "text/plain"}, origin


def test_a_wildcard_cors_setting_answers_a_wildcard_without_credentials() -> None:
    headers = _cors_headers("http://anyone.example")
    fix_cors("http://anyone.example", headers, allowed_origins(["*"]))
    assert headers["Access-Control-Allow-Origin"] == "*" and "Access-Control-Allow-Credentials" not in headers


def test_framing_the_page_is_one_setting() -> None:
    chat = ChatSettings(rasa_url="https://chat.example-clinic.com")
    closed = security_headers(PageConfig("127.0.0.1", 8080, chat))
    assert "frame-ancestors 'none'" in closed["Content-Security-Policy"] and closed["X-Frame-Options"] == "DENY"
    embedded = security_headers(PageConfig("127.0.0.1", 8080, chat, frame_ancestors="https://www.example-clinic.com"))
    assert "frame-ancestors https://www.example-clinic.com" in embedded["Content-Security-Policy"]
    assert "X-Frame-Options" not in embedded  # it cannot name a site; the CSP says who may
    assert "connect-src 'self' https://chat.example-clinic.com" in embedded["Content-Security-Policy"]


def test_pictures_served_elsewhere_are_allowed_by_their_origin_only() -> None:
    config = PageConfig("127.0.0.1", 8080, ChatSettings(rasa_url="http://localhost:5005"))
    policy = security_headers(config, "https://cdn.example-clinic.com/poses/")["Content-Security-Policy"]
    assert "img-src 'self' data: https://cdn.example-clinic.com;" in policy


WARN_SCRIPT = """
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message
from storage import log_redaction

log_redaction.install()
domain = Domain.from_yaml("intents: [book_appointment]\\nentities: [stretch]\\n")
for text in (
    '/book_appointment{"phone": "612-555-0142"}',
    '/book_appointment{"phone": "612-555-0143"}',
    "/book_appointment@7 my ssn 123",
):
    YAMLStoryReader.unpack_regex_message(Message(data={"text": text}), domain)
"""


def test_rasas_warning_for_an_intent_message_loses_the_message() -> None:
    """Rasa's own ``raise_warning`` for ``/intent{...}`` with an unknown entity, on stderr as a server shows it."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "always::UserWarning"}
    result = subprocess.run(
        [sys.executable, "-c", WARN_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    shown = result.stderr
    assert "Failed to parse arguments in line '[redacted]'" in shown
    assert "612-555" not in shown and "phone" not in shown and "ssn" not in shown
    assert shown.count("Expected entities from") == 1  # the same redacted warning is shown once


def test_sanics_line_for_each_unread_body_is_logged_once() -> None:
    once = LogOnce("body not consumed.")

    def record(msg: str) -> logging.LogRecord:
        return logging.LogRecord("sanic.error", logging.ERROR, __file__, 1, msg, None, None)

    assert once.filter(record("<Request: GET /health> body not consumed."))
    assert not once.filter(record("<Request: GET /> body not consumed."))
    assert once.filter(record("something else entirely"))
