"""No visitor of the clinic page is sent to a third party: every request goes to the page server or to Rasa.

Every browser test already fails on a request to another host (tests/browser/conftest.py, ``off_site``); here
a whole routine is watched origin by origin, the widget's bundle is read for the web font it used to import,
and the watcher itself is shown to catch such a request.
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Request

from harness.stack import Stack
from harness.web_stack import PageServer, off_site
from harness.widget import Widget
from pacing import Routine
from stretch_content import load_content

KNEE_TWIST = Routine(load_content().stretch("lying_knee_twist"))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_a_routine_talks_to_the_page_server_and_rasa_only(
    context: BrowserContext, clinic_page: PageServer, web_rasa: Stack
) -> None:
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(clinic_page.url)
    widget = Widget(page)
    widget.go_to(KNEE_TWIST.stretch.name, 1)
    widget.picture(KNEE_TWIST.at(1).illustration)
    origins = {origin(url) for url in seen if not url.startswith("data:")}
    assert origins == {origin(clinic_page.url), web_rasa.url}, origins
    fonts = [url for url in seen if "font" in url.lower()]
    assert fonts == [], fonts


def test_the_widget_bundle_imports_nothing_from_another_site(clinic_page: PageServer) -> None:
    with urllib.request.urlopen(clinic_page.url + "webchat.js", timeout=10) as response:
        bundle = response.read()
    assert b"rw-conversation-container" in bundle, "not rasa-webchat's bundle"
    assert b"fonts.googleapis.com" not in bundle
    assert b"@import url(http" not in bundle


def test_the_watcher_catches_a_request_to_another_host(page: Page) -> None:
    """The check every browser test ends with can fail: a page asking Google Fonts for a font is caught."""
    page.route(
        "http://localhost:9/font.html",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter"><p>x</p>',
        ),
    )
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    page.goto("http://localhost:9/font.html")
    page.wait_for_timeout(300)
    caught = list(off_site)
    off_site.clear()  # caught on purpose: the test's own check after it must not fail
    assert any("fonts.googleapis.com" in url for url in caught), (caught, [r.url for r in requests])
