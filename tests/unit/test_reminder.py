"""A stretching reminder as an iCalendar file: read from how people ask, parsed back with a real iCalendar
library (icalendar, PyPI), and the signed link that only the coach can make."""

from __future__ import annotations

from datetime import datetime

import icalendar
import pytest

from pacing.reminder import Reminder, describe, ics, parse, sign, verify
from stretch_content import load_content

CLINIC = load_content().clinic
THURSDAY_NOON = datetime(2026, 12, 3, 12, 0)
STAMP = datetime(2026, 12, 3, 18, 0)


@pytest.mark.parametrize(
    ("text", "start", "rule"),
    [
        ("remind me to stretch tomorrow at 8", datetime(2026, 12, 4, 8, 0), None),
        ("every weekday at 7am", datetime(2026, 12, 4, 7, 0), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("remind me to do my stretches every day at 6:30 pm", datetime(2026, 12, 3, 18, 30), "FREQ=DAILY"),
        ("remind me monday at 9", datetime(2026, 12, 7, 9, 0), None),
        ("remind me at 5", datetime(2026, 12, 3, 17, 0), None),  # "at 5" in the afternoon
        ("remind me at 11", datetime(2026, 12, 4, 11, 0), None),  # 11 am already past: tomorrow
        ("remind me tonight at 9", datetime(2026, 12, 3, 21, 0), None),
        ("every monday and wednesday at 7:15am", datetime(2026, 12, 7, 7, 15), "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("reminder to stretch at noon tomorrow", datetime(2026, 12, 4, 12, 0), None),
    ],
)
def test_the_time_and_rule_are_read_from_how_people_ask(text: str, start: datetime, rule: str | None) -> None:
    reminder = parse(text, THURSDAY_NOON)
    assert reminder is not None
    assert (reminder.start, reminder.rrule) == (start, rule)


@pytest.mark.parametrize("text", ["remind me tomorrow", "can you remind me to stretch", "remind me at 25", "at 13pm"])
def test_no_clear_time_gives_no_reminder(text: str) -> None:
    assert parse(text, THURSDAY_NOON) is None


def test_the_file_parses_with_icalendar_with_the_time_rule_and_the_clinic() -> None:
    reminder = parse("every weekday at 7am", THURSDAY_NOON)
    assert reminder is not None
    data = ics(reminder, CLINIC, "abc@stretch-coach", STAMP)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded (RFC 5545 3.1)
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 12, 4, 7, 0)  # floating: 7 am on the person's calendar
    rule = event.get("RRULE")
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    description = str(event.get("DESCRIPTION"))
    assert CLINIC.name in description and CLINIC.phone in description
    assert str(calendar.get("VERSION")) == "2.0"


def test_a_one_off_reminder_has_no_rule() -> None:
    reminder = parse("remind me to stretch tomorrow at 8", THURSDAY_NOON)
    assert reminder is not None
    (event,) = icalendar.Calendar.from_ical(ics(reminder, CLINIC, "x@y", STAMP)).walk("VEVENT")
    assert event.get("RRULE") is None and event.decoded("DTSTART") == datetime(2026, 12, 4, 8, 0)
    assert describe(reminder) == "on Friday, Dec 4 at 8:00 AM"


def test_only_a_link_signed_with_the_secret_and_not_expired_opens() -> None:
    reminder = Reminder(datetime(2026, 12, 4, 8, 0), ("MO",))
    query = dict(part.split("=", 1) for part in sign(b"secret", reminder, "tag1", expires=2000.0).split("&"))
    assert verify(b"secret", query["r"], query["sig"], now=1000.0) == (reminder, "tag1")
    assert verify(b"other secret", query["r"], query["sig"], now=1000.0) is None
    assert verify(b"secret", query["r"], "0" * 64, now=1000.0) is None
    assert verify(b"secret", query["r"] + "A", query["sig"], now=1000.0) is None
    assert verify(b"secret", query["r"], query["sig"], now=3000.0) is None  # expired
