"""A person's rhythm and history, from what the progress store kept: sessions, stretches done, pain over time.

Hinge recommends at least 3 sessions a week and reports that people who keep that rhythm improve most,
so the greeting of a returning person counts this week's sessions ("This is your 3rd session in the
past 7 days") and "how am I doing?" gives sessions per week, stretches done and pain before and after,
session by session (on the web also as a chart drawn from the same numbers). Counts and dates only:
never what the numbers mean for their back.

Plain Python, no Rasa and no database: the caller passes the rows in, and the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pacing.reply import ChartPoint, Reply
from stretch_content import Content

WEEK_SECONDS = 7 * 86_400.0
WEEKS_SHOWN = 4
SESSIONS_SHOWN = 8
"""The chart and the text show the latest sessions with a check-in, at most this many."""


@dataclass
class Session:
    """One stretch session: when it started, the stretches finished in it, and its two check-in answers."""

    session_id: str
    started_at: float
    finished: list[str] = field(default_factory=list)
    before: int | None = None
    after: int | None = None


def sessions_of(
    events: Iterable[tuple[str, str, str, float]], checkins: Iterable[tuple[str, str, int, float]]
) -> list[Session]:
    """Sessions, oldest first, from (session id, "started"/"finished", stretch, at) and (session id, phase,
    score, at) rows. A session is known by its start (or, failing that, its first row)."""
    sessions: dict[str, Session] = {}
    for session_id, event, stretch, at in sorted(events, key=lambda row: row[3]):
        found = sessions.setdefault(session_id, Session(session_id, at))
        if event == "finished":
            found.finished.append(stretch)
    for session_id, phase, score, at in sorted(checkins, key=lambda row: row[3]):
        found = sessions.setdefault(session_id, Session(session_id, at))
        if phase == "before":
            found.before = score
        elif phase == "after":
            found.after = score
    return sorted(sessions.values(), key=lambda s: s.started_at)


def sessions_within(sessions: list[Session], now: float, seconds: float = WEEK_SECONDS) -> int:
    return sum(1 for s in sessions if 0 <= now - s.started_at <= seconds)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _times(n: int, word: str = "session") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def rhythm(sessions: list[Session], now: float) -> str | None:
    """At the start of a session (this one already counted): "This is your 3rd session in the past 7 days."
    None for someone's very first session: nothing to say yet."""
    if len(sessions) < 2:
        return None
    this_week = sessions_within(sessions, now)
    return f"Welcome back. This is your {ordinal(this_week)} session in the past 7 days."


def welcome_back(sessions: list[Session], now: float) -> str | None:
    """Greeting a returning person: "Welcome back. You've done 2 sessions in the past 7 days." None if new."""
    if not sessions:
        return None
    this_week = sessions_within(sessions, now)
    if this_week == 0:
        return "Welcome back. It's been more than a week since your last session: a gentle stretch is a good restart."
    return f"Welcome back. You've done {_times(this_week)} in the past 7 days."


def day_label(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%b %-d")


def weekly_counts(sessions: list[Session], now: float, weeks: int = WEEKS_SHOWN) -> list[int]:
    """Sessions in each of the last ``weeks`` 7-day periods, the most recent last."""
    counts = [0] * weeks
    for s in sessions:
        age = now - s.started_at
        if 0 <= age < weeks * WEEK_SECONDS:
            counts[weeks - 1 - int(age // WEEK_SECONDS)] += 1
    return counts


def history_reply(content: Content, sessions: list[Session], now: float, *, pain: bool = True) -> Reply:
    """ "How am I doing?": sessions per week, stretches done, pain before and after over time.

    ``pain=False`` where no check-in is ever asked (Alexa): sessions and stretches only.
    """
    if not sessions:
        text = (
            "I don't have any sessions of yours yet. Once you've done a stretch with me, I can show how often "
            "you stretch and, if you answer the 0 to 10 question, how your back felt before and after."
        )
        return Reply.plain(text)
    weekly = weekly_counts(sessions, now)
    names = {s.id: s.name for s in content.stretches}
    finished = [stretch for s in sessions for stretch in s.finished]
    parts = [
        f"In the past 7 days: {_times(weekly[-1])}. Per week, over the last {len(weekly)} weeks (oldest first): "
        f"{', '.join(str(n) for n in weekly)}."
    ]
    if finished:
        per = ", ".join(
            f"{names.get(stretch, stretch)} {finished.count(stretch)}" for stretch in dict.fromkeys(finished)
        )
        parts.append(f"Stretches finished: {len(finished)} ({per}).")
    else:
        parts.append("No stretch finished yet.")
    if not pain:
        return Reply.plain(" ".join(parts))
    scored = [s for s in sessions if s.before is not None or s.after is not None][-SESSIONS_SHOWN:]
    chart = tuple(ChartPoint(day_label(s.started_at), s.before, s.after) for s in scored)
    if scored:
        shown = "; ".join(f"{p.label}: {_score(p.before)} before, {_score(p.after)} after" for p in chart)
        parts.append(f"Pain from 0 to 10, session by session: {shown}.")
    else:
        parts.append("No pain scores yet: I ask for one at the start and end of a session, if you'd like to answer.")
    return Reply.plain(" ".join(parts), chart=chart)


def _score(value: int | None) -> str:
    return "not given" if value is None else str(value)
