"""One renderer per channel: a core ``Reply`` turned into what that channel sends.

The action server sends each reply once, as data (``pacing.reply_data``), whatever the channel. Each
output channel of the Rasa server renders it with its own module here: ``web`` (the page's card),
``rest`` (text, buttons, a picture link), ``alexa`` (SSML, reprompt, card), ``phone`` (TwiML with
pauses). The guard's own answers travel the same way. This package imports no Rasa.
"""

from __future__ import annotations

from channels.render.base import Message, received, reply_in, send_rendered

__all__ = ["Message", "received", "reply_in", "send_rendered"]
