"""The headers the page and Rasa send, read raw off the socket from the servers as make run starts them.

Issue 23: the page had no Content-Security-Policy, could be framed, sent referrers and said
``Server: ClinicPage/1 Python/3.11.7``; Rasa answered "Hello from Rasa: 3.6.21" and echoed a case-folded
``Origin`` back with ``Access-Control-Allow-Credentials: true``.
"""

from __future__ import annotations

import re

import pytest

from tests.security.clinic import Clinic
from tests.security.raw_http import Answer, exchange, get, request

VERSION_LIKE = re.compile(r"\d+\.\d+")


def _csp(answer: Answer) -> dict[str, list[str]]:
    policy = answer.headers.get("content-security-policy", "")
    directives = [part.split() for part in policy.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


@pytest.mark.parametrize("path", ["/", "/static/chat.js", "/poses/nope.svg", "/health", "/%00"])
def test_every_page_answer_carries_the_security_headers(clinic: Clinic, path: str) -> None:
    answer = get(clinic.page.server_address[1], path)
    assert answer.status is not None and answer.status < 500
    csp = _csp(answer)
    rasa_origin = clinic.stack.url  # the page's --rasa-url in the tests
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'", rasa_origin]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    sources = {source for values in csp.values() for source in values}
    assert sources <= {"'self'", "'none'", "'unsafe-inline'", "data:", rasa_origin}, sources
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_the_page_gives_no_version_away(clinic: Clinic) -> None:
    page = clinic.page.server_address[1]
    for answer in (get(page, "/"), get(page, "/nope"), exchange(page, b"BREW / HTTP/1.1\r\nHost: x\r\n\r\n")):
        assert answer.headers.get("server") == "ClinicPage", answer.headers
        assert "python" not in answer.raw_head.decode("latin-1").lower()
        assert not VERSION_LIKE.search(answer.headers["server"])


def test_rasa_gives_no_version_away(clinic: Clinic) -> None:
    answer = get(clinic.stack.rasa_port, "/")
    assert answer.status == 200 and answer.body == b"Hello from Rasa"
    assert "server" not in answer.headers
    assert not VERSION_LIKE.search(answer.raw_head.decode("latin-1").split("\r\n", 1)[1])


def test_rasa_answers_cannot_be_framed_or_sniffed(clinic: Clinic) -> None:
    for path in ("/", "/webhooks/rest/webhook", "/nope"):
        answer = get(clinic.stack.rasa_port, path)
        assert answer.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"


def _cors(clinic: Clinic, origin: str | None, method: str = "GET", path: str = "/") -> dict[str, str]:
    headers = [("Host", "127.0.0.1"), ("Connection", "close")]
    if origin is not None:
        headers.append(("Origin", origin))
    if method == "OPTIONS":
        headers.append(("Access-Control-Request-Method", "POST"))
    answer = exchange(clinic.stack.rasa_port, request(method, path, headers))
    assert answer.status is not None and answer.status < 500
    return {name: value for name, value in answer.headers.items() if name.startswith("access-control-")}


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
@pytest.mark.parametrize("path", ["/", "/webhooks/rest/webhook", "/socket.io/?EIO=4&transport=polling"])
def test_cors_allows_exactly_the_page_origin_without_credentials(clinic: Clinic, method: str, path: str) -> None:
    exact = _cors(clinic, clinic.origin, method, path)
    assert exact["access-control-allow-origin"] == clinic.origin
    assert "access-control-allow-credentials" not in exact
    for other in (clinic.origin.upper(), clinic.origin.replace("http://", "HTTP://"), clinic.origin + ".evil.example"):
        assert _cors(clinic, other, method, path) == {}, other
    assert _cors(clinic, "http://evil.example", method, path) == {}
    assert _cors(clinic, None, method, path) == {}
