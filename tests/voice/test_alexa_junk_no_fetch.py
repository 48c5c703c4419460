"""Against the real server: junk Alexa requests are refused without a single certificate download.

The server's HTTPS traffic is sent to a recording proxy on loopback (``https_proxy``), so any attempt
to fetch a certificate chain would show up there; nothing leaves the machine either way.
"""

from __future__ import annotations

import base64
import json
import socket
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import alexa_signing as signing
from harness.stack import Stack, free_port

ALEXA_PATH = "/webhooks/alexa/webhook"


class RecordingProxy:
    """Accepts connections, records the first line of each (e.g. ``CONNECT s3.amazonaws.com:443``), refuses them."""

    def __init__(self) -> None:
        self.port = free_port()
        self.requests: list[str] = []
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                try:
                    self.requests.append(conn.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace"))
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        self._server.close()


@pytest.fixture(scope="module")
def proxy() -> Iterator[RecordingProxy]:
    recorder = RecordingProxy()
    try:
        yield recorder
    finally:
        recorder.close()


@pytest.fixture(scope="module")
def unconfigured_stack(tmp_path_factory: pytest.TempPathFactory, proxy: RecordingProxy) -> Iterator[Stack]:
    """The Rasa server as `make run` starts it without ALEXA_SKILL_IDS, its HTTPS going to the proxy."""
    env = {"ALEXA_SKILL_IDS": "", "ALEXA_CERT_CHAIN_DIR": "", "https_proxy": proxy.url, "HTTPS_PROXY": proxy.url}
    env |= {"no_proxy": "", "NO_PROXY": ""}
    stack = Stack(workdir=tmp_path_factory.mktemp("alexa-junk"), env=env)
    try:
        stack.start_rasa()  # verification happens before Rasa's dialogue: no action server needed
        yield stack
    finally:
        stack.stop()


def junk_requests() -> Iterator[tuple[bytes, dict[str, str]]]:
    """Requests a stranger might send: plausible headers with Amazon's URL shape, nothing properly signed."""
    fake_signature = base64.b64encode(b"\0" * 256).decode()
    for n in range(10):
        url = f"https://s3.amazonaws.com/echo.api/junk-{n}-{uuid.uuid4().hex}.pem"
        body = signing.body_of(signing.envelope(signing.launch(), skill_id=f"amzn1.ask.skill.{uuid.uuid4()}"))
        yield body, {"Signature-256": fake_signature, "SignatureCertChainUrl": url}
        yield b"{}", {"Signature-256": fake_signature, "SignatureCertChainUrl": url}


def test_the_proxy_would_see_a_download(proxy: RecordingProxy) -> None:
    """Control: a chain download through the same proxy setting is recorded."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"https": proxy.url}))
    with pytest.raises(OSError):
        opener.open("https://s3.amazonaws.com/echo.api/control.pem", timeout=10)
    assert any(r.startswith("CONNECT s3.amazonaws.com:443") for r in proxy.requests)
    proxy.requests.clear()


def test_junk_alexa_requests_are_refused_without_any_certificate_download(
    unconfigured_stack: Stack, proxy: RecordingProxy
) -> None:
    statuses = []
    for body, headers in junk_requests():
        status, answer = unconfigured_stack.post(ALEXA_PATH, body, headers)
        statuses.append(status)
        assert json.loads(answer) == {"error": "request failed verification"}
    assert statuses == [400] * 20
    assert proxy.requests == []
    log = Path(unconfigured_stack.workdir / "rasa.log").read_text()
    assert "no skill application id configured" in log
