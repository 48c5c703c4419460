"""Rasa's Redis lock store, with each change to a conversation's lock made atomic across servers.

Rasa 3.6's ``RedisLockStore`` reads a conversation's ticket lock, changes it in Python and writes it
back (``issue_ticket``, ``update_lock``, ``cleanup``), with nothing stopping another Rasa server from
doing the same in between. Within one server that is safe (no ``await`` in between); across servers,
two messages of one person arriving together can get the same ticket, and both turns then run at once
on the same tracker: of twenty concurrent "next" messages, some moved the person on by the same step
(tests/scaled). Known upstream: RasaHQ/rasa#9213; Rasa's fix (``ConcurrentRedisLockStore``, PR #11256)
was reverted from Rasa Open Source and ships only in Rasa Pro.

Here each of those read-modify-writes runs under a short Redis mutex per conversation (redis-py's
``Lock``: ``SET NX PX`` with a token, released by a script that checks the token), so tickets are
unique and handed out in order. Everything else is Rasa's. Configured in the scaled stack's
endpoints as ``lock_store: type: scaling.lock_store.AtomicRedisLockStore`` with the settings of
Rasa's ``type: redis``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_SECONDS = 5.0
"""How long a mutex may be held (a crashed server's mutex expires then); each use lasts milliseconds."""
MUTEX_POLL_SECONDS = 0.002


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket changes are atomic across Rasa servers."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        # Rasa builds a custom lock store from its endpoint config alone.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    @contextmanager
    def _mutex(self, conversation_id: str) -> Iterator[None]:
        mutex = self.red.lock(
            f"{self.key_prefix}mutex:{conversation_id}",
            timeout=MUTEX_SECONDS,
            sleep=MUTEX_POLL_SECONDS,
            blocking_timeout=MUTEX_SECONDS,
        )
        with mutex:  # raises redis.exceptions.LockError if not acquired within blocking_timeout
            yield

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return int(super().issue_ticket(conversation_id, lock_lifetime))

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
