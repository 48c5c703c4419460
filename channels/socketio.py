"""Rasa's socket.io channel, made to work for the clinic page on this platform and locked to its origin.

Rasa 3.6 builds its socket.io server inside ``SocketIOInput.blueprint()`` with upgrades allowed and
every origin accepted. Two things must differ here:

* ``allow_upgrades=False``: the websocket transport is broken with Sanic 21.12 on Python 3.11, and a
  client that probes the upgrade hangs; refusing upgrades keeps the widget on long-polling.
* Origins: only the clinic page may open a socket (``page_origin`` in credentials.yml, or the
  ``WEB_ORIGIN`` environment variable, which wins so a deployment or a test can set it). The
  ``connect`` handler refuses any other ``Origin`` (and none), so the restriction holds whatever
  ``--cors`` says. The CORS *headers* come from Rasa's ``--cors``, which must name the same origin:
  engine.io's own CORS stays off, as in Rasa, because two sets of headers make browsers refuse both.

Every message gets a reply through the same guard as the REST channel (``channels.reliable``);
everything else (events, session persistence, metadata) behaves as Rasa's own channel does.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import rasa.shared.utils.io
from rasa.core.channels.channel import InputChannel, UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.reliable import guard

logger = logging.getLogger(__name__)

DEFAULT_PAGE_ORIGIN = "http://localhost:8080"
ORIGIN_ENV = "WEB_ORIGIN"


def page_origins(configured: str | None) -> list[str]:
    """The origins allowed to connect: the environment wins, then credentials, then the local page.

    Several origins may be given separated by commas (e.g. ``http://localhost:8080,http://127.0.0.1:8080``).
    """
    raw = os.environ.get(ORIGIN_ENV) or configured or DEFAULT_PAGE_ORIGIN
    origins = [o.strip().rstrip("/") for o in raw.split(",") if o.strip()]
    if "*" in origins:
        raise ValueError("the socket.io channel must name the page origin, not '*'")
    return origins


class PollingSocketIOInput(SocketIOInput):
    """socket.io for the clinic page: long-polling only, only the page's origin."""

    @classmethod
    def name(cls) -> str:
        # The output channel and the actions (hold timers, images) know this channel as "socketio".
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        assert isinstance(channel, PollingSocketIOInput)
        channel.allowed_origins = page_origins(credentials.get("page_origin"))
        return channel

    def __init__(self, *args: Any, allowed_origins: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_origins = allowed_origins or page_origins(None)

    def create_server(self) -> AsyncServer:
        """The socket.io server: no transport upgrades; CORS headers left to Rasa's ``--cors`` (see above)."""
        return AsyncServer(async_mode="sanic", allow_upgrades=False, cors_allowed_origins=[])

    def origin_allowed(self, environ: dict[str, Any]) -> bool:
        """Whether the browser page asking to connect is the clinic page."""
        origin = str(environ.get("HTTP_ORIGIN", "")).rstrip("/")
        if origin in self.allowed_origins:
            return True
        logger.warning("socket.io connection from origin %r refused (allowed: %s)", origin, self.allowed_origins)
        return False

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's own handlers (rasa/core/channels/socketio.py, 3.6.21) on a server built by ``create_server``."""
        on_new_message = guard(on_new_message)
        sio = self.create_server()
        socketio_webhook: Blueprint = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio  # get_output_channel() uses it for reminders and external events
        logger.info("socket.io channel: long-polling only, origins %s", ", ".join(self.allowed_origins))

        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def connect(sid: str, environ: dict[str, Any], auth: dict[str, Any] | None) -> bool:
            if not self.origin_allowed(environ):
                return False
            if not self.jwt_key:
                return True
            token = (auth or {}).get("token")
            return bool(token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))

        async def session_request(sid: str, data: dict[str, Any] | None) -> None:
            data = data or {}
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                sio.enter_room(sid, data["session_id"])
            await sio.emit("session_confirm", data["session_id"], room=sid)

        async def handle_message(sid: str, data: dict[str, Any]) -> None:
            output_channel = SocketIOOutput(sio, self.bot_message_evt)
            if self.session_persistence:
                if not data.get("session_id"):
                    rasa.shared.utils.io.raise_warning("socket.io message without a session_id ignored")
                    return
                sender_id = data["session_id"]
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key, {})
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:  # a malformed client must not cost the person their reply
                    metadata = {}
            message = UserMessage(
                data.get("message", ""), output_channel, sender_id, input_channel=self.name(), metadata=metadata
            )
            await on_new_message(message)

        socketio_webhook.add_route(health, "/", methods=["GET"])
        sio.on("connect", handler=connect, namespace=self.namespace)
        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
        return socketio_webhook
