"""Re-arming a web hold timer that was scheduled by another (stopped) Rasa server.

The release timer is a Rasa reminder (``actions/base.py``). Rasa keeps reminders in the memory of the
server that ran the action (APScheduler in ``rasa.core.jobs``), not in the tracker store: if that
server stops before the hold is over, the reminder is gone and the person is never told to release.
The tracker still records it (a ``reminder`` event), so when the person's page reconnects, to
whichever server the balancer picks, that server schedules the same reminder again, at the same time
(or at once when that time has passed). Rasa's own ``handle_reminder`` then runs it, with its checks:
under the conversation's lock, and not when a message came after it or the conversation restarted,
so a reminder that fires twice (once in each server) speaks once.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from rasa.core import jobs
from rasa.core.channels.channel import OutputChannel
from rasa.shared.core.events import ReminderScheduled, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.base import hold_timer_name

logger = logging.getLogger(__name__)


def pending_hold_timer(tracker: DialogueStateTracker) -> ReminderScheduled | None:
    """The conversation's latest release timer, if no message came after it (which would have ended it)."""
    name = hold_timer_name(tracker.sender_id)
    for event in reversed(tracker.events):
        if isinstance(event, ReminderScheduled) and event.name == name:
            return event
        if isinstance(event, UserUttered) and event.text:
            return None
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
    # As MessageProcessor._schedule_reminders (Rasa 3.6) schedules it.
    scheduler.add_job(
        processor.handle_reminder,
        "date",
        run_date=run_date(reminder),
        args=[reminder, sender_id, output_channel],
        id=reminder.name,
        replace_existing=True,
        name=reminder.scheduled_job_name(sender_id),
    )
    logger.info("Hold timer of a reconnected conversation re-armed in this server")
    return True
