"""Every message gets a reply: empty, enormous, internal-command or failed turns are answered at the edge.

Rasa drops a turn's replies when the action server is down ("Bot will continue, but the actions
events are lost"), and would run NLU over a megabyte of text. Wrapping ``on_new_message`` fixes
both for any channel; the conversation itself is left untouched in those cases.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from pacing import Reply, replies
from storage import failures as storage_failures
from storage.replies import cannot_save
from stretch_content import load_content

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000
"""Longer messages are refused before NLU: nobody types a stretch request that long."""

DOMAIN_FILE = Path(__file__).resolve().parents[1] / "domain.yml"
_COMMAND = re.compile(r"^/(\w+)")

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def user_intents(domain_file: Path = DOMAIN_FILE) -> frozenset[str]:
    """Intents a person (or a button) may send as ``/intent``: the domain's, minus timer-only ones.

    Rasa would also run its internal ``/restart`` or ``/session_start`` for anyone who types them,
    silently; those, and ``/EXTERNAL_*`` (sent only by the server's own reminders), get a clear answer instead.
    """
    intents = yaml.safe_load(domain_file.read_text(encoding="utf-8"))["intents"]
    names = {i if isinstance(i, str) else next(iter(i)) for i in intents}
    return frozenset(n for n in names if not n.startswith("EXTERNAL_"))


def _text_for(reply: Reply, message: UserMessage) -> str:
    return reply.ssml if message.input_channel == "alexa" else reply.text


async def _answer(message: UserMessage, reply: Reply) -> None:
    await message.output_channel.send_text_message(message.sender_id, _text_for(reply, message))


def guard(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that always answers, and never passes empty or enormous text to NLU."""
    clinic = load_content().clinic
    allowed_commands = user_intents()

    async def guarded(message: UserMessage) -> None:
        text = (message.text or "").strip()
        if not text:
            await _answer(message, replies.empty_message())
            return
        if len(text) > MAX_MESSAGE_CHARS:
            await _answer(message, replies.too_long(MAX_MESSAGE_CHARS))
            return
        if (command := _COMMAND.match(text)) and command.group(1) not in allowed_commands:
            await _answer(message, replies.unknown_command())
            return
        output = message.output_channel
        original = output.send_response
        sent = 0

        async def counting(recipient_id: str, reply: dict[str, Any]) -> None:
            nonlocal sent
            sent += 1
            await original(recipient_id, reply)

        output.send_response = counting
        storage_failures.take(message.sender_id)  # only this turn's storage failures count
        try:
            await on_new_message(message)
        except Exception:
            logger.exception("turn failed for %s", message.sender_id)
        finally:
            output.send_response = original
        if storage_failures.take(message.sender_id):  # the place could not be read or saved: say so
            await _answer(message, cannot_save(clinic))
        elif sent == 0:
            await _answer(message, replies.trouble(clinic))

    return guarded


class ReliableRestInput(RestInput):
    """Rasa's REST channel (same URL, /webhooks/rest/webhook) with the reply guarantee."""

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        blueprint: Blueprint = super().blueprint(guard(on_new_message))
        return blueprint
