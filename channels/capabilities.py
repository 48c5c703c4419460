"""What each channel can do that changes what the actions do, by channel name (Rasa's ``input_channel``).

Only one capability matters to the actions: whether the server times a hold. The web page shows a
countdown and is told "Time's up" by the server's release timer; a speaker (Alexa, the phone) says the
hold's silence itself, and plain text (REST) has no clock. How a reply *looks* on a channel is decided
by that channel's renderer on the Rasa server (``channels/render/``), never here. No imports: the
action server reads this table without loading any channel.
"""

from __future__ import annotations

TIMES_HOLDS: frozenset[str] = frozenset({"socketio"})
"""The channels whose holds the server times (the web widget's socket.io channel)."""


def times_holds(channel: str | None) -> bool:
    """Whether the server tells the person on ``channel`` when a timed hold is over."""
    return channel in TIMES_HOLDS
