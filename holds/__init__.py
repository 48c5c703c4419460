"""The web hold's release timer: its name, and the one rule for when a hold is over.

On the web page the server times a hold: the action that shows a timed step schedules a Rasa reminder
(``ReminderScheduled``, intent :data:`HOLD_OVER_INTENT`, named :func:`timer_name`), and when it fires Rasa
runs ``action_hold_over``, which tells the person to release. Three places read the timer back from the
conversation's events: the actions (a question mid-hold re-arms it for the time left, ``actions/base.py``),
the Rasa server's session limit (a session with a hold running does not end, ``server_tuning/session_length.py``)
and the scaled stack (a reconnected page gets its pending release re-armed, ``scaling/hold_timer.py``).
They all ask :func:`running_hold`, so they agree on one rule:

    A hold runs from the latest release timer set in the conversation until the person's next message
    (the release itself, the hold-over message, included), which is what Rasa does with the reminder
    (``kill_on_user_message``; an answer that keeps the person holding sets the timer again).

The turn being answered is not "next": an action reads the tracker with the message it answers at the end
(``answering=True``), and that message ends the hold only when it is the release.

Plain Python on serialised events (Rasa's ``Event.as_dict()``, rasa-sdk's ``tracker.events``), so both
servers import it without the other's packages: no Rasa, no rasa-sdk, no action package, no content.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

HOLD_OVER_INTENT = "EXTERNAL_hold_over"
"""The intent the release timer triggers (``action_hold_over`` answers it)."""
TIMER_PREFIX = "hold_timer"
"""Prefix of the release timer's name; the name ends with the conversation id (:func:`timer_name`)."""


def timer_name(sender_id: str) -> str:
    """The release timer's name, one per conversation.

    Rasa 3.6 schedules a reminder as a job whose id is the reminder's *name* alone
    (``MessageProcessor._schedule_reminders``: ``id=e.name, replace_existing=True``), in one scheduler
    for the whole server: a fixed name made each new hold anywhere replace the pending release of every
    other conversation, so of two people holding at once only the later one was told to release.
    """
    return f"{TIMER_PREFIX}_{sender_id}"


@dataclass(frozen=True)
class Hold:
    """A hold that is running: when its release is due, and the timer event that set it."""

    due: datetime
    """Local time without a zone, as ``datetime.now()`` (the servers run on one clock)."""
    event: Mapping[str, Any]

    def seconds_left(self, now: datetime | None = None) -> float:
        return (self.due - (now or datetime.now())).total_seconds()


def is_release(event: Mapping[str, Any]) -> bool:
    """Whether a user event is the release timer firing (the hold-over message)."""
    parse_data = event.get("parse_data")
    intent = parse_data.get("intent") if isinstance(parse_data, Mapping) else None
    return isinstance(intent, Mapping) and intent.get("name") == HOLD_OVER_INTENT


def due_time(event: Mapping[str, Any]) -> datetime | None:
    """A timer event's due time, local and without a zone (None when unreadable)."""
    try:
        due = datetime.fromisoformat(str(event.get("date_time")))
    except ValueError:
        return None
    return due.astimezone().replace(tzinfo=None) if due.tzinfo else due


def running_hold(events: Iterable[Mapping[str, Any]], sender_id: str, *, answering: bool = False) -> Hold | None:
    """The conversation's running hold under the rule above, or None when no hold is running.

    ``events`` oldest first; ``answering``: the last user event is the message this turn answers. A hold
    whose release is overdue (a server stopped before it fired) is still running: its release is owed.
    """
    name = timer_name(sender_id)
    skip_current = answering
    for event in reversed(list(events)):
        kind = event.get("event")
        if kind == "user":
            if skip_current and not is_release(event):
                skip_current = False
                continue
            return None
        if kind == "reminder" and event.get("name") == name:
            due = due_time(event)
            return Hold(due, event) if due is not None else None
    return None
