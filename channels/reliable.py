"""Every message gets a reply: empty, enormous or failed turns are answered at the channel edge.

Rasa drops a turn's replies when the action server is down ("Bot will continue, but the actions
events are lost"), and would run NLU over a megabyte of text. Wrapping ``on_new_message`` fixes
both for any channel; the conversation itself is left untouched in those cases.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from pacing import Reply, replies
from stretch_content import load_content

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000
"""Longer messages are refused before NLU: nobody types a stretch request that long."""

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def _text_for(reply: Reply, message: UserMessage) -> str:
    return reply.ssml if message.input_channel == "alexa" else reply.text


async def _answer(message: UserMessage, reply: Reply) -> None:
    await message.output_channel.send_text_message(message.sender_id, _text_for(reply, message))


def guard(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that always answers, and never passes empty or enormous text to NLU."""
    clinic = load_content().clinic

    async def guarded(message: UserMessage) -> None:
        text = (message.text or "").strip()
        if not text:
            await _answer(message, replies.empty_message())
            return
        if len(text) > MAX_MESSAGE_CHARS:
            await _answer(message, replies.too_long(MAX_MESSAGE_CHARS))
            return
        output = message.output_channel
        original = output.send_response
        sent = 0

        async def counting(recipient_id: str, reply: dict[str, Any]) -> None:
            nonlocal sent
            sent += 1
            await original(recipient_id, reply)

        output.send_response = counting
        try:
            await on_new_message(message)
        except Exception:
            logger.exception("turn failed for %s", message.sender_id)
        finally:
            output.send_response = original
        if sent == 0:
            await _answer(message, replies.trouble(clinic))

    return guarded


class ReliableRestInput(RestInput):
    """Rasa's REST channel (same URL, /webhooks/rest/webhook) with the reply guarantee."""

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        blueprint: Blueprint = super().blueprint(guard(on_new_message))
        return blueprint
