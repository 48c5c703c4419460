"""What a renderer is: a reply in, the channel's bot messages out."""

from __future__ import annotations

from typing import Any, Protocol

from pacing import Reply

Message = dict[str, Any]
"""One bot message as Rasa sends it: ``text``, ``buttons``, ``image``, ``custom`` (any of them)."""


class Renderer(Protocol):
    """Turns a core reply into one channel's form."""

    @property
    def times_holds(self) -> bool:
        """True when the server tells the person a timed hold is over (the web page); a speaker times it itself."""
        ...

    def render(self, reply: Reply) -> list[Message]:
        """The messages that say ``reply`` on this channel, in order."""
        ...
