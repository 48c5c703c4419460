"""A person's history read back from the progress store, for the greeting, the session start and "how am I doing?"."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from actions import progress_checkin
from pacing import Reply, progress

if TYPE_CHECKING:
    from actions.base import Turn

clock: Callable[[], float] = time.time
"""Seconds since the epoch; a seam for tests."""


def sessions(turn: Turn) -> list[progress.Session] | None:
    """The person's sessions, oldest first; None without a store (or when it cannot be read)."""
    found = progress_checkin.store()
    history = found.history(turn.tracker.sender_id) if found is not None else None
    if history is None:
        return None
    return progress.sessions_of(
        ((s.session_id, s.event, s.stretch, s.at) for s in history.sessions),
        ((c.session_id, c.phase, c.score, c.at) for c in history.checkins),
    )


def welcome_back(turn: Turn) -> Reply | None:
    """ "Welcome back. You've done 2 sessions in the past 7 days." for a returning person; None otherwise."""
    known = sessions(turn)
    line = progress.welcome_back(known, clock()) if known else None
    return Reply.plain(line) if line else None


def rhythm(turn: Turn) -> Reply | None:
    """At a session's start (already recorded): "Welcome back. This is your 3rd session in the past 7 days." """
    known = sessions(turn)
    line = progress.rhythm(known, clock()) if known else None
    return Reply.plain(line) if line else None
