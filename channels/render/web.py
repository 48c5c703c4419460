"""The web chat (rasa-webchat over socket.io): each reply as one card the page draws itself.

A step's picture, its words, the countdown of a timed hold and the quick replies belong together, and
rasa-webchat's own messages cannot hold them together: a picture is a message of its own, text is cut
into one bubble per blank line, and quick replies show only under the last message, so the picture
scrolled away above the words. So every reply goes as one ``bot_uttered`` event::

    {"text": "...",
     "coach": {"text": "...", "blocks": ["...", ...], "step": {"heading": "...", "text": "..."} | None,
               "image": "<url>" | None, "alt": "..." | None, "hold_seconds": 20 | None, "hold_continues": false,
               "buttons": [{"title": "Next", "payload": "/next_step", "act": "next"}, ...]}}

which ``web/static/chat.js`` draws as it is (rasa-webchat's ``customComponent``): the paragraphs, the
picture right above the step's heading and words, a countdown during a hold, the quick replies under it.
``hold_continues`` says that a hold shown before this reply is still on (``Reply.hold_continues``). The
top-level ``text`` is for whoever reads the raw socket (tests, benchmarks). The channel's output
(``channels/socketio.py``) emits the event.
"""

from __future__ import annotations

from typing import Any

from channels.render.choices import payload
from channels.render.pictures import pose_image_url
from pacing import Reply
from stretch_content import load_content

CHANNEL = "socketio"
CARD = "coach"
"""The key of the card in the event; chat.js looks for it."""


def card(reply: Reply) -> dict[str, Any]:
    """What chat.js needs to draw one reply, each part in its own field."""
    shows_step = bool(reply.picture) and reply.step is not None
    step = reply.step if shows_step else None
    step_block = f"{step.heading}\n{step.text}" if step and step.text else step.heading if step else None
    return {
        "text": reply.text,
        "blocks": [block for block in reply.paragraphs if block != step_block],
        "step": {"heading": step.heading, "text": step.text} if step else None,
        "image": pose_image_url(reply.picture) if reply.picture else None,
        "alt": load_content().illustrations.get(reply.picture) if reply.picture else None,
        "hold_seconds": reply.hold_seconds,
        "hold_continues": reply.hold_continues,
        "buttons": [{"title": c.label, "payload": payload(c), "act": c.act.value} for c in reply.choices],
        **(
            {"chart": [{"label": p.label, "before": p.before, "after": p.after} for p in reply.chart]}
            if reply.chart
            else {}
        ),
        **({"link": reply.link} if reply.link else {}),
    }


def render(reply: Reply) -> dict[str, Any]:
    """The ``bot_uttered`` event's payload for ``reply``."""
    return {"text": reply.text, CARD: card(reply)}
