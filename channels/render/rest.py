"""The REST channel: plain text, its choices as buttons, the step's picture as a link. No markup: whatever
the client is, it gets words it can show as they are.
"""

from __future__ import annotations

from channels.render.base import Message
from channels.render.choices import buttons
from channels.render.pictures import pose_image_url
from pacing import Reply

CHANNEL = "rest"


def render(reply: Reply) -> list[Message]:
    """The reply as Rasa's REST messages: the picture first (if any), then the words with their buttons."""
    messages: list[Message] = []
    if reply.picture:
        messages.append({"image": pose_image_url(reply.picture)})
    messages.append({"text": reply.text, "buttons": buttons(reply.choices)})
    return messages
