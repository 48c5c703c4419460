"""The Alexa skill endpoint as a Rasa custom input channel: POST /webhooks/alexa/webhook.

Settings come from the environment, read once when Rasa builds the channel (Rasa's ``${VAR}`` in
credentials.yml fails when the variable is unset):

- ``ALEXA_SKILL_IDS``: comma-separated skill application ids (or ``application_ids`` in credentials.yml).
  With none configured every request is refused, as Alexa's rules require.
- ``ALEXA_TRUST_ROOTS``: a PEM bundle of trusted roots; certifi's bundle by default.
- ``ALEXA_CERT_CHAIN_DIR``: test seam only. Serves certificate chains from local files (named like the
  chain URL's last path segment) instead of downloading them; the URL rules still apply.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Collection
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.alexa import mapping
from channels.alexa.certs import ChainFetcher, fetch_from_dir
from channels.alexa.verify import RejectedRequestError, RequestVerifier, load_roots
from channels.conversation_id import conversation_id
from channels.guard import guard
from channels.render import alexa as alexa_render
from channels.render import received
from pacing import Reply

logger = logging.getLogger(__name__)

CHANNEL_NAME = alexa_render.CHANNEL
"""The input and output channel name; replies are rendered for it by ``channels/render/alexa.py``."""

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class AlexaOutput(CollectingOutputChannel):
    """Collects a turn's replies whole: one Alexa response says them all (``channels/render/alexa.py``)."""

    def __init__(self) -> None:
        super().__init__()
        self.replies: list[Reply] = []

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME  # same as the input channel, so channel-specific responses apply

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        reply = received(message)
        if reply is not None:
            self.replies.append(reply)


def _ids(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def verifier_from_environment(application_ids: Collection[str] = ()) -> RequestVerifier:
    """The production verifier, with the documented environment overrides."""
    ids = list(application_ids) or _ids(os.environ.get("ALEXA_SKILL_IDS", ""))
    if not ids:
        logger.warning("Alexa channel: no skill application id configured (ALEXA_SKILL_IDS); refusing all requests")
    chain_dir = os.environ.get("ALEXA_CERT_CHAIN_DIR")
    fetcher = ChainFetcher(fetch=fetch_from_dir(Path(chain_dir))) if chain_dir else ChainFetcher()
    if chain_dir:
        logger.warning("Alexa channel: certificate chains served from %s (test seam, not for production)", chain_dir)
    return RequestVerifier(
        roots=load_roots(os.environ.get("ALEXA_TRUST_ROOTS") or None), application_ids=ids, fetcher=fetcher
    )


class AlexaInput(InputChannel):
    """Verifies each request, passes it to Rasa as one message, answers with one spoken response."""

    def __init__(self, verifier: RequestVerifier) -> None:
        self.verifier = verifier

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> AlexaInput:
        return cls(verifier_from_environment(_ids((credentials or {}).get("application_ids"))))

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        alexa = Blueprint("alexa_webhook", __name__)
        guarded = guard(on_new_message)

        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def receive(request: Request) -> HTTPResponse:
            headers = {k: str(v) for k, v in request.headers.items()}
            body = request.body or b""
            try:
                envelope = await asyncio.to_thread(self.verifier.verify, headers, body)
            except RejectedRequestError as error:
                logger.warning("Alexa request refused: %s", error)
                return response.json({"error": "request failed verification"}, status=400)
            inbound = mapping.decide(envelope)
            sender = mapping.sender_id(envelope)
            if inbound.text is None:
                return response.json(alexa_render.empty())
            if sender is None:
                logger.warning("Alexa request refused: no user or session id")
                return response.json({"error": "no user or session id"}, status=400)
            output = AlexaOutput()
            conversation = conversation_id(CHANNEL_NAME, sender)  # the Alexa namespace: alexa:<user id>
            await guarded(UserMessage(inbound.text, output, conversation, input_channel=CHANNEL_NAME))
            return response.json(alexa_render.response(output.replies, stop_requested=inbound.ends_session))

        alexa.add_route(health, "/", methods=["GET"])
        alexa.add_route(receive, "/webhook", methods=["POST"])
        return alexa
