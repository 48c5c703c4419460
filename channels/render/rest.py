"""The REST channel (and any channel without its own renderer): plain text, its choices as buttons,
the step's picture as a link. No markup: whatever the client is, it gets words it can show as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from channels.render.base import Message
from channels.render.choices import buttons
from channels.render.pictures import pose_image_url
from pacing import Reply

CHANNEL = "rest"


@dataclass(frozen=True)
class RestRenderer:
    times_holds: bool = False

    def render(self, reply: Reply) -> list[Message]:
        messages: list[Message] = []
        if reply.picture:
            messages.append({"image": pose_image_url(reply.picture)})
        messages.append({"text": reply.text, "buttons": buttons(reply.choices)})
        return messages


RENDERER = RestRenderer()
