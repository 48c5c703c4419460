"""Rasa's socket.io channel, made to work for the clinic page on this platform, locked to its origin and its owner.

Rasa 3.6 builds its socket.io server inside ``SocketIOInput.blueprint()`` with upgrades allowed, every
origin accepted, no bound on packet size, and any client free to claim any ``session_id``. Here:

* ``allow_upgrades=False``: the websocket transport is broken with Sanic 21.12 on Python 3.11, and a
  client that probes the upgrade hangs; refusing upgrades keeps the widget on long-polling.
* Origins: only the clinic page may open a socket (``page_origin`` in credentials.yml, or the
  ``WEB_ORIGIN`` environment variable, which wins so a deployment or a test can set it). The
  ``connect`` handler refuses any other ``Origin`` (and none), so the restriction holds whatever
  ``--cors`` says. The CORS *headers* come from Rasa's ``--cors``, which must name the same origin:
  engine.io's own CORS stays off, as in Rasa, because two sets of headers make browsers refuse both.
* Bounds: packets up to ``MAX_PACKET_BYTES``, pings every ``PING_INTERVAL`` s, a silent client dropped
  after ``PING_TIMEOUT`` s more.
* Owners: a session belongs to the browser that created it (``channels.session_token``). The page
  passes its signed owner token as ``?owner=`` when it opens the socket; the session id is derived
  from the token, and a ``session_id`` sent by the client that is not the socket's own is ignored
  (``session_request``: the socket gets its own session; a message: dropped). A socket without a valid
  token gets a fresh random session that no one else can join.
* Conversation ids are in the web namespace, ``web:<id>`` (``channels.conversation_id``): no other
  channel can name them.
* engine.io sessions are bound to the client that opened them (``OwnerBoundEngineIOServer``): a request
  carrying another client's ``sid`` gets HTTP 400 and nothing of the session.
* Invalid polling packets get their HTTP 400 at once (``PromptEngineIOServer``), instead of a request held open;
  so does a POST after the client's own CLOSE packet (python-engineio answered it with a 500).
* python-socketio 5.10+ made ``enter_room`` a coroutine (Rasa issue #13027): it is awaited here.

Every message goes through the input guard (``channels.guard``): text checked, the per-client limit
here, the per-sender limit, commands, length and the reply guarantee in ``guard``.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import json
import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

import engineio
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.conversation_id import conversation_id
from channels.guard import (
    SLOW_DOWN,
    UNREADABLE,
    InvalidInputError,
    check_metadata,
    check_text,
    client_allowed,
    client_of,
    guard,
)
from channels.render import reply_in
from channels.render import web as web_render
from channels.session_token import SessionSigner, install_log_redaction

logger = logging.getLogger(__name__)

DEFAULT_PAGE_ORIGIN = "http://localhost:8080"
ORIGIN_ENV = "WEB_ORIGIN"
MAX_PACKET_BYTES = 64 * 1024
"""Largest engine.io payload accepted (a chat message is at most a few KB); larger ones are refused."""
PING_INTERVAL = 25
PING_TIMEOUT = 20


def page_origins(configured: str | None) -> list[str]:
    """The origins allowed to connect: the environment wins, then credentials, then the local page.

    Several origins may be given separated by commas (e.g. ``http://localhost:8080,http://127.0.0.1:8080``).
    """
    raw = os.environ.get(ORIGIN_ENV) or configured or DEFAULT_PAGE_ORIGIN
    origins = [o.strip().rstrip("/") for o in raw.split(",") if o.strip()]
    if "*" in origins:
        raise ValueError("the socket.io channel must name the page origin, not '*'")
    return origins


def owner_token(environ: dict[str, Any]) -> str:
    """The ``?owner=`` token of an engine.io request (empty when there is none)."""
    query = parse_qs(str(environ.get("QUERY_STRING", "")), max_num_fields=20)
    return query.get("owner", [""])[0]


def request_holder(environ: dict[str, Any]) -> str:
    """Who sends an engine.io request: its client address and a digest of its owner token (never the token)."""
    request = environ.get("sanic.request")
    client = client_of(request) if isinstance(request, Request) else str(environ.get("REMOTE_ADDR", "unknown"))
    token = hashlib.sha256(owner_token(environ).encode("utf-8", "replace")).hexdigest()
    return f"{client} {token}"


class OwnerBoundEngineIOServer(engineio.AsyncServer):
    """engine.io's server, with each session (``sid``) bound to the client that opened it.

    python-engineio treats the ``sid`` in the URL as the only credential: anyone who learns it (a proxy
    log, a shared screen, a browser extension) can poll the victim's replies, which the victim then
    never gets, or post packets in their name. Here the handshake records who opened the session (the
    client address and a digest of the ``?owner=`` token, ``request_holder``), and a polling request for
    that ``sid`` from anyone else gets the same HTTP 400 as an unknown session: the socket and its queued
    packets are not touched. A page whose address changes (a phone moving from Wi-Fi to mobile data)
    is refused in the same way, reconnects, and gets its conversation back through its owner token.
    """

    async def _trigger_event(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "connect" and len(args) >= 2 and isinstance(args[1], dict):  # (sid, environ): the handshake
            socket = self.sockets.get(str(args[0]))
            if socket is not None:
                socket.holder = request_holder(args[1])
        return await super()._trigger_event(event, *args, **kwargs)

    async def handle_request(self, *args: Any, **kwargs: Any) -> Any:
        request = args[0] if args else None
        if isinstance(request, Request):
            sid = request.args.get("sid")
            socket = self.sockets.get(sid) if sid else None
            holder = getattr(socket, "holder", None) if socket is not None else None
            environ = {"QUERY_STRING": request.query_string, "sanic.request": request}
            if holder is not None and not hmac.compare_digest(holder, request_holder(environ)):
                logger.warning("engine.io: a request for a session opened by another client refused")
                return await self._make_response(self._bad_request("Invalid session"), environ)
        return await super().handle_request(*args, **kwargs)


class PromptEngineIOServer(OwnerBoundEngineIOServer):
    """engine.io's server, except that dropping a client does not wait for the client to collect its CLOSE packet.

    python-engineio 4.15 answers an invalid long-polling POST (a client PING ``2``, a NOOP ``6``, a
    payload over ``max_http_buffer_size``) by disconnecting the socket and waiting until the client
    polls for the CLOSE packet: a client that never polls again holds the request open for as long as
    it likes. Here the socket is closed at once and the POST gets its HTTP 400 straight away.
    """

    async def handle_request(self, *args: Any, **kwargs: Any) -> Any:
        """engine.io's request handler, after forgetting the session this request names if its client closed it.

        A CLOSE packet (``1``) closes the socket but leaves it listed until the next poll; a POST before
        that poll made python-engineio raise ``KeyError('Session is disconnected')`` (HTTP 500). Unlisted,
        the POST gets engine.io's own 400 "Invalid session", as a GET already did.
        """
        request = args[0] if args else None
        sid = request.args.get("sid") if isinstance(request, Request) else None
        socket = self.sockets.get(sid) if sid else None
        if socket is not None and socket.closed:
            self.sockets.pop(sid, None)
        return await super().handle_request(*args, **kwargs)

    async def disconnect(self, sid: str | None = None) -> None:
        if sid is None:
            await super().disconnect()
            return
        socket = self.sockets.get(sid)
        if socket is not None:
            await socket.close(wait=False)
            self.sockets.pop(sid, None)


class BoundedAsyncServer(AsyncServer):
    """python-socketio's server on ``PromptEngineIOServer``."""

    def _engineio_server_class(self) -> type[engineio.AsyncServer]:
        return PromptEngineIOServer


class WebOutput(SocketIOOutput):
    """Rasa's socket.io output, with each reply sent as the page's card (``channels/render/web.py``)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        reply = reply_in(message)
        if reply is None:  # a domain response: Rasa's text, buttons, image
            await super().send_response(recipient_id, message)
            return
        await self.sio.emit(self.bot_message_evt, web_render.render(reply), room=recipient_id)


class PollingSocketIOInput(SocketIOInput):
    """socket.io for the clinic page: long-polling only, only the page's origin, sessions bound to their owner."""

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
        self.signer = SessionSigner.from_env()
        install_log_redaction()  # the widget's URLs carry ?owner=<token>; Sanic logs a failed request's URL

    def create_server(self) -> AsyncServer:
        """The socket.io server: no upgrades, bounded packets and pings; CORS left to Rasa's ``--cors``."""
        return BoundedAsyncServer(
            async_mode="sanic",
            allow_upgrades=False,
            cors_allowed_origins=[],
            max_http_buffer_size=MAX_PACKET_BYTES,
            ping_interval=PING_INTERVAL,
            ping_timeout=PING_TIMEOUT,
        )

    def origin_allowed(self, environ: dict[str, Any]) -> bool:
        """Whether the browser page asking to connect is the clinic page."""
        origin = str(environ.get("HTTP_ORIGIN", "")).rstrip("/")
        if origin in self.allowed_origins:
            return True
        logger.warning("socket.io connection from origin %r refused (allowed: %s)", origin, self.allowed_origins)
        return False

    def owned_session(self, environ: dict[str, Any]) -> str:
        """The session this socket may use, in the web namespace (``web:<id>``, ``channels.conversation_id``):
        derived from a valid ``?owner=`` token, else a fresh random one."""
        return self.signer.session_for(owner_token(environ)) or conversation_id(self.name(), uuid.uuid4().hex)

    def get_output_channel(self) -> OutputChannel | None:
        """The output for messages outside a turn (external events): the page's cards, as in a turn."""
        output = super().get_output_channel()
        return WebOutput(self.sio, self.bot_message_evt) if output is not None else None

    async def session_confirmed(self, sid: str, session_id: str) -> None:
        """Called once a socket has its session (after ``session_confirm``); a subclass's hook, nothing here."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's handlers (rasa/core/channels/socketio.py, 3.6.21), with owners, bounds and the guard.

        A copy: Rasa builds its socket.io server and handlers inside this method and offers no hook, so
        Rasa's method is pinned (``server_tuning/pins.py``) and a Rasa upgrade that changes it fails the pin test.
        """
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
            if self.jwt_key:
                token = auth.get("token") if isinstance(auth, dict) else None
                if not (token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm)):
                    return False
            # engine.io's Sanic driver reports every peer as 127.0.0.1; the Sanic request knows the real one.
            request = environ.get("sanic.request")
            client = client_of(request) if isinstance(request, Request) else "unknown"
            await sio.save_session(sid, {"session_id": self.owned_session(environ), "client": client})
            return True

        async def own_session(sid: str) -> tuple[str, str]:
            session = await sio.get_session(sid)
            return str(session["session_id"]), str(session["client"])

        async def session_request(sid: str, data: Any) -> None:
            own, _ = await own_session(sid)
            asked = data.get("session_id") if isinstance(data, dict) else None
            if asked and asked != own:
                logger.warning("socket.io: a socket asked for a session that is not its own; given its own")
            session_id = own if self.session_persistence else sid
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id)  # a coroutine since python-socketio 5.10
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", session_id, room=sid)
            await self.session_confirmed(sid, session_id)

        async def handle_message(sid: str, data: Any) -> None:
            own, client = await own_session(sid)
            sender_id = own if self.session_persistence else sid
            output_channel = WebOutput(sio, self.bot_message_evt)
            if not isinstance(data, dict):
                return
            if self.session_persistence and data.get("session_id") != own:
                logger.warning("socket.io: message for a session that is not the socket's own dropped")
                return
            if not client_allowed(client):
                await output_channel.send_text_message(sender_id, SLOW_DOWN.text)
                return
            try:
                text = check_text(data.get("message", ""))
            except InvalidInputError:
                await output_channel.send_text_message(sender_id, UNREADABLE.text)
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:  # a malformed client must not cost the person their reply
                    metadata = None
            message = UserMessage(
                text, output_channel, sender_id, input_channel=self.name(), metadata=check_metadata(metadata)
            )
            await on_new_message(message)

        socketio_webhook.add_route(health, "/", methods=["GET"])
        sio.on("connect", handler=connect, namespace=self.namespace)
        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
        return socketio_webhook
