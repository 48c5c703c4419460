"""One input guard for every channel (REST, socket.io, Twilio Voice, Alexa): what may reach Rasa at all.

Checked at each channel's edge, before Rasa sees anything:

* the sender id and the text are strings, encodable as UTF-8 (a lone surrogate such as ``"\\udfff"``
  makes Rasa's SQL tracker store raise, and Rasa then exits), without NUL or other control
  characters in the sender id, and of bounded length; a body that is not a JSON object with those
  fields is refused with HTTP 400 and a JSON ``{"error": ...}``;
* ``/command`` messages are matched the way Rasa 3.6 unpacks them (``YAMLStoryReader.unpack_regex_message``:
  the text is stripped, then ``/`` followed by a name up to ``{`` or ``@``, itself stripped), so
  ``/ restart`` is the internal ``restart`` intent exactly as ``/restart`` is, and is refused;
* a per-sender and a per-client rate limit (token buckets, in memory; see ``RateLimit``);
* every conversation id is in its channel's namespace (``channels.conversation_id``: ``rest:…``,
  ``web:…``, ``phone:…``, ``alexa:…``), so no channel can name another channel's conversation.

``guard(on_new_message)`` wraps Rasa's handler for every channel: it repeats the checks (defence in
depth for channels whose edge is not ours), answers empty, enormous and internal-command messages
itself, applies the per-sender limit, and guarantees a reply when the turn fails.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import UserMessage
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.conversation_id import belongs_to, namespace_of
from channels.long_message import reply_to_long
from pacing import Reply, replies
from pacing.reply_data import message_of
from storage import failures as storage_failures
from storage.replies import cannot_save
from stretch_content import load_content

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000
"""Longer messages are answered "too long" before NLU: nobody types a stretch request that long."""
MAX_SENDER_CHARS = 256
"""Longest sender id accepted (Alexa user ids are the longest real ones, about 200 characters)."""
MAX_BODY_BYTES = 256 * 1024
"""Largest request body a channel reads; larger ones get HTTP 413 without being parsed."""
MAX_METADATA_BYTES = 4096
"""Larger client metadata (socket.io ``customData``, REST ``metadata``) is dropped, not stored."""

SENDER_LIMIT_ENV = "RATE_LIMIT_PER_SENDER"
CLIENT_LIMIT_ENV = "RATE_LIMIT_PER_CLIENT"
DEFAULT_SENDER_LIMIT = "60/60"
"""A conversation may send 60 messages a minute (bursts of 60): far above anyone doing a stretch."""
DEFAULT_CLIENT_LIMIT = "600/60"
"""One network address may send 600 messages a minute: a clinic's shared Wi-Fi, not one script."""

DOMAIN_FILE = Path(__file__).resolve().parents[1] / "domain.yml"
_RASA_COMMAND = re.compile(r"^/(?P<name>[^{@]+)")  # rasa YAMLStoryReader._regex_message_pattern, intent part
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

SLOW_DOWN = Reply.plain(
    "You're sending messages faster than I can follow. Please wait a few seconds and try again; "
    "nothing has changed in your stretch."
)
UNREADABLE = Reply.plain("I couldn't read that message. Please type it again; nothing has changed in your stretch.")

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


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
    """A message text: a UTF-8-encodable string (its length is answered by ``guard``, not refused)."""
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


def refusal(error: str, status: int = 400) -> HTTPResponse:
    """The one error answer of every channel edge: ``{"error": "<why>"}`` with a 4xx status."""
    return response.json({"error": error}, status=status)


def rasa_command(text: str) -> str | None:
    """The intent Rasa would run for ``text`` typed as a command (``/ restart``, ``/back@1.0``), else None."""
    match = _RASA_COMMAND.match(text.strip())
    return match.group("name").strip() if match else None


