"""What each channel can do that changes what the actions do, by channel name (Rasa's ``input_channel``).

Whether the server times a hold: the web page shows a countdown and is told "Time's up" by the
server's release timer; a speaker (Alexa, the phone) says the hold's silence itself, and plain text
(REST) has no clock. Whether the screen's answer may be kept, and whether a conversation is made of
calls. How a reply *looks* on a channel is decided by that channel's renderer on the Rasa server
(``channels/render/``), never here. No imports: the action server reads this table without loading
any channel.
"""

from __future__ import annotations

TIMES_HOLDS: frozenset[str] = frozenset({"socketio"})
"""The channels whose holds the server times (the web widget's socket.io channel)."""


def times_holds(channel: str | None) -> bool:
    """Whether the server tells the person on ``channel`` when a timed hold is over."""
    return channel in TIMES_HOLDS


KEEPS_NO_SCREEN_ANSWER: frozenset[str] = frozenset({"alexa"})
"""The channels where nothing about the screen's answer is stored, so it is asked before every stretch
(Amazon's policy for skills that are not HIPAA-eligible)."""
CALLS: frozenset[str] = frozenset({"twilio_voice"})
"""The channels whose conversation is a series of calls: what the last call's screen said ends with it."""


def keeps_no_screen_answer(channel: str | None) -> bool:
    return channel in KEEPS_NO_SCREEN_ANSWER


def is_calls(channel: str | None) -> bool:
    return channel in CALLS
