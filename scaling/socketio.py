"""The project's socket.io channel, plus: a page that (re)connects gets its pending hold timer re-armed here.

Registered in the scaled stack's credentials (``scaling/config.py``) in place of
``channels.socketio.PollingSocketIOInput``, with the same settings. Why: ``scaling/hold_timer.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint
from sanic.request import Request

from channels.socketio import PollingSocketIOInput, WebOutput
from scaling import hold_timer

logger = logging.getLogger(__name__)


class ScaledSocketIOInput(PollingSocketIOInput):
    """``PollingSocketIOInput`` whose ``session_request`` also re-arms the session's pending hold timer."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace or "/"
        confirm_session = sio.handlers[namespace]["session_request"]

        async def session_request(sid: str, data: Any) -> None:
            await confirm_session(sid, data)
            session = await sio.get_session(sid)
            session_id = str(session["session_id"]) if self.session_persistence else sid
            request = sio.get_environ(sid, namespace=namespace).get("sanic.request")
            agent = request.app.ctx.agent if isinstance(request, Request) else None
            if agent is None or agent.processor is None:
                return
            try:
                await hold_timer.rearm(agent.processor, session_id, WebOutput(sio, self.bot_message_evt))
            except Exception:  # a store hiccup must not cost the person their connection
                logger.exception("Could not re-arm the hold timer of a reconnected conversation")

        sio.on("session_request", handler=session_request, namespace=namespace)
        return socketio_webhook
