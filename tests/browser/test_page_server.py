"""The page server over plain HTTP: the page from the content module, the widget bundle, the pictures, nothing else."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from harness.web_stack import PageServer, page_server
from stretch_content import load_content
from web.serve import ChatSettings, parse_args

CLINIC = load_content().clinic


@pytest.fixture(scope="module")
def server() -> Iterator[PageServer]:
    with page_server("http://127.0.0.1:9") as running:
        yield running


def get(server: PageServer, path: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_page_carries_clinic_details_and_widget_settings(server: PageServer) -> None:
    status, kind, body = get(server, "/")
    page = body.decode()
    assert status == 200 and kind.startswith("text/html")
    assert f'href="tel:+1{CLINIC.phone_digits}"' in page
    assert CLINIC.name in page and CLINIC.phone in page
    found = re.search(r'<script type="application/json" id="chat-settings">(.*?)</script>', page, re.S)
    assert found, "the widget settings are missing"
    settings = json.loads(found.group(1))
    assert settings["rasa_url"] == "http://127.0.0.1:9"
    assert settings["init_payload"] == "/greet"
    assert settings["illustrations"] == dict(load_content().illustrations)


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/webchat.js", "text/javascript"), ("/poses/cat.svg", "image/svg+xml"), ("/static/chat.js", "text/javascript")],
)
def test_assets_are_served_with_their_type(server: PageServer, path: str, kind: str) -> None:
    status, served, body = get(server, path)
    assert status == 200 and served.split(";")[0] in (kind, "application/javascript") and body


@pytest.mark.parametrize("path", ["/poses/../../serve.py", "/static/../../credentials.yml", "/poses/nope.svg", "/x"])
def test_nothing_outside_the_static_folders(server: PageServer, path: str) -> None:
    assert get(server, path)[0] == 404


def test_settings_from_arguments() -> None:
    config = parse_args(["--port", "9090", "--rasa-url", "https://chat.example/", "--message-delay-ms", "-1"])
    assert config.port == 9090
    assert config.chat == ChatSettings(rasa_url="https://chat.example", message_delay_ms=None)
