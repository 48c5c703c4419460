"""The REST channel: every well-formed message gets a reply, every malformed request a clear HTTP 400.

Rasa's own ``RestInput`` answers a JSON array, string or null body with HTTP 500, a message of the
wrong type with an empty 200, and files messages without a sender under one shared "default"
conversation. This channel (same URL, ``POST /webhooks/rest/webhook``) reads the body itself,
refuses anything but ``{"sender": "<id>", "message": "<text>"}`` with ``{"error": ...}``, applies
the per-client rate limit (HTTP 429), and hands the rest to Rasa through ``channels.guard``
(empty, enormous and internal-command messages answered at the edge; a reply even when the turn fails,
the action server down or frozen included).

The sender names a conversation of the REST namespace only: ``{"sender": "ann"}`` is the conversation
``rest:ann`` (``channels.conversation_id``), so no REST request can reach a web, phone or Alexa
conversation, whatever it puts in ``sender``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.conversation_id import rest_conversation
from channels.guard import OnNewMessage, guard
from channels.guard.inputs import MAX_BODY_BYTES, InvalidInputError, check_sender, check_text, refusal
from channels.guard.rate_limits import client_allowed, client_of
from channels.render import rest as rest_render
from channels.render import send_rendered

logger = logging.getLogger(__name__)


def parse_body(body: bytes) -> tuple[str, str]:
    """``(sender, message)`` from a REST request body, or ``InvalidInputError`` saying what is wrong."""
    if len(body) > MAX_BODY_BYTES:
        raise InvalidInputError(f"the body is larger than {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise InvalidInputError('the body must be JSON: {"sender": "<id>", "message": "<text>"}') from None
    if not isinstance(data, dict):
        raise InvalidInputError("the body must be a JSON object with 'sender' and 'message'")
    if "sender" not in data:
        raise InvalidInputError("'sender' is missing: each conversation needs its own id")
    if "message" not in data:
        raise InvalidInputError("'message' is missing")
    return check_sender(data["sender"]), check_text(data["message"])


class RestOutput(CollectingOutputChannel):
    """Rasa's collecting output, with each reply rendered for REST (``channels/render/rest.py``)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await send_rendered(super().send_response, recipient_id, message, rest_render.render)


class GuardedRestInput(RestInput):
    """Rasa's REST channel (same URL and answer: a JSON list of bot messages) behind the input guard."""

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        guarded = guard(on_new_message)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text = parse_body(request.body or b"")
            except InvalidInputError as error:
                return refusal(str(error), 413 if len(request.body or b"") > MAX_BODY_BYTES else 400)
            if not client_allowed(client_of(request)):
                return refusal("too many messages from this address: wait a moment and try again", 429)
            collector = RestOutput()
            conversation = rest_conversation(sender)  # REST names only REST conversations
            try:
                await guarded(UserMessage(text, collector, conversation, input_channel=self.name()))
            except asyncio.CancelledError:
                logger.error("REST turn cancelled (client gone or server stopping)")
                raise
            messages: list[dict[str, Any]] = collector.messages
            return response.json(messages)

        webhook.add_route(health, "/", methods=["GET"])
        webhook.add_route(receive, "/webhook", methods=["POST"])
        return webhook
