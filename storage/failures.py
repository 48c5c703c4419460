"""Storage failures seen during a turn, so the channel can tell the person their place was not kept.

Rasa wraps every tracker store in a ``FailSafeTrackerStore`` that swallows errors (and would keep
the conversation in memory). The project's store records the failure instead, on the turn that is
being watched: the channel's guard watches each turn (``watch``) and, when the store failed, answers
with ``pacing.replies.cannot_save``. The watch is a context variable, so it belongs to the one task
running the turn (and the tasks it starts): concurrent turns never see each other's failures, and a
failure outside any watched turn (a hold timer firing) is logged by the store and kept nowhere.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Watched:
    """One conversation's turn: what the store could not do for it (``"read"``, ``"save"``), if anything."""

    sender_id: str
    failure: str | None = None


_watched: ContextVar[Watched | None] = ContextVar("storage_failures_watched", default=None)


@contextlib.contextmanager
def watch(sender_id: str) -> Iterator[Watched]:
    """Collects the store's failures for ``sender_id`` during the block (including ``asyncio.run`` inside it)."""
    watched = Watched(sender_id)
    token = _watched.set(watched)
    try:
        yield watched
    finally:
        _watched.reset(token)


def record(sender_id: str, what: str) -> None:
    """Storing or reading ``sender_id``'s conversation failed (``what``: a short reason): tell its turn."""
    watched = _watched.get()
    if watched is not None and watched.sender_id == sender_id:
        watched.failure = what
