"""The check-in's Skip, "how am I doing?" and a stretching reminder: thin adapters onto pacing/checkin.py,
pacing/progress.py and pacing/reminder.py."""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from actions import progress_history
from actions.base import CoachAction, Turn
from actions.output import input_channel
from channels import capabilities
from channels.session_token import SECRET_ENV
from pacing import Reply, checkin, progress, replies
from pacing.reminder import LINK_DAYS, Reminder, describe, parse, sign
from pacing.reply import join


class ActionSkipCheckin(CoachAction):
    """The check-in's Skip button when no check-in is open (an open one is answered before this runs)."""

    def name(self) -> str:
        return "action_skip_checkin"

    def respond(self, turn: Turn) -> None:
        moment = turn.place.moment if turn.place else None
        nothing = checkin.closed(checkin.Answer(checkin.Reading.SKIP))
        turn.say(join(nothing, replies.way_forward(turn.content, moment)))
        if moment is not None:
            turn.keeps_hold = True
            turn.keep_hold_timer()


class ActionHowAmIDoing(CoachAction):
    """ "How am I doing?": sessions per week, stretches finished, pain before and after; the place is kept."""

    def name(self) -> str:
        return "action_how_am_i_doing"

    def respond(self, turn: Turn) -> None:
        known = progress_history.sessions(turn)
        if known is None:
            said = Reply.plain("I can't look up your history right now, sorry.")
        else:
            asked = not capabilities.keeps_no_screen_answer(input_channel(turn.tracker))  # Alexa: never asked
            said = progress.history_reply(turn.content, known, progress_history.clock(), pain=asked)
        if turn.place is not None:
            turn.keeps_hold = True
            turn.say(join(said, replies.keep_place(turn.place.moment)))
            turn.keep_hold_timer()
        else:
            turn.say(join(said, replies.way_forward(turn.content, None)))


CLINIC_ZONE = ZoneInfo("America/Chicago")
"""The clinic's time zone (Twin Cities): "tomorrow" and "at 5" are read in it; the file itself has floating times."""
REMINDER_PATH = "/reminder.ics"
ORIGIN_ENV = "WEB_ORIGIN"
DEFAULT_ORIGIN = "http://localhost:8080"


def page_origin(setting: str) -> str:
    """The page server's own origin: the first of ``WEB_ORIGIN``'s list (the page's, then each site that embeds it)."""
    first = setting.split(",")[0].strip().rstrip("/")
    return first or DEFAULT_ORIGIN


def reminder_link(turn: Turn, reminder: Reminder) -> str | None:
    """The page server's signed link to the calendar file, for this conversation only; None without a secret."""
    secret = os.environ.get(SECRET_ENV, "")
    if not secret:
        return None
    tag = hmac.new(secret.encode(), f"reminder-owner:{turn.tracker.sender_id}".encode(), hashlib.sha256).hexdigest()
    query = sign(secret.encode(), reminder, tag[:32], time.time() + LINK_DAYS * 86_400)
    origin = page_origin(os.environ.get(ORIGIN_ENV, ""))
    return f"{origin}{REMINDER_PATH}?{query}"


class ActionStretchReminder(CoachAction):
    """ "Remind me to stretch tomorrow at 8": a calendar file to download (web, REST); on a call or Alexa,
    how to get one on the web (nothing here schedules anything, so nothing depends on a running server)."""

    def name(self) -> str:
        return "action_stretch_reminder"

    def respond(self, turn: Turn) -> None:
        moment = turn.place.moment if turn.place else None
        channel = input_channel(turn.tracker)
        if capabilities.is_calls(channel) or capabilities.keeps_no_screen_answer(channel):
            said = Reply.plain(
                "I can't set reminders here. On the clinic's web page, ask the stretch coach something like "
                '"remind me to stretch tomorrow at 8", and it gives you a calendar file to add to your own calendar.'
            )
        else:
            now = datetime.now(CLINIC_ZONE).replace(tzinfo=None)
            reminder = parse(turn.text, now)
            link = reminder_link(turn, reminder) if reminder else None
            if reminder is None:
                said = Reply.plain(
                    "When should I remind you? Say a day and a time, for example "
                    '"remind me to stretch tomorrow at 8" or "every weekday at 7am".'
                )
            elif link is None:
                said = Reply.plain("Sorry, I can't make a calendar file right now.")
            else:
                said = Reply.plain(
                    f"Here's a calendar reminder {describe(reminder)}: {link} . Open it to add it to your own "
                    "calendar, which reminds you even when this chat is closed. The link works for 7 days.",
                    link=link,
                )
        if moment is not None:
            turn.keeps_hold = True
            turn.say(join(said, replies.keep_place(moment)))
            turn.keep_hold_timer()
        else:
            turn.say(join(said, replies.way_forward(turn.content, None)))
