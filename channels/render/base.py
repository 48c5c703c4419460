"""What the renderers share: the form of one bot message, and how a channel's output renders what it is sent."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from pacing import Reply
from pacing.reply_data import reply_of

logger = logging.getLogger(__name__)

Message = dict[str, Any]
"""One bot message as Rasa sends it: ``text``, ``buttons``, ``image``, ``custom`` (any of them)."""


def reply_in(message: Mapping[str, Any]) -> Reply | None:
    """The reply a bot message carries (an action's or the guard's), None for a domain response.

    A reply that cannot be read is said as the message's text, so the person still gets an answer.
    """
    try:
        return reply_of(message)
    except ValueError:
        logger.error("a bot message carried an unreadable reply; its text is sent instead")
        return Reply.plain(str(message.get("text") or ""))


def received(message: Mapping[str, Any]) -> Reply | None:
    """A bot message as a reply: the one it carries, else a domain response's words as ``Reply.plain``
    (None for a message with neither), for the channels that speak every message the same way."""
    reply = reply_in(message)
    if reply is not None:
        return reply
    text = message.get("text")
    return Reply.plain(text.strip()) if isinstance(text, str) and text.strip() else None


Send = Callable[[str, Message], Awaitable[None]]


async def send_rendered(
    send: Send, recipient_id: str, message: Mapping[str, Any], render: Callable[[Reply], list[Message]]
) -> None:
    """A bot message through ``send``: a reply rendered by ``render``, any other message (a domain response
    with its own buttons or image) as it is."""
    reply = reply_in(message)
    if reply is None:
        await send(recipient_id, dict(message))
        return
    for rendered in render(reply):
        await send(recipient_id, rendered)
