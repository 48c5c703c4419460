"""A Rasa session also ends once it holds many events, as it ends after ``session_expiration_time``.

Rasa loads, replays and featurizes every event of the current session on each turn, and sends them all
to the action server, so a turn costs more the longer the session: 400 turns of chat that never starts
a routine (routines start a new session themselves, actions/routine_actions.py) made each turn several
times slower. Here a session with more than :data:`DEFAULT_MAX_EVENTS` events (``SESSION_MAX_EVENTS``;
0 turns this off) has expired, so the next message starts a new one through Rasa's own
``action_session_start``: slots are carried over (``carry_over_slots_to_new_session: true`` in
domain.yml), every event stays in the tracker store, and the project's rules all start with an intent,
so no rule depends on what was said before the new session. A session with a web hold running
(``holds.running_hold``, the one rule for when a hold is over) whose release is due in the last minute
or later does not end this way: Rasa drops a reminder whose scheduling event is not in the current session.

Rasa's ``action_session_start`` carries slots over by copying every ``SlotSet`` event of the ended session,
the copies from the session before included, so each new session starts with more events than the last
(and this project starts a session per routine). Here it carries one ``SlotSet`` per slot, the last one
set: the same values, in the same final state, without the pile-up.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

from rasa.core.actions.action import ActionSessionStart
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import SessionStarted, SlotSet

import holds
from server_tuning import pinning

TARGET = "rasa.core.processor.MessageProcessor._has_session_expired"
STOCK = MessageProcessor.__dict__["_has_session_expired"]
"""Rasa's own method, as imported (before :func:`install` replaces it)."""
CARRY_OVER = "rasa.core.actions.action.ActionSessionStart._slot_set_events_from_tracker"
STOCK_CARRY_OVER = ActionSessionStart.__dict__["_slot_set_events_from_tracker"]
MAX_EVENTS_ENV = "SESSION_MAX_EVENTS"
DEFAULT_MAX_EVENTS = 40
"""About 7 turns of chat (a turn adds the message, its featurization, the action, its replies and slots,
action_listen). Measured over 400 turns of chat: with 100 the last turns still cost ×1.3-1.5 the first ones,
with 40 ×0.9 (README, "Performance")."""


def max_events() -> int:
    return int(os.environ.get(MAX_EVENTS_ENV) or DEFAULT_MAX_EVENTS)


REMINDER_GRACE = timedelta(minutes=1)
"""A release due this long ago may still be on its way (a busy server): keep its session."""


def too_long(events: Any, limit: int, sender_id: str, now: datetime | None = None) -> bool:
    """True when the current session (events after the last SessionStarted) has more than ``limit`` events
    and no hold is running in it (``holds.running_hold``) with its release due in :data:`REMINDER_GRACE` or later."""
    if limit <= 0:
        return False
    current: list[Any] = []
    for event in reversed(events):
        if isinstance(event, SessionStarted):
            break
        current.append(event)
    if len(current) <= limit:
        return False
    hold = holds.running_hold((event.as_dict() for event in reversed(current)), sender_id)
    return hold is None or hold.due < (now or datetime.now()) - REMINDER_GRACE


def has_session_expired(self: MessageProcessor, tracker: Any) -> bool:
    """Rasa's expiry (idle time), or a session grown past :func:`max_events` events."""
    if STOCK(self, tracker):
        return True
    if not self.domain.session_config.are_sessions_enabled():
        return False
    return too_long(tracker.events, max_events(), tracker.sender_id)


def slot_set_events_from_tracker(tracker: Any) -> list[SlotSet]:
    """The last ``SlotSet`` of each slot in the session (key, value and metadata), in the order they were set."""
    latest: dict[str, SlotSet] = {}
    for event in tracker.applied_events():
        if isinstance(event, SlotSet):
            latest.pop(event.key, None)
            latest[event.key] = SlotSet(key=event.key, value=event.value, metadata=event.metadata)
    return list(latest.values())


def install() -> bool:
    """Replaces Rasa's two methods when both are still the ones this override was written for."""
    if MessageProcessor._has_session_expired is has_session_expired:
        return True
    if not (pinning.unchanged(TARGET) and pinning.unchanged(CARRY_OVER)):
        return False
    MessageProcessor._has_session_expired = has_session_expired
    ActionSessionStart._slot_set_events_from_tracker = staticmethod(slot_set_events_from_tracker)
    return True
