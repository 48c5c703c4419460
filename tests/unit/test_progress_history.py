"""A person's rhythm and history from stored rows: the counts and dates only, never what they mean."""

from __future__ import annotations

from pacing.progress import history_reply, ordinal, rhythm, sessions_of, weekly_counts, welcome_back
from stretch_content import load_content

CONTENT = load_content()
DAY = 86_400.0
NOW = 1_800_000_000.0


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
    ]  # fmt: skip


def test_sessions_join_their_stretches_and_both_answers() -> None:
    sessions = sessions_of(
        [("a", "started", "cat_cow", NOW - 3 * DAY), ("a", "finished", "cat_cow", NOW - 3 * DAY + 60)],
        [("a", "before", 6, NOW - 3 * DAY + 1), ("a", "after", 4, NOW - 3 * DAY + 61), ("b", "before", 3, NOW - DAY)],
    )
    assert [(s.session_id, s.finished, s.before, s.after) for s in sessions] == [
        ("a", ["cat_cow"], 6, 4),
        ("b", [], 3, None),
    ]


def test_the_rhythm_counts_this_weeks_sessions_and_says_nothing_the_first_time() -> None:
    first = sessions_of([("a", "started", "cat_cow", NOW)], [])
    assert rhythm(first, NOW) is None and welcome_back([], NOW) is None
    three = sessions_of([(s, "started", "cat_cow", NOW - i * DAY) for i, s in enumerate("abc")], [])
    assert rhythm(three, NOW) == "Welcome back. This is your 3rd session in the past 7 days."
    old = sessions_of([("a", "started", "cat_cow", NOW - 20 * DAY)], [])
    assert "more than a week" in (welcome_back(old, NOW) or "")


def test_weekly_counts_oldest_first() -> None:
    rows = [(f"s{i}", "started", "cat_cow", NOW - d * DAY) for i, d in enumerate([0.5, 1, 8, 9, 10, 22])]
    assert weekly_counts(sessions_of(rows, []), NOW) == [1, 0, 3, 2]  # 22 days ago is in the oldest of 4 weeks


def test_without_pain_only_sessions_and_stretches_are_told() -> None:
    sessions = sessions_of([("a", "finished", "cat_cow", NOW - DAY)], [("a", "before", 6, NOW - DAY)])
    assert "6 before" in history_reply(CONTENT, sessions, NOW).text
    alexa = history_reply(CONTENT, sessions, NOW, pain=False)
    assert "Pain" not in alexa.text and "Cat/Cow 1" in alexa.text and alexa.chart == ()
