"""Storage failures seen during a turn, per conversation, so the channel can tell the person.

Rasa wraps every tracker store in a ``FailSafeTrackerStore`` that swallows errors (and would keep
the conversation in memory). The project's store records the failure here instead; the channel's
reply guard takes it after the turn and answers with ``storage.replies.cannot_save``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

MAX_PENDING = 10_000
"""Failures nobody has taken yet are forgotten oldest-first beyond this (bounded memory)."""

_pending: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()


def record(sender_id: str, what: str) -> None:
    """Remember that storing or reading ``sender_id``'s conversation failed (``what``: a short reason)."""
    with _lock:
        _pending[sender_id] = what
        _pending.move_to_end(sender_id)
        while len(_pending) > MAX_PENDING:
            _pending.popitem(last=False)


def take(sender_id: str) -> str | None:
    """The failure recorded for ``sender_id`` since the last call, if any (and forget it)."""
    with _lock:
        return _pending.pop(sender_id, None)
