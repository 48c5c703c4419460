"""Scores a trained model on a held-out NLU file: shared by the pytest floors and the pipeline comparison.

Correct means the assistant would do the right thing: the expected intent, or, for an out-of-scope example,
`nlu_fallback` too (both lead to the consult message). Red-flag examples are "safe" when they reach
emergency advice or at least the pain/fallback path (which stops the routine and gives the clinic's number).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT_FILE = ROOT / "tests" / "nlu" / "holdout.yml"
EVERYDAY_FILE = ROOT / "tests" / "nlu" / "holdout_everyday.yml"  # everyday questions from untrained domains
TRAINING_DIR = ROOT / "data" / "nlu"
OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"
RED_FLAG = "report_red_flag"
RED_FLAG_SAFE = frozenset({RED_FLAG, "report_pain", FALLBACK})


@dataclass(frozen=True)
class Example:
    text: str
    intent: str


@dataclass(frozen=True)
class Prediction:
    text: str
    expected: str
    predicted: str
    confidence: float
    seconds: float
    ranked: tuple[tuple[str, float], ...] = ()  # the classifier's top intents before the fallback stepped in

    @property
    def correct(self) -> bool:
        return self.predicted == self.expected or (self.expected == OUT_OF_SCOPE and self.predicted == FALLBACK)


@dataclass
class HoldoutReport:
    """What the closing note and the floors need; `as_json()` is what lands in test-artifacts/."""

    model: str
    predictions: list[Prediction] = field(default_factory=list)

    def _share(self, hits: int, total: int) -> float:
        return round(hits / total, 4) if total else 0.0

    @property
    def accuracy(self) -> float:
        return self._share(sum(p.correct for p in self.predictions), len(self.predictions))

    @property
    def strict_accuracy(self) -> float:
        """Exact intent match only (an out-of-scope example caught by the fallback counts as a miss)."""
        return self._share(sum(p.predicted == p.expected for p in self.predictions), len(self.predictions))

    @property
    def in_scope_accuracy(self) -> float:
        in_scope = [p for p in self.predictions if p.expected != OUT_OF_SCOPE]
        return self._share(sum(p.correct for p in in_scope), len(in_scope))

    @property
    def oos_recall(self) -> float:
        oos = [p for p in self.predictions if p.expected == OUT_OF_SCOPE]
        return self._share(sum(p.correct for p in oos), len(oos))

    @property
    def oos_precision(self) -> float:
        """Of the messages sent to the consult message, how many were really out of scope."""
        flagged = [p for p in self.predictions if p.predicted in (OUT_OF_SCOPE, FALLBACK)]
        return self._share(sum(p.expected == OUT_OF_SCOPE for p in flagged), len(flagged))

    @property
    def red_flag_unsafe(self) -> list[Prediction]:
        return [p for p in self.predictions if p.expected == RED_FLAG and p.predicted not in RED_FLAG_SAFE]

    @property
    def false_red_flags(self) -> list[Prediction]:
        """Out-of-scope messages read as a red flag: the intent is only a hint to triage, but never for these."""
        return [p for p in self.predictions if p.expected == OUT_OF_SCOPE and p.predicted == RED_FLAG]

    @property
    def mean_parse_ms(self) -> float:
        return round(1000 * sum(p.seconds for p in self.predictions) / max(len(self.predictions), 1), 2)

    def per_intent(self) -> dict[str, dict[str, float]]:
        totals: Counter[str] = Counter(p.expected for p in self.predictions)
        hits: Counter[str] = Counter(p.expected for p in self.predictions if p.correct)
        return {i: {"n": totals[i], "accuracy": self._share(hits[i], totals[i])} for i in sorted(totals)}

    def confusions(self) -> dict[str, int]:
        """How often each expected intent went to each wrong one ("expected -> predicted"), most frequent first."""
        pairs = Counter(f"{p.expected} -> {p.predicted}" for p in self.predictions if not p.correct)
        return dict(pairs.most_common())

    def as_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "examples": len(self.predictions),
            "accuracy": self.accuracy,
            "strict_accuracy": self.strict_accuracy,
            "in_scope_accuracy": self.in_scope_accuracy,
            "oos_recall": self.oos_recall,
            "oos_precision": self.oos_precision,
            "red_flag_unsafe": [asdict(p) for p in self.red_flag_unsafe],
            "false_red_flags": [asdict(p) for p in self.false_red_flags],
            "confusions": self.confusions(),
            "mean_parse_ms": self.mean_parse_ms,
            "per_intent": self.per_intent(),
            "errors": [asdict(p) for p in self.predictions if not p.correct],
        }


def read_examples(path: Path) -> list[Example]:
    """Intent examples of a Rasa YAML NLU file, entity markup removed (`[cat cow](stretch)` -> `cat cow`)."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    data = RasaYAMLReader().read(path)
    return [Example(m.get("text"), m.get("intent")) for m in data.intent_examples]


def training_examples(directory: Path = TRAINING_DIR) -> list[Example]:
    return [e for f in sorted(directory.glob("*.yml")) for e in read_examples(f)]


def normalise(text: str) -> str:
    """Lowercase words only, so "Cat-cow?" and "cat cow" compare equal."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower())).replace("'", "")


async def _predict(model_path: Path, examples: list[Example]) -> HoldoutReport:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # otherwise every parse is logged at debug level
    agent = Agent.load(str(model_path))
    report = HoldoutReport(model=str(model_path))
    await agent.parse_message("warm up")  # first parse pays one-off costs; keep them out of the latency
    for example in examples:
        start = time.perf_counter()
        parsed = await agent.parse_message(example.text)
        seconds = time.perf_counter() - start
        intent = parsed.get("intent") or {}
        ranking = [r for r in parsed.get("intent_ranking") or [] if r.get("name") != FALLBACK][:2]
        report.predictions.append(
            Prediction(
                text=example.text,
                expected=example.intent,
                predicted=str(intent.get("name")),
                confidence=round(float(intent.get("confidence") or 0.0), 4),
                seconds=seconds,
                ranked=tuple((str(r["name"]), round(float(r["confidence"]), 4)) for r in ranking),
            )
        )
    return report


def with_fallback(report: HoldoutReport, threshold: float, ambiguity: float) -> HoldoutReport:
    """The same predictions under other FallbackClassifier thresholds (it only looks at the top two scores)."""
    changed = HoldoutReport(model=f"{report.model} @ threshold {threshold}, ambiguity {ambiguity}")
    for p in report.predictions:
        (top, top_conf), *rest = p.ranked or ((p.predicted, p.confidence),)
        second = rest[0][1] if rest else 0.0
        falls_back = top_conf < threshold or top_conf - second < ambiguity
        changed.predictions.append(replace(p, predicted=FALLBACK if falls_back else top, confidence=top_conf))
    return changed


def evaluate(model_path: Path, holdout: Path = HOLDOUT_FILE) -> HoldoutReport:
    """Parse every held-out example with the trained model and score it."""
    return asyncio.run(_predict(model_path, read_examples(holdout)))


def score(model_path: Path, examples: list[Example]) -> HoldoutReport:
    """Parse and score examples given in code (e.g. the dialogue contract's own phrases)."""
    return asyncio.run(_predict(model_path, examples))
