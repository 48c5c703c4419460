"""Browser fixtures: a fresh visitor (browser context) per test on the clinic page of the shared servers.

The servers, the page on its known port and the Chromium browser are the session's (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from harness.stack import ROOT, Stack
from harness.web_stack import PageServer, new_context, off_site
from harness.widget import Widget

ARTIFACTS = ROOT / "test-artifacts" / "web"


@pytest.fixture(scope="session")
def web_rasa(rasa_stack: Stack) -> Stack:
    """The shared servers, which allow exactly the clinic page's origin."""
    return rasa_stack


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


@pytest.fixture(autouse=True)
def nothing_off_site() -> Iterator[None]:
    """Every browser test fails on a request (or an attempt the page's policy blocked) to a host other than
    the tests' own servers: the page, the example host page and Rasa (harness/web_stack.py ``off_site``)."""
    off_site.clear()
    yield
    found, off_site[:] = list(off_site), []
    assert found == [], f"requests to other hosts: {found}"
