"""How often one conversation, and one network client, may send: token buckets in memory.

A per-sender and a per-client limit, each from the environment (``RATE_LIMIT_PER_SENDER``,
``RATE_LIMIT_PER_CLIENT``, as ``N/SECONDS``); in a scaled stack each server counts its own
(docs/scaling.md).
"""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from sanic.request import Request

from pacing import Reply

logger = logging.getLogger(__name__)

SENDER_LIMIT_ENV = "RATE_LIMIT_PER_SENDER"
CLIENT_LIMIT_ENV = "RATE_LIMIT_PER_CLIENT"
DEFAULT_SENDER_LIMIT = "60/60"
"""A conversation may send 60 messages a minute (bursts of 60): far above anyone doing a stretch."""
DEFAULT_CLIENT_LIMIT = "600/60"
"""One network address may send 600 messages a minute: a clinic's shared Wi-Fi, not one script."""

SLOW_DOWN = Reply.plain(
    "You're sending messages faster than I can follow. Please wait a few seconds and try again; "
    "nothing has changed in your stretch."
)


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


def sender_allowed(sender_id: str, channel: str | None) -> bool:
    """Counts one message against the conversation's limit; False when it is over."""
    allowed = sender_limiter().allow(sender_id)
    if not allowed:
        logger.warning("rate limit: a conversation on %s is over %s", channel, sender_limiter().limit)
    return allowed
