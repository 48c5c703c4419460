"""What a channel may pass on at all: a sender id, a text and metadata Rasa can keep, and the refusal.

A lone surrogate such as ``"\\udfff"`` makes Rasa's SQL tracker store raise (and Rasa then exits), so
every id and text must encode as UTF-8; ids carry no NUL or other control characters and are bounded.
A body that is not a JSON object with those fields is refused with HTTP 400 and ``{"error": ...}``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sanic import response
from sanic.response import HTTPResponse

from channels.conversation_id import belongs_to, namespace_of
from pacing import Reply

MAX_MESSAGE_CHARS = 1000
"""Longer messages are answered "too long" before NLU: nobody types a stretch request that long."""
MAX_SENDER_CHARS = 256
"""Longest sender id accepted (Alexa user ids are the longest real ones, about 200 characters)."""
MAX_BODY_BYTES = 256 * 1024
"""Largest request body a channel reads; larger ones get HTTP 413 without being parsed."""
MAX_METADATA_BYTES = 4096
"""Larger client metadata (socket.io ``customData``, REST ``metadata``) is dropped, not stored."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

UNREADABLE = Reply.plain("I couldn't read that message. Please type it again; nothing has changed in your stretch.")


class InvalidInputError(ValueError):
    """A request Rasa must not see; ``str(error)`` is the clear reason returned to the client."""


def _encodable(value: str, what: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError(f"{what} is not valid Unicode text") from None
    if "\x00" in value:
        raise InvalidInputError(f"{what} contains a NUL character")


def check_sender(value: object) -> str:
    """A sender id Rasa's tracker store can keep: a non-empty, printable, UTF-8-encodable string."""
    if not isinstance(value, str):
        raise InvalidInputError("'sender' must be a string")
    if not value.strip():
        raise InvalidInputError("'sender' must not be empty")
    if len(value) > MAX_SENDER_CHARS:
        raise InvalidInputError(f"'sender' is longer than {MAX_SENDER_CHARS} characters")
    _encodable(value, "'sender'")
    if _CONTROL.search(value):
        raise InvalidInputError("'sender' contains control characters")
    return value


def check_text(value: object) -> str:
    """A message text: a UTF-8-encodable string (its length is answered by the guard, not refused)."""
    if not isinstance(value, str):
        raise InvalidInputError("'message' must be a string")
    _encodable(value, "'message'")
    return value


def check_metadata(value: object) -> dict[str, Any] | None:
    """Client metadata: a small JSON object of encodable strings, or nothing."""
    if not isinstance(value, dict) or not value:
        return None
    try:
        size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    except (UnicodeEncodeError, TypeError, ValueError):
        return None
    return value if size <= MAX_METADATA_BYTES else None


def check_conversation(channel: str | None, sender_id: object) -> str:
    """A conversation id of ``channel``'s own namespace (``rest:…``, ``web:…``), its local part a valid sender."""
    if not isinstance(sender_id, str) or not belongs_to(channel, sender_id):
        raise InvalidInputError("the conversation id is not in its channel's namespace")
    namespace = namespace_of(channel)
    check_sender(sender_id[len(namespace) + 1 :] if namespace else sender_id)
    return sender_id


def refusal(error: str, status: int = 400) -> HTTPResponse:
    """The one error answer of every channel edge: ``{"error": "<why>"}`` with a 4xx status."""
    return response.json({"error": error}, status=status)
