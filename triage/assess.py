"""triage.assess: emergency now, a possible red flag to ask about, pain now, or nothing.

Order of checks: blank idioms; find red-flag terms (content.yml) and pain words; drop each mention
that is someone else's, negated, hypothetical, long ago or over now; a flag that is ``ask`` alone
becomes an emergency with one of its ``urgent_with`` signs (itself a live mention); a hedged
mention ("a bit", "sometimes", "is it normal") is only ever ``ask``. The highest level wins:
emergency > ask > pain > none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from stretch_content import RedFlag, Urgency, load_content
from triage import cues
from triage.context import Message, Reader, discard, hedged


class Level(StrEnum):
    """What the assistant does with the message, before the intent's own behaviour."""

    EMERGENCY = "emergency"
    ASK = "ask"
    PAIN = "pain"
    NONE = "none"


MAX_CHARS = 2000
"""Triage reads this much of a message: a chat turn is far shorter, and reading is linear in mentions x length."""

_RANK = {Level.NONE: 0, Level.PAIN: 1, Level.ASK: 2, Level.EMERGENCY: 3}


@dataclass(frozen=True)
class Assessment:
    """The decision, the red flags behind it (ids from content.yml) and a reason a person can read."""

    level: Level
    flags: tuple[str, ...] = ()
    reason: str = ""
    about_other: bool = False


@dataclass(frozen=True)
class _Flag:
    flag: RedFlag
    terms: tuple[re.Pattern[str], ...]
    vague: tuple[re.Pattern[str], ...]
    urgent: tuple[re.Pattern[str], ...]


def _patterns(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    # One pattern at a time, not one alternation: a negated match ("no numbness but my legs ...")
    # must not hide an overlapping live one ("my legs are weak").
    return tuple(re.compile(p) for p in patterns)


@lru_cache(maxsize=4)
def _compiled(flags: tuple[RedFlag, ...]) -> tuple[_Flag, ...]:
    return tuple(
        _Flag(flag, _patterns(flag.terms), _patterns(flag.vague_terms), _patterns(flag.urgent_with)) for flag in flags
    )


_PAIN = _patterns(cues.PAIN)


def _live(
    message: Message, patterns: tuple[re.Pattern[str], ...], reader: Reader, *, first: bool = False
) -> tuple[list[re.Match[str]], list[str]]:
    """Matches that count (only the first one if ``first``), and why the others did not."""
    live: list[re.Match[str]] = []
    dropped: list[str] = []
    for pattern in patterns:
        for match in pattern.finditer(message.text):
            why = reader(message, match.start(), match.end())
            if why is None:
                live.append(match)
                if first:
                    return live, dropped
            else:
                dropped.append(f"{match.group().strip()!r}: {why}")
    return live, dropped


def _flag_level(message: Message, flag: _Flag, dropped: list[str], reader: Reader) -> tuple[Level, str] | None:
    live, not_live = _live(message, flag.terms, reader)
    vague, not_vague = _live(message, flag.vague, reader)
    dropped.extend(f"{flag.flag.id} {why}" for why in not_live + not_vague)
    if not live and not vague:
        return None
    if not live:
        return Level.ASK, f"{flag.flag.id}: {vague[0].group()!r} (vague)"
    urgent, _ = _live(message, flag.urgent, reader, first=True)
    level = Level.EMERGENCY if flag.flag.alone is Urgency.EMERGENCY or urgent else Level.ASK
    mention = live[0]
    why = f"{flag.flag.id}: {mention.group()!r}" + (f" with {urgent[0].group()!r}" if urgent else "")
    if level is Level.EMERGENCY and all(hedged(message, m.start(), m.end()) for m in live):
        return Level.ASK, f"{why} (hedged)"
    return level, why


def assess(
    text: str, red_flags: tuple[RedFlag, ...] | None = None, *, reader: Reader = discard, idioms: bool = True
) -> Assessment:
    """Decide from the text alone; ``red_flags`` defaults to the content module's list.

    ``reader`` and ``idioms`` exist for the comparison bench (medspaCy's ConText as the reader).
    """
    message = Message((text or "")[:MAX_CHARS], idioms=idioms)
    flags = red_flags if red_flags is not None else load_content().clinic.red_flag_list
    found: list[tuple[Level, str, str]] = []
    dropped: list[str] = []
    for flag in _compiled(flags):
        result = _flag_level(message, flag, dropped, reader)
        if result is not None:
            found.append((result[0], flag.flag.id, result[1]))
    if found:
        top = max(_RANK[level] for level, _, _ in found)
        winners = [(fid, why) for level, fid, why in found if _RANK[level] == top]
        level = next(level for level in Level if _RANK[level] == top)
        return Assessment(level, tuple(fid for fid, _ in winners), "; ".join(why for _, why in winners))
    pain, not_pain = _live(message, _PAIN, reader, first=True)
    if pain:
        return Assessment(Level.PAIN, (), f"pain: {pain[0].group().strip()!r}")
    dropped.extend(f"pain {why}" for why in not_pain)
    return Assessment(Level.NONE, (), "; ".join(dropped) or "no red flag or pain")
