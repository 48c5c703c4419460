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


def test_the_origins_that_show_the_chat_come_from_web_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_ORIGIN", "http://localhost:8080,https://www.example-clinic.com/")
    assert parse_args([]).chat_origins == ("http://localhost:8080", "https://www.example-clinic.com")
    monkeypatch.setenv("WEB_ORIGIN", "http://localhost:8080,*")
    with pytest.raises(ValueError, match=r"\*"):
        parse_args([])


def cors_of(server: PageServer, path: str, origin: str) -> tuple[str | None, str | None]:
    request = urllib.request.Request(server.url.rstrip("/") + path, headers={"Origin": origin})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Access-Control-Allow-Origin"), response.headers.get("Vary")


def test_cors_only_for_the_configured_origins_byte_for_byte() -> None:
    with page_server("http://127.0.0.1:9", origins="https://www.example-clinic.com") as running:
        assert cors_of(running, "/embed/owner", "https://www.example-clinic.com") == (
            "https://www.example-clinic.com",
            "Origin",
        )
        assert cors_of(running, "/embed/owner", "HTTPS://WWW.EXAMPLE-CLINIC.COM")[0] is None
        assert cors_of(running, "/embed/owner", "https://www.example-clinic.com.evil.example")[0] is None
        assert cors_of(running, "/embed.js", "https://www.example-clinic.com")[0] == "https://www.example-clinic.com"
    with page_server("http://127.0.0.1:9") as alone:  # no origins configured: no CORS at all
        assert cors_of(alone, "/embed/owner", "https://www.example-clinic.com") == (None, None)


def test_each_owner_token_is_new_and_never_cached(server: PageServer) -> None:
    tokens = set()
    for _ in range(3):
        with urllib.request.urlopen(server.url + "embed/owner", timeout=10) as response:
            assert response.headers["Cache-Control"] == "no-store"
            tokens.add(json.loads(response.read())["owner_token"])
    assert len(tokens) == 3
