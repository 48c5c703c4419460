"""The web chat (rasa-webchat over socket.io): each reply as one card the page draws itself.

A step's picture, its words, the countdown of a timed hold and the quick replies belong together, and
rasa-webchat's own messages cannot hold them together: a picture is a message of its own, text is cut
into one bubble per blank line, and quick replies show only under the last message, so the picture
scrolled away above the words. So every reply goes as one custom message::

    {"text": "...", "coach": {"text": "...", "image": "<url>" | None, "hold_seconds": 20 | None,
                              "buttons": [{"title": "Next", "payload": "/next_step", "act": "next"}, ...]}}

which ``web/static/chat.js`` draws (rasa-webchat's ``customComponent``): the words, the picture right
above the step, a countdown during a hold, the quick replies under it. ``act`` names the choice the
way the core does, so the page knows which answers keep a hold going (they offer "next") without
reading Rasa payloads. The top-level ``text`` is for whoever reads the raw socket (tests, benchmarks).

Rasa's ``SocketIOOutput.send_custom_json`` emits ``bot_uttered`` with ``**json_message``, so the
event's payload must sit under ``data`` (``room`` defaults to the conversation).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from channels.render.base import Message
from channels.render.choices import payload
from channels.render.pictures import pose_image_url
from pacing import Reply

CHANNEL = "socketio"
CARD = "coach"
"""The key of the card in the custom message; chat.js looks for it."""


def card(reply: Reply) -> dict[str, Any]:
    """What chat.js needs to draw one reply."""
    return {
        "text": reply.text,
        "image": pose_image_url(reply.picture) if reply.picture else None,
        "hold_seconds": reply.hold_seconds,
        "buttons": [{"title": c.label, "payload": payload(c), "act": c.act.value} for c in reply.choices],
    }


@dataclass(frozen=True)
class WebRenderer:
    times_holds: bool = True  # the page counts a hold down, and the server still says "Time's up" after it

    def render(self, reply: Reply) -> list[Message]:
        return [{"custom": {"data": {"text": reply.text, CARD: card(reply)}}}]


def card_of(message: Message) -> dict[str, Any]:
    """The card inside one rendered message (for tests and tools that read what the page gets)."""
    found: dict[str, Any] = message["custom"]["data"][CARD]
    return found


RENDERER = WebRenderer()
