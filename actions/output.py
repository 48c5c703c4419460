"""Sends a core Reply once, in the same form on every channel; the Rasa server's channels render it.

The bot message is ``pacing.reply_data.message_of(reply)``: the reply's words as ``text`` and the whole
reply as data in ``custom``. Which channel the person is on matters to one thing only, whether the
server times holds (``channels.capabilities``); how the reply looks or sounds is the channel's business.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from channels import capabilities
from pacing import Reply
from pacing.reply_data import message_of


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """One reply, channel-blind."""
    message = message_of(reply)
    dispatcher.utter_message(text=message["text"], json_message=message["custom"])


def input_channel(tracker: Tracker) -> str | None:
    """The channel the person's latest message came from (a user event's ``input_channel``)."""
    return next((e.get("input_channel") for e in reversed(tracker.events) if e.get("event") == "user"), None)


def times_holds(tracker: Tracker) -> bool:
    """Whether the server tells the person when a timed hold is over on their channel (the web page)."""
    return capabilities.times_holds(input_channel(tracker))
