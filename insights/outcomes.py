"""Outcomes from the pain check-ins (issue 20's ``progress_checkins``): before vs after, over weeks, the habit.

A check-in is a 0-10 answer to "how is your back right now?", before or after a stretch session
(``session_id`` pairs them). Improvement is what pain research calls clinically important for a 0-10
numeric rating: at least 2 points or at least 30% lower (Farrar et al., Pain 2001; IMMPACT, Dworkin
et al., J Pain 2008).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from insights.counts import channel_of

WEEK = 7 * 86_400.0
HABIT = 3
"""Sessions a week the clinic's habit asks for."""
MIN_SESSIONS = 3
"""People with at least this many sessions are followed over weeks."""


@dataclass(frozen=True)
class CheckIn:
    """One row of ``progress_checkins`` (the contract's columns)."""

    person: str
    conversation_id: str
    channel: str
    session_id: str
    phase: str
    score: int
    at: float


def improved(before: float, after: float) -> bool:
    """At least 2 points or at least 30% lower."""
    drop = before - after
    return drop >= 2 or (before > 0 and drop / before >= 0.3)


@dataclass
class Outcomes:
    """What the check-ins say, unsuppressed (the report suppresses)."""

    checkins: Counter[str] = field(default_factory=Counter)
    """Phase → check-ins in the period."""
    people: int = 0
    paired: int = 0
    """Sessions with both a before and an after."""
    before_total: int = 0
    after_total: int = 0
    sessions_improved: int = 0
    followed: int = 0
    """People with at least ``MIN_SESSIONS`` sessions."""
    followed_improved: int = 0
    weekly: dict[int, list[float]] = field(default_factory=dict)
    """Week since a followed person's first session → each person's mean 'before' score that week."""
    pairs: list[tuple[int, int]] = field(default_factory=list)
    """(before, after) of each paired session, for the plot (drawn only as aggregates)."""
    person_weeks: Counter[int] = field(default_factory=Counter)
    """Sessions in a person's week (1, 2, 3 = three or more) → person-weeks."""

    @property
    def mean_before(self) -> float | None:
        return self.before_total / self.paired if self.paired else None

    @property
    def mean_after(self) -> float | None:
        return self.after_total / self.paired if self.paired else None


def read(rows: Iterable[CheckIn], start: float, end: float, kept: set[str] | None = None) -> Outcomes:
    """The outcomes of the check-ins made in [start, end) whose conversation is still in the store (``kept``)."""
    out = Outcomes()
    sessions: dict[str, dict[str, CheckIn]] = defaultdict(dict)
    people: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for row in rows:
        if not start <= row.at < end or (kept is not None and row.conversation_id not in kept):
            continue
        out.checkins[row.phase] += 1
        sessions[row.session_id].setdefault(row.phase, row)
    for session_id, phases in sessions.items():
        first = min(phases.values(), key=lambda c: c.at)
        people[first.person].append((first.at, session_id))
        before, after = phases.get("before"), phases.get("after")
        if before is not None and after is not None:
            out.paired += 1
            out.before_total += before.score
            out.after_total += after.score
            out.pairs.append((before.score, after.score))
            out.sessions_improved += improved(before.score, after.score)
    out.people = len(people)
    for person_sessions in people.values():
        person_sessions.sort()
        first_at = person_sessions[0][0]
        weeks: Counter[int] = Counter(int((at - first_at) // WEEK) for at, _ in person_sessions)
        for n in weeks.values():
            out.person_weeks[min(n, HABIT)] += 1
        if len(person_sessions) < MIN_SESSIONS:
            continue
        befores = [(at, sessions[sid]["before"].score) for at, sid in person_sessions if "before" in sessions[sid]]
        if len(befores) < 2:
            continue
        out.followed += 1
        out.followed_improved += improved(befores[0][1], befores[-1][1])
        by_week: dict[int, list[int]] = defaultdict(list)
        for at, score in befores:
            by_week[int((at - first_at) // WEEK)].append(score)
        for week, scores in by_week.items():
            out.weekly.setdefault(week, []).append(sum(scores) / len(scores))
    return out


def from_row(row: tuple[Any, ...]) -> CheckIn | None:
    """A ``progress_checkins`` row, or None when it breaks the contract (it is then left out, not guessed)."""
    try:
        person, conversation, channel, session, phase, score, at = row
        checkin = CheckIn(str(person), str(conversation), str(channel or channel_of(str(conversation))),
                          str(session), str(phase), int(score), float(at))  # fmt: skip
    except (TypeError, ValueError):
        return None
    if checkin.phase not in ("before", "after") or not 0 <= checkin.score <= 10:
        return None
    return checkin
