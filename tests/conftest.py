"""Shared fixtures: the one server pair of the test session, the clinic page next to it, and one browser.

One pair of servers (``rasa_stack``, harness/session_stack.py) serves the e2e, voice, browser and
security suites: it trusts the tests' Alexa CA, knows the skill id, and allows exactly the clinic
page's origin, whose port is chosen before it starts. Every test talks as its own conversation
(a fresh sender id), so the suites share the servers and nothing else.

Servers started elsewhere, each because its test needs the servers set up otherwise:

- tests/privacy: a store seeded before start (retention runs at start) and DEBUG logs (to prove no
  message text is logged at any level; DEBUG would slow every other suite);
- tests/privacy/test_loud_storage.py: the store on a tiny filesystem that it fills;
- tests/e2e/test_restarts.py: servers stopped and restarted on purpose, which must not touch others;
- tests/voice/test_alexa_junk_no_fetch.py: Rasa alone with no skill id and its HTTPS sent to a proxy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from harness.alexa_signing import Pki
from harness.session_stack import session_stack
from harness.stack import Stack, free_port
from harness.web_stack import PageServer, chat_origins, launch, page_server


@pytest.fixture(scope="session")
def pki() -> Pki:
    """The tests' own Alexa CA: the shared servers trust it, the tests sign requests with it."""
    return Pki()


@pytest.fixture(scope="session")
def page_port() -> int:
    """The clinic page's port, known before the servers start (they allow only its origin)."""
    return free_port()


@pytest.fixture(scope="session")
def host_port() -> int:
    """The example clinic site's port (tests/browser/test_embed.py): another origin that embeds the chat."""
    return free_port()


@pytest.fixture(scope="session")
def rasa_stack(tmp_path_factory: pytest.TempPathFactory, pki: Pki, page_port: int, host_port: int) -> Iterator[Stack]:
    """The Rasa server (REST and every channel) with the action server, shared by the whole session."""
    stack = session_stack(tmp_path_factory.mktemp("session-stack"), pki, page_port, host_port)
    try:
        yield stack.start()
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def clinic_page(rasa_stack: Stack, page_port: int, host_port: int) -> Iterator[PageServer]:
    """The real page server (web/serve.py) on ``page_port``, talking to the shared servers."""
    with page_server(rasa_stack.url, port=page_port, origins=chat_origins(page_port, host_port)) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright, per module, not per session: Playwright's sync API keeps an
    event loop running in this thread while it is open, which breaks the async tests (pytest-asyncio)
    that run after it."""
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


SLOW_FIXTURES = {
    "rasa_stack": "servers",
    "private_stack": "servers",
    "own_stack": "servers",
    "short_sessions": "servers",  # tests/e2e/test_session_length.py: servers with a short session bound
    "stack": "servers",  # tests/privacy/test_loud_storage.py: servers on a tiny filesystem
    "unconfigured_stack": "servers",
    "scaled": "servers",  # tests/scaled: PostgreSQL, Redis, HAProxy and two Rasa servers
    "nlu_model": "model",
    "browser": "browser",
}
"""Fixtures that start servers, load the trained model or launch Chromium."""

SLOW_FILES = {
    "tests/privacy/test_erase_with_make.py": "slow",  # runs `make forget` / `make purge`, each loading Rasa
    "tests/voice/test_by_ear.py": "slow",  # speaks every routine with espeak-ng and measures it with sox
}
"""Modules that are slow without any fixture of the above: they run whole programs."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "unit: none of the markers below; what `make test-unit` runs")
    config.addinivalue_line("markers", "servers: uses servers (a fixture starts Rasa and the action server)")
    config.addinivalue_line("markers", "model: loads the trained model")
    config.addinivalue_line("markers", "browser: drives Chromium")
    config.addinivalue_line("markers", "slow: runs whole programs (make, espeak-ng)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks each test by what it needs (from its fixtures, direct or not, and its file); ``unit`` if nothing."""
    root = Path(str(config.rootpath))
    for item in items:
        needs = {SLOW_FIXTURES[name] for name in getattr(item, "fixturenames", ()) if name in SLOW_FIXTURES}
        if slow := SLOW_FILES.get(item.path.relative_to(root).as_posix()):
            needs.add(slow)
        for marker in sorted(needs) or ["unit"]:
            item.add_marker(marker)
