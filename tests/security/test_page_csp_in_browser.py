"""The page's Content-Security-Policy in real Chromium: the chat works under it, nothing is blocked, framing is.

The policy allows only the page's origin and the Rasa URL (tests/security/test_headers.py reads it raw);
here Chromium enforces it while a visitor opens the chat, starts a stretch and sees its picture, and
reports any violation (the only one allowed: the Google web font rasa-webchat's CSS asks for, which the
policy is there to block). A page of another origin that frames the clinic page gets nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from harness.web_stack import PageServer, new_context
from harness.widget import Widget
from pacing import Routine
from stretch_content import load_content

CAT_COW = Routine(load_content().stretch("cat_cow"))


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = new_context(browser)
    try:
        yield ctx
    finally:
        ctx.close()


def _watch_violations(page: Page) -> list[str]:
    violations: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(message.text)

    page.on("console", on_console)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return violations


def test_the_chat_works_under_the_policy_with_no_violation(context: BrowserContext, clinic_page: PageServer) -> None:
    page = context.new_page()
    violations = _watch_violations(page)
    page.goto(clinic_page.url)
    widget = Widget(page)
    widget.open()
    widget.bot_says("not a substitute for a clinician")
    widget.type("guide me through cat cow")
    widget.answer_screen()
    widget.bot_says(CAT_COW.at(0).text or "")
    picture = widget.picture(CAT_COW.at(0).illustration)
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "the SVG did not load"
    # the page server strips rasa-webchat's Google Fonts import, so nothing at all is blocked
    assert violations == []


def test_another_site_cannot_frame_the_page(context: BrowserContext, clinic_page: PageServer) -> None:
    framer = context.new_page()
    framer.route(
        "http://localhost:9/framer.html",
        lambda route: route.fulfill(
            content_type="text/html", body=f'<iframe id="f" src="{clinic_page.url}" width="400" height="300"></iframe>'
        ),
    )
    framer.goto("http://localhost:9/framer.html")
    framer.wait_for_timeout(1500)
    frame = next((f for f in framer.frames if f.url.startswith(clinic_page.url.rstrip("/"))), None)
    loaded = frame is not None and frame.evaluate("() => document.querySelector('h1') !== null")
    assert not loaded, "the clinic page rendered inside another site's frame"
