"""server_tuning: each override still matches the Rasa it was written for, and keeps Rasa's behaviour.

A Rasa (or jsonschema, TensorFlow) upgrade that changes a replaced function fails here, so the override
is reviewed instead of silently replacing new code.
"""

from __future__ import annotations

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


@pytest.mark.parametrize("target", sorted(PINNED))
def test_replaced_functions_are_unchanged(target: str) -> None:
    assert pinning.source_hash(pinning.resolve(target)) == PINNED[target], f"{target} changed: review its override"


def test_a_changed_target_is_not_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(PINNED, action_validation.TARGET, "0" * 64)
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
    skip = "imports,action_validation,session_length,action_timeout,http_guard,http_headers,action_errors"
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
    assert not session_length.too_long(session(*chat(25)), 100)  # exactly 100 events
    assert session_length.too_long(session(*chat(26)), 100)
    assert not session_length.too_long(session(*chat(26)), 0)  # 0 turns the limit off
    # only the current session counts
    assert not session_length.too_long([*session(*chat(30)), *session(*chat(2))], 100)


def test_a_session_with_a_reminder_still_due_does_not_end() -> None:
    now = datetime(2026, 11, 29, 12, 0, 0)
    due = ReminderScheduled("EXTERNAL_hold_over", now + timedelta(seconds=20))
    long_past = ReminderScheduled("EXTERNAL_hold_over", now - timedelta(minutes=5))
    assert not session_length.too_long(session(*chat(20), due, *chat(20)), 100, now)
    assert session_length.too_long(session(*chat(20), long_past, *chat(20)), 100, now)


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
