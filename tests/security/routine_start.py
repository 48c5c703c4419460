"""How a test starts a routine: one place, so a change in how routines begin (a question first) is one edit."""

from __future__ import annotations

from typing import Any

from harness.socketio_client import PollingClient
from harness.stack import Stack

START = "guide me through {name}"


def start_routine(stack: Stack, sender: str, name: str = "cat cow") -> list[dict[str, Any]]:
    """Starts stretch ``name`` for REST sender ``sender``; returns the reply that gives its first step."""
    return stack.rest(sender, START.format(name=name))


def start_routine_on_the_web(client: PollingClient, session: str, name: str = "cat cow") -> str:
    """Starts stretch ``name`` on a connected socket; returns the text of the reply that gives its first step."""
    before = len(client.texts())
    client.say(session, START.format(name=name))
    client.wait_for("bot_uttered", count=before + 1)
    return "\n".join(client.texts()[before:])
