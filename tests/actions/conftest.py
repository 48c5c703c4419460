"""A tracker factory and a dispatcher per test, as rasa-sdk's own tests build them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

TrackerFactory = Callable[..., Tracker]


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture()
def make_tracker() -> TrackerFactory:
    def make(
        text: str = "",
        intent: str = "next_step",
        slots: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        channel: str = "rest",
    ) -> Tracker:
        latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
        events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
        return Tracker(
            sender_id="test-user",
            slots=slots or {},
            latest_message=latest,
            events=events,
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return make
