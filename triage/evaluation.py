"""Scoring a triage judge on the labeled file (tests/triage/messages.yml): recall and false alarms.

Shared by the floors test and the comparison bench (rules vs medspaCy ConText vs NLU-only), so every
approach is scored the same way. A judge is any function from a message to a :class:`Level`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from triage.assess import Level

LABELED_FILE = Path(__file__).resolve().parents[1] / "tests" / "triage" / "messages.yml"
KINDS = {"red_flag": Level.EMERGENCY, "possible_red_flag": Level.ASK, "pain": Level.PAIN, "near_miss": Level.NONE}
SPLITS = ("dev", "heldout", "blind")
BLIND_FILES = tuple(sorted(LABELED_FILE.parent.glob("blind*.yml")))
"""Sets written blind by evaluators who never saw the rules or the labeled file (see their headers)."""
ALARMS = (Level.EMERGENCY, Level.ASK)

Judge = Callable[[str], Level]


@dataclass(frozen=True)
class Labeled:
    """One labeled message: what it says, what triage must answer, and which part of the file it is in."""

    text: str
    expect: Level
    kind: str
    split: str
    note: str = ""


def _labeled(raw: Mapping[str, Any], where: str, split: str | None = None) -> Labeled:
    item = Labeled(
        text=str(raw["text"]),
        expect=Level(raw["expect"]),
        kind=str(raw["kind"]),
        split=split or str(raw["split"]),
        note=str(raw.get("note") or ""),
    )
    if KINDS.get(item.kind) is not item.expect:
        raise ValueError(f"{where}: kind {item.kind!r} does not go with expect {item.expect!r}")
    if item.split not in SPLITS:
        raise ValueError(f"{where}: split must be one of {SPLITS}")
    return item


def read_labeled(path: Path = LABELED_FILE, *, blind: bool = False) -> list[Labeled]:
    """The labeled messages, checked: kind and expect agree, split is dev or heldout (``blind``: all blind)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    split = "blind" if blind else None
    return [_labeled(item, f"{path.name}[{i}]", split) for i, item in enumerate(raw["messages"])]


def correct(expect: Level, got: Level) -> bool:
    """An ``ask`` item may be answered emergency (it still reaches care); everything else exactly."""
    return got is expect or (expect is Level.ASK and got is Level.EMERGENCY)


@dataclass
class Score:
    """What the floors and the note need, for one judge on one part of the file."""

    messages: int = 0
    red_flags: int = 0  # emergency and ask items
    red_flags_caught: int = 0  # emergency got emergency; ask got ask or emergency
    near_misses: int = 0  # none and pain items
    false_alarms: int = 0  # none/pain items answered emergency or ask
    exact: int = 0  # answered exactly as labeled (ask -> emergency counts as correct)
    pain: int = 0
    pain_caught: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of red-flag items that reached care (floor: 1.0)."""
        return self.red_flags_caught / self.red_flags if self.red_flags else 1.0

    @property
    def false_alarm_rate(self) -> float:
        """Share of harmless or pain-only items answered with emergency advice or the red-flag question."""
        return self.false_alarms / self.near_misses if self.near_misses else 0.0

    @property
    def accuracy(self) -> float:
        """Share answered as labeled."""
        return self.exact / self.messages if self.messages else 1.0

    @property
    def pain_recall(self) -> float:
        """Share of pain items answered pain."""
        return self.pain_caught / self.pain if self.pain else 1.0

    def as_json(self) -> dict[str, Any]:
        """Counts, rates and the failures, for test-artifacts/."""
        data = asdict(self)
        data.update(
            recall=round(self.recall, 4),
            false_alarm_rate=round(self.false_alarm_rate, 4),
            accuracy=round(self.accuracy, 4),
            pain_recall=round(self.pain_recall, 4),
        )
        return data


def score(items: Iterable[Labeled], judge: Judge) -> Score:
    """Run ``judge`` on every item and count."""
    result = Score()
    for item in items:
        got = judge(item.text)
        result.messages += 1
        ok = correct(item.expect, got)
        result.exact += ok
        if item.expect in ALARMS:
            result.red_flags += 1
            result.red_flags_caught += ok
        else:
            result.near_misses += 1
            result.false_alarms += got in ALARMS
        if item.expect is Level.PAIN:
            result.pain += 1
            result.pain_caught += got is Level.PAIN
        if not ok:
            result.failures.append(
                {"text": item.text, "expect": item.expect.value, "got": got.value, "split": item.split}
            )
    return result


def score_splits(items: list[Labeled], judge: Judge) -> dict[str, Score]:
    """Scores on the held-out part, the dev part and the whole file."""
    return {
        "heldout": score((i for i in items if i.split == "heldout"), judge),
        "dev": score((i for i in items if i.split == "dev"), judge),
        "all": score(items, judge),
    }
