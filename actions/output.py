"""Sends a core Reply in the form the person's channel needs: shown on the web, spoken on a speaker."""

from __future__ import annotations

import os
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from pacing import Reply
from pacing.steps import phone_speech

VOICE_SSML_CHANNELS = frozenset({"alexa"})
"""Channels that speak SSML (our Alexa connector names its output channel ``alexa``)."""
VOICE_PLAIN_CHANNELS = frozenset({"twilio_voice"})
"""Channels that read plain text aloud (Twilio's <Say>)."""

POSE_IMAGE_BASE_URL = os.environ.get("POSE_IMAGE_BASE_URL", "http://localhost:8080/poses/")
"""Where the web page serves the pose pictures; set it to the public URL in a real deployment."""


def pose_image_url(name: str) -> str:
    return f"{POSE_IMAGE_BASE_URL.rstrip('/')}/{name}.svg"


def send(dispatcher: CollectingDispatcher, tracker: Tracker, reply: Reply) -> None:
    """One reply, rendered for the channel the latest message came from."""
    channel = tracker.get_latest_input_channel()
    if channel in VOICE_SSML_CHANNELS:
        dispatcher.utter_message(text=reply.ssml, json_message=voice_payload(reply))
    elif channel in VOICE_PLAIN_CHANNELS:
        dispatcher.utter_message(text=phone_speech(reply))
    else:
        # The picture goes first: chat widgets (rasa-webchat) show quick replies only on the last message.
        if reply.illustration:
            dispatcher.utter_message(image=pose_image_url(reply.illustration))
        dispatcher.utter_message(
            text=reply.text,
            buttons=[{"title": b.title, "payload": b.payload} for b in reply.buttons],
        )


def voice_payload(reply: Reply) -> dict[str, Any]:
    """What a speaker needs besides the speech: a reprompt and a card for the companion app."""
    return {
        "voice": {
            "ssml": reply.ssml,
            "reprompt": reply.reprompt,
            "card_title": reply.title,
            "card_text": reply.text,
        }
    }
