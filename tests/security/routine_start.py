"""How a test starts a routine: one place, so a change in how routines begin (a question first) is one edit.

``start_messages`` is what a person says to start one; the helpers send them on each channel and return
the last reply (the one that gives the first step).
"""

from __future__ import annotations

from typing import Any

from harness.socketio_client import PollingClient
from harness.stack import Stack


def start_messages(name: str = "cat cow") -> list[str]:
    """What a person says, in order, to start stretch ``name``: the request, then "no" to the screen before exercise."""
    return [f"guide me through {name}", "no"]


def start_routine(stack: Stack, sender: str, name: str = "cat cow") -> list[dict[str, Any]]:
    """Starts stretch ``name`` for REST sender ``sender``; returns the reply that gives its first step."""
    reply: list[dict[str, Any]] = []
    for text in start_messages(name):
        reply = stack.rest(sender, text)
    return reply


def start_routine_on_the_web(client: PollingClient, session: str, name: str = "cat cow") -> str:
    """Starts stretch ``name`` on a connected socket; returns the text of the reply that gives its first step."""
    said = ""
    for text in start_messages(name):
        before = len(client.texts())
        client.say(session, text)
        client.wait_for("bot_uttered", count=before + 1)
        said = "\n".join(client.texts()[before:])
    return said
