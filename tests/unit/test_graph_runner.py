"""Rasa's graphs computed without dask's scheduler (server_tuning/graph_runner.py): what dask computes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from dask.local import get_sync
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

from harness.stack import ROOT, latest_model
from server_tuning import graph_runner


class Node:
    """Stands in for Rasa's GraphNode: takes (name, output) pairs, returns its own, counts its calls."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls = 0

    def __call__(self, *parents: Any) -> tuple[str, Any]:
        self.calls += 1
        seen = [p if isinstance(p, str) else f"{p[0]}={p[1]}" for p in parents]
        return self.name, f"{self.name}({', '.join(seen)})"


def graph() -> tuple[dict[str, Any], dict[str, Node]]:
    nodes = {name: Node(name) for name in ("tokens", "features", "intent", "entities", "unrelated")}
    built: dict[str, Any] = {
        "tokens": (nodes["tokens"], "__message__"),
        "features": (nodes["features"], "tokens"),
        "intent": (nodes["intent"], "features", "tokens"),
        "entities": (nodes["entities"], "tokens", "not_in_graph"),
        "unrelated": (nodes["unrelated"],),
        "__message__": ("__message__", ["hello", "there"]),  # an input: a literal (name, value) pair
    }
    return built, nodes


def test_each_target_computed_from_its_parents_each_node_once() -> None:
    built, nodes = graph()
    out = graph_runner.run_tasks(built, ["intent", "entities"])
    assert out == [
        (
            "intent",
            "intent(features=features(tokens=tokens(__message__=['hello', 'there'])), "
            "tokens=tokens(__message__=['hello', 'there']))",
        ),
        ("entities", "entities(tokens=tokens(__message__=['hello', 'there']), not_in_graph)"),
    ]
    assert {name: node.calls for name, node in nodes.items()} == {
        "tokens": 1,
        "features": 1,
        "intent": 1,
        "entities": 1,
        "unrelated": 0,
    }


def test_the_same_as_dask() -> None:
    ours, _ = graph()
    theirs, _ = graph()
    targets = ["entities", "intent", "__message__", "unrelated"]
    assert graph_runner.run_tasks(ours, targets) == list(get_sync(theirs, targets))


def test_a_cycle_is_an_error_not_a_hang() -> None:
    a, b = Node("a"), Node("b")
    with pytest.raises(RuntimeError, match="cycle"):
        graph_runner.run_tasks({"a": (a, "b"), "b": (b, "a")}, ["a"])


def test_a_failing_node_raises_its_own_error() -> None:
    def broken(*_: Any) -> Any:
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        graph_runner.run_tasks({"x": (broken,)}, ["x"])


def test_the_runner_keeps_rasas_graph_building_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa's run, through the override: inputs added, results by node name, RuntimeError → GraphRunError."""
    built, _ = graph()
    runner = DaskGraphRunner.__new__(DaskGraphRunner)
    inputs = {"__message__": ["hello", "there"]}
    del built["__message__"]
    monkeypatch.setattr(runner, "_build_dask_graph", lambda _schema: dict(built), raising=False)

    class Schema:
        target_names = ["intent"]

        def minimal_graph_schema(self, targets: list[str]) -> Schema:
            return self

    runner._graph_schema = Schema()
    result = graph_runner.run(runner, inputs, ["features"])
    assert result == {"features": "features(tokens=tokens(__message__=['hello', 'there']))"}
    built["tokens"] = (Node("tokens"), "features")
    built["features"] = (Node("features"), "tokens")
    with pytest.raises(GraphRunError):
        graph_runner.run(runner, inputs, ["intent"])


@pytest.fixture
def nlu_model() -> Path:
    """The trained model (this fixture's name marks the test ``model``, tests/conftest.py)."""
    return latest_model()


PARSE_AND_PREDICT = """
import asyncio, json, sys
from rasa.core.agent import Agent
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from server_tuning import graph_runner

TEXTS = ["hi", "guide me through cat cow", "nxt", "my back hurts a lot", "how long do i hold it?",
         "what's the weather", "stop", "i cant feel my legs", "quiero hacer los estiramientos", "ok"]

async def outcomes(agent):
    found = []
    for text in TEXTS:
        parsed = await agent.parse_message(text)
        tracker = DialogueStateTracker.from_events("t", [ActionExecuted("action_listen"),
            UserUttered(text, parsed["intent"], parsed["entities"], parsed)], agent.domain.slots)
        prediction = agent.processor._predict_next_with_tracker(tracker)
        action = agent.domain.action_names_or_texts[prediction.max_confidence_index]
        found.append([parsed, action, prediction.policy_name, prediction.probabilities])
    return found

agent = Agent.load(sys.argv[1])
stock = asyncio.run(outcomes(agent))
assert graph_runner.install()
print(json.dumps([stock, asyncio.run(outcomes(agent))], sort_keys=True, default=str))
"""


def test_the_served_model_parses_and_predicts_as_with_dask(nlu_model: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PARSE_AND_PREDICT, str(nlu_model)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    stock, ours = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(stock) == 10
    assert ours == stock
    assert {outcome[1] for outcome in stock} - {None}  # predictions were made, not all empty
