"""Re-arming a web hold timer that was scheduled by another (stopped) Rasa server.

The release timer is a Rasa reminder (``holds``). Rasa keeps reminders in the memory of the server that
ran the action (APScheduler in ``rasa.core.jobs``), not in the tracker store: if that server stops before
the hold is over, the reminder is gone and the person is never told to release. The tracker still records
it (a ``reminder`` event), so when the person's page reconnects, to whichever server the balancer picks,
that server schedules the same reminder again through Rasa's own ``MessageProcessor._schedule_reminders``,
at the same time (or at once when that time has passed). Rasa's own ``handle_reminder`` then runs it, with
its checks: under the conversation's lock, and not when a message came after it or the conversation
restarted, so a reminder that fires twice (once in each server) speaks once. Both methods are pinned in
``server_tuning/pins.py``.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from rasa.core import jobs
from rasa.core.channels.channel import OutputChannel
from rasa.shared.core.events import ReminderScheduled
from rasa.shared.core.trackers import DialogueStateTracker

import holds

logger = logging.getLogger(__name__)


def pending_hold_timer(tracker: DialogueStateTracker) -> ReminderScheduled | None:
    """The conversation's release timer while its hold is running (``holds.running_hold``), else None."""
    hold = holds.running_hold((event.as_dict() for event in tracker.events), tracker.sender_id)
    if hold is None:
        return None
    name = holds.timer_name(tracker.sender_id)
    for event in reversed(tracker.events):
        if isinstance(event, ReminderScheduled) and event.name == name:
            return event
    return None


def run_date(reminder: ReminderScheduled) -> datetime:
    """When to fire: the reminder's own time, or now if that has passed while no server held it."""
    due: datetime = reminder.trigger_date_time
    now = datetime.now(due.tzinfo) if due.tzinfo else datetime.now()
    return max(due, now)


async def rearm(processor: Any, sender_id: str, output_channel: OutputChannel) -> bool:
    """Schedule the conversation's pending release timer in this server, unless it is scheduled here already.

    ``processor`` is the agent's ``MessageProcessor``. Returns whether a timer was scheduled.
    """
    tracker = await processor.tracker_store.retrieve(sender_id)
    reminder = pending_hold_timer(tracker) if tracker is not None else None
    if reminder is None:
        return False
    scheduler = await jobs.scheduler()
    if scheduler.get_job(reminder.name) is not None:
        return False
    # Rasa's own scheduling (job id = the reminder's name); an overdue release is brought forward to now.
    due_now = ReminderScheduled(
        reminder.intent,
        run_date(reminder),
        entities=reminder.entities,
        name=reminder.name,
        kill_on_user_message=reminder.kill_on_user_message,
        timestamp=reminder.timestamp,
        metadata=reminder.metadata,
    )
    await processor._schedule_reminders([due_now], tracker, output_channel)
    logger.info("Hold timer of a reconnected conversation re-armed in this server")
    return True
