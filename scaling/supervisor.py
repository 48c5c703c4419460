"""``make run-scaled`` keeps every server running: one that stops is started again, the others carry on.

Before, ``scripts/run_scaled.py`` restarted a stopped Rasa server but stopped the whole stack when the
action server, the page, PostgreSQL, Redis or HAProxy stopped: one crash took every conversation down.
Now each of them is started again, like ``scripts/run.sh`` does for ``make run``: after 1 s, then 2,
4 ... up to 30 s while it keeps stopping within a minute of its start (``Backoff``), so a server that
cannot start does not spin. Meanwhile every turn still gets a reply with the clinic's number and keeps
its place (``channels.guard``; the action endpoint's timeout bounds the wait, ``endpoints.yml``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass
class Backoff:
    """When to start a stopped server again: ``first`` s, doubling up to ``longest`` while it keeps failing."""

    first: float = 1.0
    longest: float = 30.0
    steady: float = 60.0
    """A server that ran this long before it stopped is starting afresh: its next delay is ``first`` again."""
    _delay: dict[str, float] = field(default_factory=dict)
    _started: dict[str, float] = field(default_factory=dict)

    def started(self, name: str, now: float) -> None:
        self._started[name] = now

    def delay_after_stop(self, name: str, now: float) -> float:
        """Seconds to wait before starting ``name`` again, now that it stopped."""
        ran = now - self._started.get(name, now)
        delay = self.first if ran >= self.steady else self._delay.get(name, self.first)
        self._delay[name] = min(self.longest, delay * 2)
        return delay


@dataclass
class Supervised:
    """A server the supervisor watches: whether it runs, and how to start it (without waiting for it)."""

    name: str
    running: Callable[[], bool]
    start: Callable[[], object]


@dataclass
class Supervisor:
    """Checks each server every ``interval`` s and starts a stopped one again after its ``Backoff`` delay."""

    servers: list[Supervised]
    backoff: Backoff = field(default_factory=Backoff)
    clock: Callable[[], float] = time.monotonic
    say: Callable[[str], None] = print
    _due: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for server in self.servers:
            self.backoff.started(server.name, self.clock())

    def check(self) -> list[str]:
        """One round: notes stopped servers, starts those whose delay is over; returns the names started."""
        started = []
        for server in self.servers:
            now = self.clock()
            if server.name not in self._due:
                if server.running():
                    continue
                delay = self.backoff.delay_after_stop(server.name, now)
                self._due[server.name] = now + delay
                self.say(f"{server.name} stopped; starting it again in {delay:.0f} s (the others carry on)")
            if now < self._due[server.name]:
                continue
            del self._due[server.name]
            try:
                server.start()
            except Exception as error:  # a failed start is another stop: retried after its delay
                self.say(f"{server.name} did not start: {error}")
            self.backoff.started(server.name, self.clock())
            started.append(server.name)
        return started
