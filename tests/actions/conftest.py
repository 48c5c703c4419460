"""A tracker factory and a dispatcher per test, as rasa-sdk's own tests build them; and a check that the
tests run every action the domain declares."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import CoachAction
from tests.actions.helpers import RestDispatcher

TrackerFactory = Callable[..., Tracker]


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return RestDispatcher()


@pytest.fixture()
def make_tracker() -> TrackerFactory:
    def make(
        text: str = "",
        intent: str = "next_step",
        slots: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        channel: str = "rest",
        screened: bool = True,
    ) -> Tracker:
        """``screened``: the person answered the screen before exercise with a clear "no" a minute ago
        (unless ``slots`` says otherwise), so a stretch asked for starts at once."""
        slots = dict(slots or {})
        if screened:
            slots.setdefault("screened_at", time.time() - 60)
        latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
        events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
        return Tracker(
            sender_id="test-user",
            slots=slots,
            latest_message=latest,
            events=events,
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return make


# Every action in domain.yml must be run by a test of this folder: each CoachAction.run is recorded, and
# a run of the whole folder that leaves an action unrun fails (delete an action's tests and see).
ACTIONS_DIR = Path(__file__).resolve().parent
DOMAIN_ACTIONS = frozenset(yaml.safe_load((ACTIONS_DIR.parents[1] / "domain.yml").read_text())["actions"])
RAN = pytest.StashKey[set[str]]()
PARTIAL = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def record_action_runs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records the name of every action a test runs to completion, as the action server runs it."""
    ran = request.config.stash.setdefault(RAN, set())
    original = CoachAction.run

    async def run(self: CoachAction, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any) -> Any:
        events = await original(self, dispatcher, tracker, domain)
        ran.add(self.name())
        return events

    monkeypatch.setattr(CoachAction, "run", run)


def _here(item: pytest.Item) -> bool:
    return ACTIONS_DIR in item.path.parents


def pytest_deselected(items: list[pytest.Item]) -> None:
    if any(_here(item) for item in items):
        items[0].config.stash[PARTIAL] = True


def never_run(session: pytest.Session) -> list[str] | None:
    """The domain's actions no test ran, when every test of this folder was selected (else None)."""
    if session.config.option.collectonly:
        return None
    files = {item.path.name for item in session.items if _here(item)}
    every_file = {path.name for path in ACTIONS_DIR.glob("test_*.py")}
    if files != every_file or session.config.stash.get(PARTIAL, False):
        return None
    ran: set[str] = session.config.stash.get(RAN, set())
    return sorted(DOMAIN_ACTIONS - ran)


MISSING = pytest.StashKey[list[str]]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fails a passing session whose run of this whole folder left a domain action unrun."""
    missing = never_run(session)
    if missing and exitstatus == pytest.ExitCode.OK:
        session.config.stash[MISSING] = missing
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if missing := config.stash.get(MISSING, []):
        terminalreporter.section("actions no test ran", red=True)
        terminalreporter.line(f"tests/actions passed but never ran these domain actions: {', '.join(missing)}")