def user_intents(domain_file: Path = DOMAIN_FILE) -> frozenset[str]:
    """Intents a person (or a button) may send as ``/intent``: the domain's, minus timer-only ones.

    Rasa would also run its internal ``/restart``, ``/back`` or ``/session_start`` for anyone who types
    them, silently; those, and ``/EXTERNAL_*`` (sent only by the server's own reminders), get a clear answer.
    """
    intents = yaml.safe_load(domain_file.read_text(encoding="utf-8"))["intents"]
    names = {i if isinstance(i, str) else next(iter(i)) for i in intents}
    return frozenset(n for n in names if not n.startswith("EXTERNAL_"))


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` messages per ``seconds``, as a token bucket (bursts up to ``count``); 0 is off."""

    count: int
    seconds: float

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """``"60/60"`` is 60 messages a minute; ``"0"`` turns the limit off."""
        count, _, seconds = text.strip().partition("/")
        limit = cls(int(count), float(seconds or 60))
        if limit.count < 0 or limit.seconds <= 0:
            raise ValueError(f"bad rate limit {text!r}: expected N/SECONDS")
        return limit

    @classmethod
    def from_env(cls, name: str, default: str) -> RateLimit:
        return cls.parse(os.environ.get(name) or default)


@dataclass
class RateLimiter:
    """Token buckets per key, in memory; only the ``max_keys`` most recently seen keys are kept."""

    limit: RateLimit
    max_keys: int = 50_000
    clock: Callable[[], float] = time.monotonic
    _buckets: OrderedDict[str, tuple[float, float]] = field(default_factory=OrderedDict)

    def allow(self, key: str) -> bool:
        if self.limit.count == 0:
            return True
        now = self.clock()
        tokens, last = self._buckets.pop(key, (float(self.limit.count), now))
        tokens = min(float(self.limit.count), tokens + (now - last) * self.limit.count / self.limit.seconds)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return allowed


@cache
def sender_limiter() -> RateLimiter:
    return RateLimiter(RateLimit.from_env(SENDER_LIMIT_ENV, DEFAULT_SENDER_LIMIT))


@cache
def client_limiter() -> RateLimiter:
    return RateLimiter(RateLimit.from_env(CLIENT_LIMIT_ENV, DEFAULT_CLIENT_LIMIT))


def client_of(request: Request) -> str:
    """The network client: the peer address, or the proxy's forwarded one when Sanic is told to trust it
    (``SANIC_PROXIES_COUNT`` / ``SANIC_REAL_IP_HEADER``, see docs/security.md)."""
    return str(request.remote_addr or request.ip or "unknown")


def client_allowed(client: str) -> bool:
    """Counts one message against the client's limit; False when it is over."""
    allowed = client_limiter().allow(client)
    if not allowed:
        logger.warning("rate limit: client %s is over %s", client, client_limiter().limit)
    return allowed


async def _answer(message: UserMessage, reply: Reply) -> None:
    """The guard's own reply, sent as the actions send theirs: the channel's output renders it."""
    await message.output_channel.send_response(message.sender_id, message_of(reply))


def check_conversation(channel: str | None, sender_id: object) -> str:
    """A conversation id of ``channel``'s own namespace (``rest:…``, ``web:…``), its local part a valid sender."""
    if not isinstance(sender_id, str) or not belongs_to(channel, sender_id):
        raise InvalidInputError("the conversation id is not in its channel's namespace")
    namespace = namespace_of(channel)
    check_sender(sender_id[len(namespace) + 1 :] if namespace else sender_id)
    return sender_id


def _early_answer(message: UserMessage, allowed_commands: frozenset[str]) -> Reply | None:
    """The reply that stands in for Rasa's, when the message must not reach Rasa at all."""
    try:
        check_conversation(message.input_channel, message.sender_id)
        text = check_text(message.text or "").strip()
    except InvalidInputError as error:
        logger.warning("message refused on channel %s: %s", message.input_channel, error)
        return UNREADABLE
    if not sender_limiter().allow(message.sender_id):  # before the rest: a flood of junk counts too
        logger.warning("rate limit: a conversation on %s is over %s", message.input_channel, sender_limiter().limit)
        return SLOW_DOWN
    if not text:
        return replies.empty_message()
    if len(text) > MAX_MESSAGE_CHARS:  # read for safety all the same: an emergency in it is answered as one
        return reply_to_long(load_content(), text, MAX_MESSAGE_CHARS)
    command = rasa_command(text)
    if command is not None and command not in allowed_commands:
        return replies.unknown_command()
    return None


def guard(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that always answers, and passes Rasa only valid, reasonable, allowed text."""
    clinic = load_content().clinic
    allowed_commands = user_intents()

    async def guarded(message: UserMessage) -> None:
        early = _early_answer(message, allowed_commands)
        if early is not None:
            await _answer(message, early)
            return
        output = message.output_channel
        original = output.send_response
        sent = 0

        async def counting(recipient_id: str, reply: dict[str, Any]) -> None:
            nonlocal sent
            sent += 1
            await original(recipient_id, reply)

        output.send_response = counting
        storage_failures.take(message.sender_id)  # only this turn's storage failures count
        try:
            await on_new_message(message)
        except Exception:
            logger.exception("turn failed on channel %s", message.input_channel)
        finally:
            output.send_response = original
        if storage_failures.take(message.sender_id):  # the place could not be read or saved: say so
            await _answer(message, cannot_save(clinic))
        elif sent == 0:
            await _answer(message, replies.trouble(clinic))

    return guarded
