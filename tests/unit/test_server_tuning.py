"""server_tuning: each override still matches the Rasa it was written for, and keeps Rasa's behaviour.

A Rasa (or jsonschema, TensorFlow) upgrade that changes a replaced function fails here, so the override
is reviewed instead of silently replacing new code.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import rasa
from aiohttp import web
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    ReminderScheduled,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

import server_tuning
from harness.stack import ROOT, free_port
from server_tuning import PINNED, RASA_VERSION, action_validation, pinning, session_length
from server_tuning.imports import BLOCKED
from server_tuning.pins import PACKAGES

VALID = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "routine_step", "value": 3}], "responses": [{"text": "Step 3."}]},
    {"events": [{"event": "followup", "name": "action_session_start"}]},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot"}]},  # a slot event without its name
    {"responses": ["not an object"]},
    ["not", "an", "object"],
]


def test_pinned_to_this_rasa() -> None:
    assert rasa.__version__ == RASA_VERSION, "Rasa was upgraded: review server_tuning, then update RASA_VERSION"


def test_no_pin_is_stale() -> None:
    """The one check of every override: each function the project replaces, overrides in a subclass, copies
    or relies on (server_tuning/pins.py) still has the source and the package version it was pinned to."""
    stale = {target: pinning.stale(target) for target in PINNED}
    assert {target: why for target, why in stale.items() if why} == {}, "review these overrides, then re-pin"


def test_a_stale_pin_is_reported_by_version_and_by_source(monkeypatch: pytest.MonkeyPatch) -> None:
    target = "rasa.core.tracker_store.SQLTrackerStore._retrieve"
    pin = PINNED[target]
    monkeypatch.setitem(PINNED, target, dataclasses.replace(pin, version="3.6.20"))
    assert pinning.stale(target) == f"pinned to version 3.6.20, installed {RASA_VERSION}"
    monkeypatch.setitem(PINNED, target, dataclasses.replace(pin, sha256="0" * 64))
    assert (pinning.stale(target) or "").endswith("pinned " + "0" * 64)


def test_each_pin_names_a_project_module_that_exists() -> None:
    """The table says where each change lives; a module renamed or removed must update it."""
    missing = [pin.by for pin in PINNED.values() if importlib.util.find_spec(pin.by) is None]
    assert missing == []


def test_every_override_the_project_makes_is_pinned() -> None:
    """Each private method the project overrides in a subclass, and the copied ``blueprint``, is in the pin table
    under the class that defines what it replaces."""
    from channels.socketio import BoundedAsyncServer, PollingSocketIOInput, PromptEngineIOServer
    from scaling.lock_store import AtomicRedisLockStore
    from storage.tracker_store import SafeSQLTrackerStore

    private = {
        SafeSQLTrackerStore: ("session_scope", "_retrieve", "_additional_events"),
        PollingSocketIOInput: ("blueprint",),
        PromptEngineIOServer: ("handle_request", "disconnect", "_trigger_event"),
        BoundedAsyncServer: ("_engineio_server_class",),
        AtomicRedisLockStore: ("issue_ticket", "update_lock", "cleanup"),
    }
    for cls, names in private.items():
        for name in names:
            replaced = next(
                base for base in cls.__mro__ if name in base.__dict__ and base.__module__.split(".")[0] in PACKAGES
            )
            assert f"{replaced.__module__}.{replaced.__qualname__}.{name}" in PINNED, (cls.__name__, name)


def test_a_changed_target_is_not_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        PINNED, action_validation.TARGET, dataclasses.replace(PINNED[action_validation.TARGET], sha256="0" * 64)
    )
    monkeypatch.setattr(RemoteAction, "_validate_action_result", action_validation.STOCK)
    assert not action_validation.install()
    assert RemoteAction.__dict__["_validate_action_result"] is action_validation.STOCK


def stock_validate(result: Any) -> None:
    """What Rasa 3.6 runs without the override (jsonschema.validate on the same schema)."""
    jsonschema.validate(result, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("result", VALID)
def test_valid_responses_pass(result: Any) -> None:
    stock_validate(result)
    assert action_validation.validate_action_result(RemoteAction("action_x", None), result)


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_are_refused_with_the_same_error(result: Any) -> None:
    with pytest.raises(ValidationError) as stock:
        stock_validate(result)
    with pytest.raises(ValidationError) as tuned:
        action_validation.validate_action_result(RemoteAction("action_x", None), result)
    assert tuned.value.message.startswith(stock.value.message)
    assert "Failed to validate Action server response from API" in tuned.value.message
    assert list(tuned.value.path) == list(stock.value.path)


@pytest.fixture
async def action_server() -> AsyncIterator[tuple[str, list[Any]]]:
    """A stand-in action server answering each request with the next queued JSON response."""
    queued: list[Any] = []

    async def webhook(request: web.Request) -> web.Response:
        await request.json()
        return web.json_response(queued.pop(0))

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/webhook", queued
    finally:
        await runner.cleanup()


async def run_remote_action(url: str) -> list[Any]:
    domain = Domain.empty()
    tracker = DialogueStateTracker("someone", domain.slots)
    action = RemoteAction("action_x", EndpointConfig(url))
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    return list(await action.run(CollectingOutputChannel(), nlg, tracker, domain))


async def test_rasa_still_refuses_an_invalid_action_response(action_server: tuple[str, list[Any]]) -> None:
    url, queued = action_server
    assert action_validation.install()
    assert RemoteAction._validate_action_result is action_validation.validate_action_result
    queued.append({"events": [{"event": "slot", "name": "routine_step", "value": 2}], "responses": [{"text": "Hi"}]})
    events = await run_remote_action(url)
    assert [type(e).__name__ for e in events] == ["BotUttered", "SlotSet"]
    queued.append({"events": [{"event": "slot", "value": 2}]})  # no slot name
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        await run_remote_action(url)


def test_tensorflow_still_treats_jax_as_optional() -> None:
    """Blocking jax is safe only while TensorFlow imports it inside ``try … except ImportError``."""
    spec = importlib.util.find_spec("tensorflow.lite.python.util")
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).read_text()
    assert "try:\n  from jax import xla_computation as _xla_computation\nexcept ImportError:" in source
    assert "import jax" not in source  # no other, unguarded import of jax


def run_python(code: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env, timeout=300
    )
    return result.stdout.strip()


def test_apply_blocks_jax_in_the_action_server_without_importing_rasa_core() -> None:
    out = run_python(
        "import sys, server_tuning\n"
        "installed = server_tuning.apply(rasa_server=False)\n"
        "try:\n    import jax\nexcept ImportError:\n    blocked = True\nelse:\n    blocked = False\n"
        "import json; print(json.dumps([installed, blocked, 'tensorflow' in sys.modules]))"
    )
    assert json.loads(out) == [["imports", "http_guard", "action_errors"], True, False]
    assert BLOCKED == ("jax",)


def test_skipped_overrides_are_not_installed() -> None:
    skip = "imports,action_validation,session_length,action_timeout,http_guard,http_headers,action_errors,graph_runner"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), server_tuning.SKIP_ENV: skip}
    out = run_python(
        "import json, sys, server_tuning\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "installed = server_tuning.apply()\n"
        "print(json.dumps([installed, sys.modules.get('jax', 0) is None,"
        " RemoteAction._validate_action_result.__module__]))",
        env,
    )
    assert json.loads(out) == [[], False, "rasa.core.actions.action"]


def test_the_launcher_runs_rasas_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "server_tuning", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"Rasa Version      :         {RASA_VERSION}" in result.stdout


def session(*events: Any) -> list[Any]:
    return [SessionStarted(), *events]


def chat(turns: int) -> list[Any]:
    """``turns`` turns of chat: the message, the action, its reply and action_listen."""
    events: list[Any] = []
    for _ in range(turns):
        events += [
            UserUttered("hi"),
            ActionExecuted("utter_greet"),
            BotUttered("Hello"),
            ActionExecuted("action_listen"),
        ]
    return events


def test_a_session_ends_only_past_its_event_limit() -> None:
    assert not session_length.too_long(session(*chat(25)), 100, "visitor")  # exactly 100 events
    assert session_length.too_long(session(*chat(26)), 100, "visitor")
    assert not session_length.too_long(session(*chat(26)), 0, "visitor")  # 0 turns the limit off
    # only the current session counts
    assert not session_length.too_long([*session(*chat(30)), *session(*chat(2))], 100, "visitor")


def holding(due: datetime, sender_id: str = "visitor") -> list[Any]:
    """A turn that starts a timed web hold: the message, the step, its release timer, action_listen."""
    return [
        UserUttered("next"),
        ActionExecuted("action_next_step"),
        BotUttered("Hold for 20 seconds."),
        ReminderScheduled("EXTERNAL_hold_over", due, name=f"hold_timer_{sender_id}", kill_on_user_message=True),
        ActionExecuted("action_listen"),
    ]


def test_a_session_with_a_hold_running_does_not_end() -> None:
    now = datetime(2026, 11, 29, 12, 0, 0)
    assert not session_length.too_long(session(*chat(25), *holding(now + timedelta(seconds=20))), 100, "visitor", now)
    # a release due a moment ago may still be on its way
    assert not session_length.too_long(session(*chat(25), *holding(now - timedelta(seconds=30))), 100, "visitor", now)


def test_a_session_whose_hold_is_over_ends() -> None:
    now = datetime(2026, 11, 29, 12, 0, 0)
    later = now + timedelta(seconds=20)
    # the person said something after the hold started (Rasa killed the timer)
    assert session_length.too_long(session(*chat(5), *holding(later), *chat(20)), 100, "visitor", now)
    # a release five minutes overdue is not on its way any more
    assert session_length.too_long(session(*chat(25), *holding(now - timedelta(minutes=5))), 100, "visitor", now)
    # another conversation's timer
    assert session_length.too_long(session(*chat(25), *holding(later, "someone-else")), 100, "visitor", now)


def test_the_launcher_runs_the_action_server_with_rasa_sdk_arguments() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "server_tuning", "run", "actions", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "--actions" in result.stdout and "--port" in result.stdout


def test_a_new_session_carries_each_slot_once_with_its_last_value() -> None:
    events = [SlotSet("a", 1), *chat(2), SlotSet("b", 2), SlotSet("a", None), SlotSet("a", 3, metadata={"m": 1})]
    tracker = DialogueStateTracker.from_events("someone", session(*events))
    carried = session_length.slot_set_events_from_tracker(tracker)
    assert [(e.key, e.value, e.metadata) for e in carried] == [("b", 2, {}), ("a", 3, {"m": 1})]
    stock = session_length.STOCK_CARRY_OVER.__func__(tracker)  # Rasa's: every SlotSet, replayed in order
    assert len(stock) == 4

    def final_values(slot_events: list[SlotSet]) -> dict[str, Any]:
        return {e.key: e.value for e in slot_events}

    assert final_values(carried) == final_values(stock)


def test_an_endpoint_timeout_replaces_rasas_five_minutes() -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    out = run_python(
        "import asyncio, json, time, socket, server_tuning\n"
        "from rasa.utils.endpoints import EndpointConfig\n"
        "installed = server_tuning.apply()\n"
        "frozen = socket.socket(); frozen.bind(('127.0.0.1', 0)); frozen.listen(8)  # accepts, never answers\n"
        "url = 'http://127.0.0.1:%d/webhook' % frozen.getsockname()[1]\n"
        "async def call(endpoint):\n"
        "    start = time.monotonic()\n"
        "    try:\n"
        "        await endpoint.request(json={}, method='post', timeout=300)\n"
        "    except asyncio.TimeoutError:\n"
        "        return round(time.monotonic() - start)\n"
        "async def main():\n"
        "    timed = await call(EndpointConfig(url, timeout=1))\n"
        "    try:\n"
        "        await asyncio.wait_for(call(EndpointConfig(url)), 3)\n"
        "        stock = 'returned'\n"
        "    except asyncio.TimeoutError:\n"
        "        stock = 'still waiting'\n"
        "    return timed, stock\n"
        "print(json.dumps(['action_timeout' in installed, *asyncio.run(main())]))",
        env,
    )
    assert json.loads(out) == [True, 1, "still waiting"]  # 1 s as configured; without a timeout Rasa's 300 s
