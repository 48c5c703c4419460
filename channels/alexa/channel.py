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

from actions.routine_state import STRETCH_SLOT
from channels.alexa import mapping
from channels.alexa import response as alexa_response
from channels.alexa.certs import ChainFetcher, fetch_from_dir
from channels.alexa.verify import RejectedRequestError, RequestVerifier, load_roots
from channels.reliable import guard

logger = logging.getLogger(__name__)

CHANNEL_NAME = "alexa"
ENDING_RASA_INTENTS = frozenset({"goodbye"})
"""A catch-all turn that Rasa reads as one of these ends the session after the reply."""

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class AlexaOutput(CollectingOutputChannel):
    """Collects a turn's messages whole (speech, reprompt and card travel together in ``custom``)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME  # same as the input channel, so channel-specific responses apply

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await self._persist_message({"recipient_id": recipient_id, **message})


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
                return response.json(alexa_response.empty())
            if sender is None:
                logger.warning("Alexa request refused: no user or session id")
                return response.json({"error": "no user or session id"}, status=400)
            text, ends = inbound.text, inbound.ends_session
            if text == mapping.STOP_MESSAGE and ends and not await self._in_routine(request, sender):
                text = mapping.GOODBYE_MESSAGE
            output = AlexaOutput()
            await guarded(UserMessage(text, output, sender, input_channel=CHANNEL_NAME))
            if not ends and text and not text.startswith("/"):
                ends = await self._latest_intent(request, sender) in ENDING_RASA_INTENTS
            return response.json(alexa_response.build(output.messages, end_session=ends))

        alexa.add_route(health, "/", methods=["GET"])
        alexa.add_route(receive, "/webhook", methods=["POST"])
        return alexa

    @staticmethod
    async def _tracker(request: Request, sender: str) -> Any:
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or agent.tracker_store is None:
            return None
        try:
            return await agent.tracker_store.retrieve(sender)
        except Exception:  # a tracker-store hiccup must not fail the turn
            logger.exception("could not read the tracker of %s", sender)
            return None

    async def _in_routine(self, request: Request, sender: str) -> bool:
        tracker = await self._tracker(request, sender)
        return bool(tracker and tracker.get_slot(STRETCH_SLOT))

    async def _latest_intent(self, request: Request, sender: str) -> str | None:
        tracker = await self._tracker(request, sender)
        if tracker is None:
            return None
        name = (tracker.latest_message.intent or {}).get("name")
        return name if isinstance(name, str) else None
