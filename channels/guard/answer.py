"""The guard's own replies, and the promise that every turn gets one.

``answer`` sends a reply as the actions send theirs (the channel's output renders it). ``counting_replies`` counts
what Rasa sends during a turn, so the guard can answer when Rasa sent nothing (an action server down
or frozen, a turn that raised). It counts by replacing the output channel's ``send_response`` for
the turn and putting it back after: a wrapping channel would change ``output_channel.name()``, which
Rasa uses to pick channel-specific responses, and would be the channel reminders keep after the turn.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from pacing import Reply
from pacing.reply_data import message_of


async def answer(message: UserMessage, reply: Reply) -> None:
    """The guard's own reply, sent as the actions send theirs: the channel's output renders it."""
    await message.output_channel.send_response(message.sender_id, message_of(reply))


@dataclass
class Sent:
    """How many replies a turn sent."""

    count: int = 0


@contextlib.contextmanager
def counting_replies(output: OutputChannel) -> Iterator[Sent]:
    """Counts the replies sent through ``output`` inside the block; ``output`` is as before after it."""
    original = output.send_response
    sent = Sent()

    async def counting(recipient_id: str, reply: dict[str, Any]) -> None:
        sent.count += 1
        await original(recipient_id, reply)

    output.send_response = counting
    try:
        yield sent
    finally:
        output.send_response = original
