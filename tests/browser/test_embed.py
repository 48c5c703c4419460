"""The chat on a clinic's own website: the one embed.js snippet, on a page of another origin (another port).

The example site (web/example_host/index.html) is served on its own port with a strict policy of its own
(scripts and styles from the page server only, connections to the page server and Rasa only), its origin
allowed through the one setting a deployment uses (``WEB_ORIGIN``, for Rasa's socket.io channel, Rasa's CORS
and the page server's CORS). A real conversation runs there: a stretch started, the screen answered, Next.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from harness.stack import Stack
from harness.web_stack import PageServer, host_page_server
from harness.widget import REPLY_TIMEOUT_MS, Widget, step_heading
from pacing import Routine
from stretch_content import load_content
from tests.browser.a11y import axe_violations

CONTENT = load_content()
CAT_COW = Routine(CONTENT.stretch("cat_cow"))


@pytest.fixture(scope="module")
def host(clinic_page: PageServer, web_rasa: Stack, host_port: int) -> Iterator[PageServer]:
    with host_page_server(clinic_page.url, web_rasa.url, port=host_port) as site:
        yield site


def visit(context: BrowserContext, host: PageServer) -> tuple[Page, list[str]]:
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(host.url)
    return page, problems


def test_the_snippet_brings_a_working_chat_to_another_origin(
    context: BrowserContext, host: PageServer, clinic_page: PageServer, artifacts: Path
) -> None:
    page, problems = visit(context, host)
    assert page.evaluate("() => location.origin") + "/" == host.url != clinic_page.url  # two origins
    expect(page.get_by_role("heading", level=1)).to_have_text("Our back pain program")  # the clinic's own page
    widget = Widget(page)
    expect(page.locator("html")).to_have_attribute("data-chat", "connected", timeout=REPLY_TIMEOUT_MS)
    card = widget.go_to(CAT_COW.stretch.name, 0)
    expect(card.locator(".coach-step-heading")).to_have_text(step_heading(CAT_COW, 0))
    picture = widget.picture(CAT_COW.at(0).illustration)
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "the SVG did not load"
    card = widget.press_for_a_card("Next")
    expect(card.locator(".coach-step-heading")).to_have_text(step_heading(CAT_COW, 1))
    # the site's colours from its data- attributes
    header = page.locator(".rw-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(11, 83, 148)", header  # data-primary-color="#0b5394"
    expect(page.locator("aside.coach-chat-region")).to_have_attribute("lang", "en")
    assert axe_violations(page) == []
    widget.picture(CAT_COW.at(1).illustration)
    page.wait_for_timeout(400)  # the picture and the scroll settle
    page.screenshot(path=artifacts / "embed-host-page.png")
    assert problems == [], problems  # no policy violation, no script error, no warning


def test_the_page_server_lets_only_the_configured_origins_fetch_an_owner_token(
    clinic_page: PageServer, host: PageServer
) -> None:
    def owner(origin: str) -> tuple[str | None, dict[str, str]]:
        request = urllib.request.Request(clinic_page.url + "embed/owner", headers={"Origin": origin})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers.get("Access-Control-Allow-Origin"), json.loads(response.read())

    allowed, token = owner(host.url.rstrip("/"))
    assert allowed == host.url.rstrip("/") and "." in token["owner_token"]
    refused, _ = owner("http://evil.example")
    assert refused is None


def test_a_site_whose_origin_is_not_configured_gets_the_unavailable_note_with_the_phone(
    context: BrowserContext, clinic_page: PageServer, web_rasa: Stack
) -> None:
    with host_page_server(clinic_page.url, web_rasa.url) as stranger:  # a free port: an origin nobody allowed
        page = context.new_page()
        page.goto(stranger.url)
        status = page.locator("#coach-chat-status")
        expect(status).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        expect(status).to_contain_text("unavailable")
        expect(status.get_by_role("link")).to_have_text(CONTENT.clinic.phone)
        expect(page.locator(".rw-launcher")).to_have_count(0)


def test_embed_js_carries_the_page_servers_settings(clinic_page: PageServer, web_rasa: Stack) -> None:
    try:
        with urllib.request.urlopen(clinic_page.url + "embed.js", timeout=10) as response:
            script, kind = response.read().decode(), response.headers["Content-Type"]
    except urllib.error.HTTPError as error:  # pragma: no cover - a failure's message
        raise AssertionError(error) from error
    assert kind.startswith("text/javascript")
    assert "/*PAGE_SETTINGS*/" not in script and json.dumps(web_rasa.url) in script
    assert CONTENT.clinic.phone in script
