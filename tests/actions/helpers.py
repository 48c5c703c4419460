"""What the action tests read from a run: the text said and the slots set."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher


def texts(dispatcher: CollectingDispatcher) -> str:
    """Every text message the action sent, in order."""
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slots the action set, by name."""
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def left_routine(slots: dict[str, Any]) -> bool:
    """The run took the person out of the routine (and out of any "do all three" session)."""
    return all(slots.get(name, "unset") is None for name in ("routine_stretch", "routine_step", "routine_queue"))
