"""The socket.io channel itself, over raw HTTP long-polling: no websocket upgrade offered, only the page's origin."""

from __future__ import annotations

import json
import urllib.request

from harness.stack import Stack
from harness.web_stack import page_origin


def _http(url: str, origin: str, body: bytes | None = None) -> str:
    request = urllib.request.Request(url, data=body, headers={"Origin": origin})
    if body is not None:
        request.add_header("Content-Type", "text/plain;charset=UTF-8")
    with urllib.request.urlopen(request, timeout=10) as response:
        return str(response.read().decode())


def connect(stack: Stack, origin: str) -> tuple[dict[str, object], str]:
    """An engine.io handshake, then a socket.io CONNECT; returns the handshake and the server's answer packet."""
    base = f"{stack.url}/socket.io/?EIO=4&transport=polling"
    handshake = json.loads(_http(base, origin).removeprefix("0"))
    polling = f"{base}&sid={handshake['sid']}"
    _http(polling, origin, b"40")
    return handshake, _http(polling, origin)


def test_handshake_offers_no_websocket_upgrade(web_rasa: Stack, page_port: int) -> None:
    handshake, _ = connect(web_rasa, page_origin(page_port))
    assert handshake["upgrades"] == []


def test_the_page_origin_may_connect(web_rasa: Stack, page_port: int) -> None:
    _, answer = connect(web_rasa, page_origin(page_port))
    assert answer.startswith("40{"), answer


def test_another_origin_is_refused(web_rasa: Stack) -> None:
    _, answer = connect(web_rasa, "http://evil.example")
    assert answer.startswith("44"), answer
