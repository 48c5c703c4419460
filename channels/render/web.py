"""The web chat (rasa-webchat over socket.io): the picture, then the text with its quick replies.

The picture goes first: rasa-webchat shows quick replies only on the last message.
"""

from __future__ import annotations

from dataclasses import dataclass

from channels.render.base import Message
from channels.render.choices import buttons
from channels.render.pictures import pose_image_url
from pacing import Reply

CHANNEL = "socketio"


@dataclass(frozen=True)
class WebRenderer:
    times_holds: bool = True  # the page has no timer of its own: the server says "Time's up"

    def render(self, reply: Reply) -> list[Message]:
        messages: list[Message] = []
        if reply.picture:
            messages.append({"image": pose_image_url(reply.picture)})
        messages.append({"text": reply.text, "buttons": buttons(reply.choices)})
        return messages


RENDERER = WebRenderer()
