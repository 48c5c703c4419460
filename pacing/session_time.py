"""How long will it take? An honest estimate computed from the content's steps and holds.

The guide gives the holds (20 seconds, a few breaths) and the rounds, not how long a person takes to read
a step and move into it, so that part is an assumption, said as one: ``STEP_SECONDS`` per step. A hold of
breaths counts as the silence a speaker leaves for them (the content's ``breath_pause_seconds``, twice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pacing.replies import BOOK, keep_place, stretch_choices
from pacing.reply import Reply, join
from pacing.routine import Moment, Routine
from stretch_content import Content, Stretch

STEP_SECONDS = 10
"""Assumed time to read or hear a step and move into it (not in the guide: an estimate)."""


@dataclass(frozen=True)
class Span:
    """Seconds a routine takes with its required rounds (least) and with every round offered (most)."""

    least: int
    most: int

    def __add__(self, other: Span) -> Span:
        return Span(self.least + other.least, self.most + other.most)


def _seconds(moment: Moment) -> int:
    step = moment.step
    held = step.seconds or (2 * step.breath_pause_seconds if step.breaths and step.breath_pause_seconds else 0)
    return STEP_SECONDS + held


def span(stretch: Stretch, from_index: int = 0, first_side: str | None = None) -> Span:
    """The time a stretch takes from ``from_index`` on (in the routine's side order): required rounds only,
    and all of them."""
    moments = Routine(stretch, first_side).moments[from_index:]
    return Span(sum(_seconds(m) for m in moments if not m.optional), sum(_seconds(m) for m in moments))


def minutes(seconds: int) -> int:
    """Whole minutes, never "0 minutes"."""
    return max(1, round(seconds / 60))


def _phrase(s: Span) -> str:
    low, high = minutes(s.least), minutes(s.most)
    unit = "minute" if high == 1 else "minutes"
    return f"about {low} {unit}" if low == high else f"about {low} to {high} minutes"


_COUNT = {2: "two", 3: "three", 4: "four"}
_MINUTES = re.compile(r"\b(\d{1,3})\s*(m|min|mins|minutes?)\b", re.IGNORECASE)
_HALF_HOUR = re.compile(r"\bhalf an? hour\b", re.IGNORECASE)


def minutes_available(text: str) -> int | None:
    """ "I have like 10 min": the minutes the person says they have, if they say."""
    if match := _MINUTES.search(text):
        return int(match.group(1))
    return 30 if _HALF_HOUR.search(text) else None


_ASSUMPTION = (
    f"That's an estimate: the holds as the guide gives them, plus about {STEP_SECONDS} seconds for each step; "
    "go at your own pace."
)


def _fits(available: int | None, total: Span, content: Content) -> str:
    if available is None:
        return ""
    if available * 60 >= total.most:
        return f" With {available} minutes, that should be enough."
    if available * 60 >= total.least:
        return f" With {available} minutes, that's about right if you keep to the fewest rounds."
    quickest = min(content.stretches, key=lambda s: span(s).least)
    return f" With {available} minutes, you could pick one or two: the {quickest.name} is the quickest."


def estimate(content: Content, text: str, stretch: Stretch | None, moment: Moment | None) -> Reply:
    """ "How long will all three take? I have like 10 min": each stretch, the total, and the assumption."""
    available = minutes_available(text)
    if stretch is not None:
        one = span(stretch)
        lead = f"The {stretch.name} takes {_phrase(one)}.{_fits(available, one, content)} {_ASSUMPTION}"
    elif moment is not None and not re.search(r"\b(all|three|3|every|whole session)\b", text, re.IGNORECASE):
        left = span(moment.stretch, moment.index, moment.first_side)
        lead = f"The rest of the {moment.stretch.name} takes {_phrase(left)}.{_fits(available, left, content)}"
        lead += f" {_ASSUMPTION}"
    else:
        each = "; ".join(f"the {s.name} {_phrase(span(s))}" for s in content.stretches)
        total = Span(0, 0)
        for s in content.stretches:
            total = total + span(s)
        count = _COUNT.get(len(content.stretches), str(len(content.stretches)))
        lead = f"All {count} stretches take {_phrase(total)}: {each}.{_fits(available, total, content)} {_ASSUMPTION}"
    if moment is not None:
        return join(Reply.plain(lead), keep_place(moment))
    offer = 'Which would you like to do? You can also say "do all three".'
    return Reply.plain(f"{lead} {offer}", choices=(*stretch_choices(content), BOOK), reprompt=offer)


_ABOUT_TIME = re.compile(
    r"\b(take|takes|taking|minutes?|mins?|time left|left to go|to go|how much longer|remaining|altogether|"
    r"in total|total|all three|whole thing|"
    r"whole routine|whole session|time do i need|much time)\b",
    re.IGNORECASE,
)
_ABOUT_HOLD = re.compile(r"\bhold\w*\b|\bstay\b|\bseconds?\b", re.IGNORECASE)


def asks_session_time(text: str) -> bool:
    """ "How long will this take?" asks for the time of a routine, not how long a hold is."""
    return bool(_ABOUT_TIME.search(text)) and not _ABOUT_HOLD.search(text)


_QUICKEST = re.compile(
    r"\b(quickest|quikest|fastest|shortest|least time|takes? (the )?least|quick ones?|fast ones?|short ones?)\b",
    re.IGNORECASE,
)


def asks_quickest(text: str) -> bool:
    """ "which ones quickest? need to crash": the stretch that takes least time, computed from the content."""
    return bool(_QUICKEST.search(text))


def _by_time(content: Content) -> list[Stretch]:
    return sorted(content.stretches, key=lambda s: (span(s).least, span(s).most))


def quickest_stretch(content: Content) -> Stretch:
    """The stretch that takes least time with its required rounds."""
    return _by_time(content)[0]


def quickest(content: Content, moment: Moment | None) -> Reply:
    """Each stretch's time, quickest first, with the assumption said (the guide gives holds, not minutes)."""
    ordered = _by_time(content)
    first, rest = ordered[0], ordered[1:]
    steps = Routine(first).required_total
    others = "; ".join(f"the {s.name} {_phrase(span(s))}" for s in rest)
    lead = f"The quickest is the {first.name}: {_phrase(span(first))}, {steps} steps. Then {others}. {_ASSUMPTION}"
    if moment is not None:
        return join(Reply.plain(lead), keep_place(moment))
    offer = f"Would you like to do the {first.name}?"
    return Reply.plain(f"{lead} {offer}", choices=(*stretch_choices(content), BOOK), reprompt=offer)


_HOW_LONG = re.compile(r"\bhow (long|much time|many minutes)\b|\bminutes?\b|\bmins?\b|\btime\b", re.IGNORECASE)


def asks_how_long(text: str) -> bool:
    """ "ok and all three together how long": a question about time, not "do all three"."""
    if re.search(r"\bhow long\b", text, re.IGNORECASE):
        return True
    return bool(_HOW_LONG.search(text)) and asks_session_time(text)
