"""Browser-bound chat sessions: the page server signs a token, the socket.io channel derives the session from it.

The page (web/serve.py) gives each new browser tab an *owner token*, ``<nonce>.<HMAC(secret, nonce)>``,
which the page keeps in ``sessionStorage`` and sends when it opens the socket. The socket.io channel
accepts only tokens it can verify, and the conversation id is itself derived from the token,
``HMAC(secret, "session:" + nonce)``: knowing a conversation id (from a screen, a log or a shared
device) gives no way to the token, so another browser presenting that id gets its own session instead.

Standard library only: the page server imports it without Rasa. The secret comes from the
``SESSION_SECRET`` environment variable, shared by the page server and Rasa (``scripts/run.sh``
generates one per start when it is unset, so sessions then last until the servers restart).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from dataclasses import dataclass
from typing import Any

from channels.conversation_id import conversation_id

logger = logging.getLogger(__name__)

SECRET_ENV = "SESSION_SECRET"
_TOKEN = re.compile(r"^(?P<nonce>[A-Za-z0-9_-]{16,64})\.(?P<mac>[0-9a-f]{64})$")
_IN_TEXT = (
    # any token (also percent-encoded), whatever a URL carries as owner= (a forged one too), engine.io sids
    re.compile(r"()(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{16,64}(?:\.|%2[Ee])[0-9a-fA-F]{64}(?![0-9a-fA-F])"),
    re.compile(r"(\bowner=)[^&\s'\"]+"),
    re.compile(r"(\bsid=)[^&\s'\"]+"),
    re.compile(r"(\b[Ss]ession )[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])"),  # python-engineio's "Invalid session <sid>"
)
REDACTED = "[redacted]"


@dataclass(frozen=True)
class SessionSigner:
    """Issues owner tokens and maps a valid one to its conversation id."""

    secret: bytes

    @classmethod
    def from_env(cls) -> SessionSigner:
        value = os.environ.get(SECRET_ENV, "")
        if not value:
            logger.warning("%s is unset: a random secret is used, so sessions end when this process stops", SECRET_ENV)
            return cls(secrets.token_bytes(32))
        return cls(value.encode("utf-8"))

    def _mac(self, purpose: str, nonce: str) -> str:
        return hmac.new(self.secret, f"{purpose}:{nonce}".encode(), hashlib.sha256).hexdigest()

    def issue(self) -> str:
        """A new owner token for a browser that has none."""
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{self._mac('owner', nonce)}"

    def session_for(self, token: object) -> str | None:
        """The conversation id a token owns (``web:<HMAC>``), or None when the token is not one this secret signed."""
        if not isinstance(token, str) or not (match := _TOKEN.match(token)):
            return None
        nonce = match.group("nonce")
        if not hmac.compare_digest(match.group("mac"), self._mac("owner", nonce)):
            return None
        return conversation_id("socketio", self._mac("session", nonce)[:32])


def redact_tokens(message: str) -> str:
    """``message`` with every owner token, ``?owner=`` value and engine.io ``sid`` replaced by ``[redacted]``."""
    for pattern in _IN_TEXT:
        message = pattern.sub(rf"\g<1>{REDACTED}", message)
    return message


_installed = False


def install_log_redaction() -> None:
    """Keep owner tokens out of every log line of this process from now on (idempotent).

    Sanic logs the full URL of a request that failed (``Exception occurred while handling uri: …``), and
    the widget's polling URLs carry ``?owner=<token>``: a log reader could replay it. A ``logging``
    record factory rewrites each record's message before any handler sees it.
    """
    global _installed
    if _installed:
        return
    _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to logging to report
            return record
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return record

    logging.setLogRecordFactory(factory)
