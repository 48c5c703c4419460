"""What the bot said in a turn, read from the JSON list of messages a channel answers with (REST's)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def said(messages: Sequence[Mapping[str, object]]) -> str:
    """The texts of the bot's messages, one a line (a message without text counts as an empty line)."""
    return "\n".join(str(m.get("text") or "") for m in messages)


def buttons(messages: Sequence[Mapping[str, object]]) -> list[str]:
    """The titles of every button offered, in order."""
    titles: list[str] = []
    for message in messages:
        offered = message.get("buttons")
        if isinstance(offered, list):
            titles += [str(b.get("title")) for b in offered if isinstance(b, dict)]
    return titles
