"""A reminder that outlives the server: "remind me to stretch tomorrow at 8" as an iCalendar file (RFC 5545).

Nothing here schedules anything: the person adds the event to their own calendar, which reminds them
whether or not this assistant is running. The time is *floating* local time (RFC 5545 3.3.5, no time
zone): 8 am wherever the person's calendar is. A repeating reminder carries an ``RRULE`` ("every
weekday": ``FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR``). The description names the clinic and its number.

The file is served by the page server at a link that carries the reminder itself, signed (HMAC-SHA256
under the page's ``SESSION_SECRET``) together with the person's pseudonymous tag and an expiry, so only
the link given in that person's conversation works, for a week, and the server stores nothing.

Standard library only: the page server imports it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stretch_content import Clinic

LINK_DAYS = 7
"""How long a reminder link works."""
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EVENT_MINUTES = 15


@dataclass(frozen=True)
class Reminder:
    """When: the first day and time (local, floating), and the days it repeats on (empty: once)."""

    start: datetime
    days: tuple[str, ...] = ()

    @property
    def rrule(self) -> str | None:
        if not self.days:
            return None
        if set(self.days) == set(DAY_CODES):
            return "FREQ=DAILY"
        return f"FREQ=WEEKLY;BYDAY={','.join(self.days)}"


_TIME = re.compile(
    r"\b(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>a\.?m\.?|p\.?m\.?)?(?=\s|$|[,.!?])"
)


def _hour(hour: int, minute: int, half: str | None, text: str) -> tuple[int, int] | None:
    if not (0 <= minute < 60):
        return None
    half = (half or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        return (hour % 12 + (12 if half == "pm" else 0), minute)
    if hour > 23:
        return None
    if hour >= 13 or hour == 0:
        return (hour, minute)
    evening = re.search(r"\b(evening|tonight|night|afternoon|pm)\b", text)
    morning = re.search(r"\b(morning|am)\b", text)
    if evening and hour < 12:
        return (hour + 12, minute)
    if morning:
        return (hour % 12, minute)
    return (hour + 12 if 1 <= hour <= 6 else hour, minute)  # "at 5": 5 pm; "at 8": 8 am


def parse(text: str, now: datetime) -> Reminder | None:
    """The reminder asked for, or None when no time of day is given ("remind me tomorrow").

    ``now`` is the local time (naive) the words are read against: "at 5" once it is past 5 pm is tomorrow.
    """
    today = now.date()
    plain = text.lower().replace("\u2019", "'")
    times = [m for m in _TIME.finditer(plain) if m.group("hour")]
    if not times:
        named = {"noon": (12, 0), "midday": (12, 0)}
        found = next((v for k, v in named.items() if k in plain), None)
        if found is None:
            return None
        hour, minute = found
    else:
        match = times[-1]
        got = _hour(int(match.group("hour")), int(match.group("minute") or 0), match.group("half"), plain)
        if got is None:
            return None
        hour, minute = got
    days: tuple[str, ...] = ()
    if re.search(r"\b(every ?day|daily|each day|every morning|every evening|every night)\b", plain):
        days = DAY_CODES
    elif re.search(r"\b(weekdays?|work ?days|monday (to|through|thru|-) friday|mon-fri)\b", plain):
        days = WEEKDAYS
    else:
        named_days = tuple(DAY_CODES[i] for i, name in enumerate(DAY_NAMES) if re.search(rf"\b{name}s?\b", plain))
        if named_days and re.search(r"\b(every|each|on)\b|\w+days\b", plain):
            days = named_days
        elif named_days:
            first = _next_day(today, DAY_CODES.index(named_days[0]), hour, minute)
            return Reminder(first)
    first_day = today + timedelta(days=1) if "tomorrow" in plain else today
    start = datetime.combine(first_day, datetime.min.time()).replace(hour=hour, minute=minute)
    while start < now or (days and DAY_CODES[start.weekday()] not in days):
        start += timedelta(days=1)
    return Reminder(start, days)


def _next_day(today: date, weekday: int, hour: int, minute: int) -> datetime:
    ahead = (weekday - today.weekday()) % 7 or 7
    return datetime.combine(today + timedelta(days=ahead), datetime.min.time()).replace(hour=hour, minute=minute)


def describe(reminder: Reminder) -> str:
    """ "tomorrow-style" words for the reply: "every weekday at 7:00 AM, from Monday, Dec 7"."""
    at = reminder.start.strftime("%-I:%M %p")
    first = reminder.start.strftime("%A, %b %-d")
    if not reminder.days:
        return f"on {first} at {at}"
    if reminder.days == DAY_CODES:
        return f"every day at {at}, from {first}"
    if reminder.days == WEEKDAYS:
        return f"every weekday at {at}, from {first}"
    names = ", ".join(DAY_NAMES[DAY_CODES.index(d)].capitalize() for d in reminder.days)
    return f"every {names} at {at}, from {first}"


# -- the iCalendar file (RFC 5545) ----------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    parts, start = [], 0
    limit = 75
    while len(data) - start > limit:
        end = start + limit
        while end > start and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with a space
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


def ics(reminder: Reminder, clinic: Clinic, uid: str, stamp: datetime) -> bytes:
    """The reminder as an iCalendar file: one event, its rule if it repeats, an alarm at its time."""
    start = reminder.start.strftime("%Y%m%dT%H%M%S")
    description = (
        f"Your stretches from {clinic.name}: the Lying Knee Twist, Cat/Cow and the Forward Fold. "
        f"{clinic.stop_if_it_hurts} Questions or an appointment: call {clinic.name} at {clinic.phone}."
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_escape(clinic.name)}//Stretch coach//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{start}",
        f"DURATION:PT{EVENT_MINUTES}M",
        *([f"RRULE:{reminder.rrule}"] if reminder.rrule else []),
        f"SUMMARY:{_escape(f'Stretch time ({clinic.name} stretch coach)')}",
        f"DESCRIPTION:{_escape(description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Stretch time",
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


# -- the signed link ------------------------------------------------------------------------------


def _mac(secret: bytes, payload: str) -> str:
    return hmac.new(secret, f"reminder:{payload}".encode(), hashlib.sha256).hexdigest()


def sign(secret: bytes, reminder: Reminder, tag: str, expires: float) -> str:
    """The link's query: the reminder, the person's opaque tag and the expiry, with their HMAC."""
    data = {"s": reminder.start.strftime("%Y%m%dT%H%M"), "d": list(reminder.days), "t": tag, "e": int(expires)}
    payload = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"r={payload}&sig={_mac(secret, payload)}"


def verify(secret: bytes, payload: str, signature: str, now: float) -> tuple[Reminder, str] | None:
    """The reminder and tag a link carries, or None when it was not signed with ``secret`` or has expired."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,2000}", payload) or not hmac.compare_digest(
        signature.encode(), _mac(secret, payload).encode()
    ):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        start = datetime.strptime(str(data["s"]), "%Y%m%dT%H%M")
        days = tuple(str(d) for d in data["d"] if d in DAY_CODES)
        expires, tag = float(data["e"]), str(data["t"])
    except (ValueError, KeyError, TypeError):
        return None
    if now > expires:
        return None
    return Reminder(start, days), tag
