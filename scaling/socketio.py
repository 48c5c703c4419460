"""The project's socket.io channel, plus: a page that (re)connects gets its pending hold timer re-armed here.

Registered in the scaled stack's credentials (``scaling/config.py``) in place of
``channels.socketio.PollingSocketIOInput``, with the same settings. Why: ``scaling/hold_timer.py``.
"""

from __future__ import annotations

import logging

from sanic.request import Request

from channels.socketio import PollingSocketIOInput, WebOutput
from scaling import hold_timer

logger = logging.getLogger(__name__)


class ScaledSocketIOInput(PollingSocketIOInput):
    """``PollingSocketIOInput`` that re-arms the session's pending hold timer once a socket has its session."""

    async def session_confirmed(self, sid: str, session_id: str) -> None:
        request = self.sio.get_environ(sid, namespace=self.namespace or "/").get("sanic.request")
        agent = request.app.ctx.agent if isinstance(request, Request) else None
        if agent is None or agent.processor is None:
            return
        try:
            await hold_timer.rearm(agent.processor, session_id, WebOutput(self.sio, self.bot_message_evt))
        except Exception:  # a store hiccup must not cost the person their connection
            logger.exception("Could not re-arm the hold timer of a reconnected conversation")
