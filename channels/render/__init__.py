"""One renderer per channel: a core ``Reply`` (data) turned into the messages that channel sends.

``renderer_for`` maps the name of the channel the latest message came from (Rasa's ``input_channel``)
to its renderer. Adding a channel is one module with a ``Renderer`` plus one line in ``RENDERERS``.
This package imports no Rasa, so both the action server and the Rasa server's channels use it.
"""

from __future__ import annotations

from channels.render import alexa, phone, rest, web
from channels.render.base import Message, Renderer
from pacing import Reply

RENDERERS: dict[str, Renderer] = {
    web.CHANNEL: web.RENDERER,
    rest.CHANNEL: rest.RENDERER,
    alexa.CHANNEL: alexa.RENDERER,
    phone.CHANNEL: phone.RENDERER,
}
DEFAULT = rest.RENDERER
"""For channels with no renderer of their own (``make shell``'s cmdline, tests without a channel)."""


def renderer_for(channel: str | None) -> Renderer:
    """The renderer of ``channel``, else plain text."""
    return RENDERERS.get(channel or "", DEFAULT)


def render(reply: Reply, channel: str | None) -> list[Message]:
    """``reply`` as the messages ``channel`` sends."""
    return renderer_for(channel).render(reply)


__all__ = ["DEFAULT", "RENDERERS", "Message", "Renderer", "render", "renderer_for"]
