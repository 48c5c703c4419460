"""Sends a core Reply through the renderer of the channel the latest message came from."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from channels.render import renderer_for
from pacing import Reply


def send(dispatcher: CollectingDispatcher, tracker: Tracker, reply: Reply) -> None:
    """One reply, as the person's channel shows or says it."""
    for message in renderer_for(tracker.get_latest_input_channel()).render(reply):
        dispatcher.utter_message(
            text=message.get("text"),
            image=message.get("image"),
            buttons=message.get("buttons") or [],
            json_message=message.get("custom"),
        )


def times_holds(tracker: Tracker) -> bool:
    """Whether the server tells the person when a timed hold is over on this channel (the web page)."""
    return renderer_for(tracker.get_latest_input_channel()).times_holds
