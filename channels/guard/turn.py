"""``guard(on_new_message)``: every channel's turn, checked on the way in and always answered.

It repeats the edge checks (defence in depth for channels whose edge is not ours), answers empty,
enormous and internal-command messages itself, applies the per-sender limit, and after the turn says
so when the person's place could not be stored, or answers when Rasa sent nothing at all.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from channels.guard.answer import answer, counting_replies
from channels.guard.commands import rasa_command, served_intents
from channels.guard.inputs import MAX_MESSAGE_CHARS, UNREADABLE, InvalidInputError, check_conversation, check_text
from channels.guard.rate_limits import SLOW_DOWN, sender_allowed
from channels.long_message import reply_to_long
from pacing import Reply, replies
from storage import failures
from stretch_content import load_content

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
Intents = Callable[[], frozenset[str]]


def early_answer(message: UserMessage, allowed_commands: Intents) -> Reply | None:
    """The reply that stands in for Rasa's, when the message must not reach Rasa at all."""
    try:
        check_conversation(message.input_channel, message.sender_id)
        text = check_text(message.text or "").strip()
    except InvalidInputError as error:
        logger.warning("message refused on channel %s: %s", message.input_channel, error)
        return UNREADABLE
    if not sender_allowed(message.sender_id, message.input_channel):  # before the rest: junk counts too
        return SLOW_DOWN
    if not text:
        return replies.empty_message()
    if len(text) > MAX_MESSAGE_CHARS:  # read for safety all the same: an emergency in it is answered as one
        return reply_to_long(load_content(), text, MAX_MESSAGE_CHARS)
    command = rasa_command(text)
    if command is not None and command not in allowed_commands():
        return replies.unknown_command()
    return None


def guard(on_new_message: OnNewMessage, allowed_commands: Intents = served_intents) -> OnNewMessage:
    """``on_new_message`` that always answers, and passes Rasa only valid, reasonable, allowed text.

    ``allowed_commands`` gives the ``/intent`` names a person may send (the served model's, by default).
    """
    clinic = load_content().clinic

    async def guarded(message: UserMessage) -> None:
        early = early_answer(message, allowed_commands)
        if early is not None:
            await answer(message, early)
            return
        with failures.watch(message.sender_id) as storage, counting_replies(message.output_channel) as sent:
            try:
                await on_new_message(message)
            except Exception:
                logger.exception("turn failed on channel %s", message.input_channel)
        if storage.failure is not None:  # the place could not be read or saved: say so
            await answer(message, replies.cannot_save(clinic))
        elif sent.count == 0:
            await answer(message, replies.trouble(clinic))

    return guarded
