"""Twilio Voice for the clinic's phone line: Rasa's channel, but only Twilio may call it, through the input guard.

Rasa's ``TwilioVoiceInput`` accepts any POST: anyone could send ``From=<a patient's number>`` and hear
that caller's last reply, or send ``/restart`` and 200 KB of "speech" straight to Rasa. Here every
request must carry a valid ``X-Twilio-Signature`` (checked with twilio's own ``RequestValidator``
against the auth token in ``TWILIO_AUTH_TOKEN``; with no token every request is refused), and the
caller and speech go through ``channels.guard`` like every other channel's input.

Behind a reverse proxy Twilio signs the public URL, not the one Rasa sees: set ``TWILIO_WEBHOOK_URL``
to the URL configured on the Twilio number (e.g. ``https://coach.example.org/webhooks/twilio_voice/webhook``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.twilio_voice import TwilioVoiceInput
from rasa.shared.core.events import BotUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from channels.conversation_id import conversation_id
from channels.guard import (
    MAX_BODY_BYTES,
    InvalidInputError,
    OnNewMessage,
    check_sender,
    check_text,
    client_allowed,
    client_of,
    guard,
    refusal,
)
from channels.render import phone, received
from pacing import Reply

logger = logging.getLogger(__name__)

AUTH_TOKEN_ENV = "TWILIO_AUTH_TOKEN"
WEBHOOK_URL_ENV = "TWILIO_WEBHOOK_URL"
SIGNATURE_HEADER = "X-Twilio-Signature"


def keypad_text(digits: str | None) -> str | None:
    """What a caller keyed in, as the text Rasa reads: the digits (``*`` and ``#`` dropped), or None.

    Twilio sends ``Digits`` for a ``<Gather>`` that listens for DTMF; the line listens for speech and
    keys alike, so a caller can answer the pain check-in ("6", then the hash key) either way.
    """
    if digits is None:
        return None
    kept = "".join(c for c in digits if c.isdigit())
    return kept or None


class PhoneOutput(CollectingOutputChannel):
    """Collects a turn's replies whole: one TwiML response says them all (``channels/render/phone.py``)."""

    def __init__(self) -> None:
        super().__init__()
        self.replies: list[Reply] = []

    @classmethod
    def name(cls) -> str:
        return phone.CHANNEL

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        reply = received(message)
        if reply is not None:
            self.replies.append(reply)


class SignedTwilioVoiceInput(TwilioVoiceInput):
    """``/webhooks/twilio_voice/webhook``: verified, guarded, otherwise Rasa's Twilio Voice channel."""

    def signature_valid(self, request: Request) -> bool:
        token = os.environ.get(AUTH_TOKEN_ENV, "")
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not token or not signature:
            return False
        url = os.environ.get(WEBHOOK_URL_ENV) or request.url
        return bool(RequestValidator(token).validate(url, request.form, signature))

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        guarded = guard(on_new_message)
        webhook = Blueprint("Twilio_voice_webhook", __name__)
        if not os.environ.get(AUTH_TOKEN_ENV):
            logger.warning("Twilio Voice: %s is unset, so every request is refused", AUTH_TOKEN_ENV)

        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def receive(request: Request) -> HTTPResponse:
            if len(request.body or b"") > MAX_BODY_BYTES:
                return refusal(f"the body is larger than {MAX_BODY_BYTES} bytes", 413)
            if not self.signature_valid(request):
                return refusal("missing or invalid X-Twilio-Signature", 403)
            try:
                # The caller's conversation, in the phone namespace (channels/conversation_id.py).
                sender = conversation_id(self.name(), check_sender(request.form.get("From")))
                speech = request.form.get("SpeechResult")
                if speech is None:  # keypad digits (the check-in's 0-10, pacing/checkin.py), "#" ending them
                    speech = keypad_text(request.form.get("Digits"))
                text = None if speech is None else check_text(speech)
            except InvalidInputError as error:
                return refusal(str(error))
            if not client_allowed(client_of(request)):
                return refusal("too many requests from this address: wait a moment and try again", 429)
            if text is None and request.form.get("CallStatus") == "ringing":
                text = self.initial_prompt
            if text is None:  # silence: the last reply's prompt (what to say next), not the whole step again
                return self._twiml([Reply.plain(await self._reprompt(request, sender))])
            collector = PhoneOutput()
            await guarded(UserMessage(text, collector, sender, input_channel=self.name()))
            return self._twiml(collector.replies)

        webhook.add_route(health, "/", methods=["GET"])
        webhook.add_route(receive, "/webhook", methods=["POST"])
        return webhook

    async def _reprompt(self, request: Request, sender: str) -> str:
        """The prompt of the caller's last reply, else the channel's fallback phrase."""
        tracker = await request.app.ctx.agent.tracker_store.retrieve(sender)
        last = next((e for e in reversed(tracker.events) if isinstance(e, BotUttered)), None) if tracker else None
        reply = received(last.data) if last is not None else None
        said = phone.reprompt(reply) if reply is not None else None
        return said or str(self.reprompt_fallback_phrase)

    def _twiml(self, said: list[Reply]) -> HTTPResponse:
        twiml = phone.twiml(
            said,
            action=f"/webhooks/{self.name()}/webhook",
            voice=self.assistant_voice,
            speech_timeout=self.speech_timeout,
            speech_model=self.speech_model,
            enhanced=self.enhanced,
        )
        return response.text(str(twiml), content_type="text/xml")
