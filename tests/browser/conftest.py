"""Browser fixtures: one Rasa stack for a page on a known port, the page server, and Debian's Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from harness.stack import ROOT, Stack
from harness.web_stack import PageServer, free_port, launch, new_context, page_server, web_stack
from harness.widget import Widget

ARTIFACTS = ROOT / "test-artifacts" / "web"


@pytest.fixture(scope="session")
def page_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def web_rasa(tmp_path_factory: pytest.TempPathFactory, page_port: int) -> Iterator[Stack]:
    """Rasa + actions allowing exactly the page's origin (not the shared rasa_stack, which allows any)."""
    stack = web_stack(tmp_path_factory.mktemp("web-stack"), page_port)
    try:
        yield stack.start()
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def clinic_page(web_rasa: Stack, page_port: int) -> Iterator[PageServer]:
    with page_server(web_rasa.url, port=page_port) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Per module, not per session: Playwright's sync API keeps an event loop running in this thread
    while it is open, which breaks the async tests (pytest-asyncio) that run after it."""
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = new_context(browser)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: BrowserContext, clinic_page: PageServer) -> Page:
    page = context.new_page()
    page.goto(clinic_page.url)
    return page


@pytest.fixture
def widget(page: Page) -> Widget:
    return Widget(page)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
