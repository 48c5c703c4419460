"""How triage should recognise a symptom, measured on messages each approach was not developed on.

Approaches (each scored with the same four figures: red flags reaching care, emergency as emergency,
false alarms, pain recognised):

- rules: triage's regular expressions and context readers alone (``triage.assess.read_rules``).
- tfidf: the learned reader alone (triage/learned.py: word 1-2 and character 2-5 grams, logistic
  regression), its most probable level.
- rules+tfidf: the shipped combination (``triage.assess``): the rules first; when they find no red
  flag and set no mention aside (someone else's, negated, long ago ...), a confident learned alarm
  is an ``ask`` (an ``emergency`` when very confident), a confident learned pain is pain.
- minilm / rules+minilm (with ``--embeddings``): the same with a logistic regression over
  all-MiniLM-L6-v2 sentence embeddings (bench/minilm_embed.py, run in build/venv-minilm).

Cross-validation by writer: each labeled set (the team's file and each blind set) is scored by a
model trained on all the others (plus the NLU's examples), so every figure of a learned approach is
on a writer it never saw. The rules were developed on those sets (their figures there are not
unseen); ``heldout_blind6`` and any ``--unseen`` file are scored by a model trained on everything
else, and are unseen for every approach. Writes test-artifacts/triage-model.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from triage.assess import SHIPPED, Level, Reading, Thresholds, combine, read_rules
from triage.evaluation import read_labeled
from triage.learned import LEVELS, Model
from triage.train import HELD_OUT, TRIAGE_DIR, Example, Settings, fit, nlu_examples, readable, triage_sets

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "test-artifacts" / "triage-model.json"
ALARMS = (Level.EMERGENCY, Level.ASK)

Probs = dict[str, float]
Judge = Callable[[Reading, Probs], Level]


@dataclass
class Figures:
    """The issue's four figures on one set."""

    care: int = 0
    red_flags: int = 0
    emergency_as_emergency: int = 0
    emergencies: int = 0
    false_alarms: int = 0
    harmless: int = 0
    pain_caught: int = 0
    pain: int = 0

    def add(self, expect: Level, got: Level) -> None:
        if expect in ALARMS:
            self.red_flags += 1
            self.care += got in ALARMS
            if expect is Level.EMERGENCY:
                self.emergencies += 1
                self.emergency_as_emergency += got is Level.EMERGENCY
        else:
            self.harmless += 1
            self.false_alarms += got in ALARMS
            if expect is Level.PAIN:
                self.pain += 1
                self.pain_caught += got is Level.PAIN

    def row(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({a / b:.1%})" if b else "-"

        return (
            f"{pct(self.care, self.red_flags):>17} {pct(self.emergency_as_emergency, self.emergencies):>17} "
            f"{pct(self.false_alarms, self.harmless):>15} {pct(self.pain_caught, self.pain):>15}"
        )

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _rules(reading: Reading, probs: Probs) -> Level:
    return reading.assessment.level


def _argmax(reading: Reading, probs: Probs) -> Level:
    return Level(max(probs, key=probs.__getitem__))


def _combined(thresholds: Thresholds) -> Judge:
    def judge(reading: Reading, probs: Probs) -> Level:
        return combine(reading, probs, thresholds).level

    return judge


@dataclass(frozen=True)
class Scored:
    """One set's messages with the rules' reading and each learned model's probabilities."""

    name: str
    unseen: bool
    expect: list[Level]
    readings: list[Reading]
    probs: dict[str, list[Probs]]


def _score(scored: Scored, judge: Judge, model: str) -> Figures:
    figures = Figures()
    probs = scored.probs.get(model) or [{level: 0.0 for level in LEVELS} for _ in scored.expect]
    for expect, reading, p in zip(scored.expect, scored.readings, probs, strict=True):
        figures.add(expect, judge(reading, p))
    return figures


class Embedded:
    """Sentence embeddings computed in the bench venv (bench/minilm_embed.py), looked up by text."""

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as arrays:
            self.vectors = {str(t): v for t, v in zip(arrays["texts"], arrays["vectors"], strict=True)}

    def fit_predict(self, train: Sequence[Example], test: Sequence[str], c: float) -> list[Probs]:
        from sklearn.linear_model import LogisticRegression

        x = np.array([self.vectors[e.text] for e in train])
        y = np.array([LEVELS.index(e.level) for e in train])
        clf = LogisticRegression(C=c, max_iter=5000)
        clf.fit(x, y, sample_weight=np.array([e.weight for e in train]))
        probs = clf.predict_proba(np.array([self.vectors[t] for t in test]))
        return [{LEVELS[cls]: float(p[i]) for i, cls in enumerate(clf.classes_)} | _zeros(clf.classes_) for p in probs]


def _zeros(classes: Sequence[int]) -> Probs:
    return {level: 0.0 for i, level in enumerate(LEVELS) if i not in set(classes)}


def _tfidf(train: Sequence[Example], test: Sequence[str], settings: Settings) -> list[Probs]:
    model: Model = fit(train, settings)
    return [model.probabilities(readable(t)) for t in test]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--unseen", type=Path, nargs="*", default=[], help="more sets never trained on")
    parser.add_argument("--embeddings", type=Path, default=None, help="npz from bench/minilm_embed.py")
    parser.add_argument("--C", type=float, default=Settings.C)
    parser.add_argument("--nlu-weight", type=float, default=0.5)
    parser.add_argument("--sweep-on", nargs="*", default=[], help="print a threshold sweep totalled over these sets")
    args = parser.parse_args()

    unseen_names = {HELD_OUT, *(p.stem for p in args.unseen)}
    dev = triage_sets(exclude=unseen_names)
    unseen: dict[str, list[Example]] = {
        p.stem: [Example(i.text, i.expect.value, p.stem) for i in read_labeled(p, blind=True)]
        for p in [TRIAGE_DIR / f"{HELD_OUT}.yml", *args.unseen]
    }
    nlu = nlu_examples(weight=args.nlu_weight)
    settings = Settings(C=args.C)
    embedded = Embedded(args.embeddings) if args.embeddings else None

    scored: list[Scored] = []
    started = time.perf_counter()
    folds = [
        (name, [e for other, items in dev.items() if other != name for e in items], items, False)
        for name, items in dev.items()
    ]
    everything = [e for items in dev.values() for e in items]
    folds += [(name, everything, items, True) for name, items in unseen.items()]
    for name, train, test, is_unseen in folds:
        texts = [e.text for e in test]
        probs = {"tfidf": _tfidf(train + nlu, texts, settings)}
        if embedded:
            probs["minilm"] = embedded.fit_predict(train + nlu, texts, c=10.0)
        scored.append(Scored(name, is_unseen, [Level(e.level) for e in test], [read_rules(t) for t in texts], probs))
        print(f"fold {name}: trained on {len(train) + len(nlu)}", file=sys.stderr)
    print(f"folds took {time.perf_counter() - started:.0f} s", file=sys.stderr)

    judges: dict[str, tuple[Judge, str]] = {
        "rules": (_rules, "tfidf"),
        "tfidf": (_argmax, "tfidf"),
        "rules+tfidf": (_combined(SHIPPED), "tfidf"),
    }
    if embedded:
        judges["minilm"] = (_argmax, "minilm")
        judges["rules+minilm"] = (_combined(SHIPPED), "minilm")

    if args.sweep_on:
        _sweep([s for s in scored if s.name in args.sweep_on])

    results: dict[str, Any] = {}
    print(f"{'approach':14} {'set':16} {'reach care':>17} {'emerg as emerg':>17} {'false alarms':>15} {'pain':>15}")
    for judge_name, (judge, model) in judges.items():
        results[judge_name] = {}
        for s in scored:
            figures = _score(s, judge, model)
            never_seen = s.unseen or judge_name in ("tfidf", "minilm")
            results[judge_name][s.name] = figures.as_json() | {"unseen": never_seen}
            mark = "*" if never_seen else " "
            print(f"{judge_name:14} {s.name + mark:16} {figures.row()}")
    results["costs"] = _costs([e.text for items in [*dev.values(), *unseen.values()] for e in items])
    print(json.dumps(results["costs"]))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print("* = messages the approach was not developed or trained on (rules+: the rules were developed on it)")


def _costs(texts: Sequence[str]) -> dict[str, float]:
    """Per-message time of the rules alone and of the shipped assess (rules + learned), and the model's size."""
    from triage import assess
    from triage.learned import MODEL_FILE, load, shipped

    started = time.perf_counter()
    model = load(MODEL_FILE)
    loaded = time.perf_counter() - started
    shipped()
    timings = {}
    for name, learned in (("rules_ms", False), ("rules_and_learned_ms", True)):
        started = time.perf_counter()
        for text in texts:
            assess(text, learned=learned)
        timings[name] = round((time.perf_counter() - started) / len(texts) * 1000, 3)
    return timings | {
        "messages": len(texts),
        "model_load_s": round(loaded, 3),
        "model_file_kb": round(MODEL_FILE.stat().st_size / 1024, 1),
        "model_arrays_mb": round((model.coef.nbytes + model.idf.nbytes) / 1e6, 2),
        "ngrams": len(model.vocabulary),
    }


def _sweep(dev: Sequence[Scored]) -> None:
    """Totals over the sets named in ``--sweep-on`` (learned parts unseen) for a grid of thresholds."""
    for model in sorted({m for s in dev for m in s.probs}):
        for alarm in (0.5, 0.6, 0.7):
            for emergency in (0.5, 0.6, 0.7):
                for pain_emergency in (0.6, 0.8):
                    for pain in (0.3, 0.4, 0.5):
                        t = Thresholds(
                            alarm=alarm, emergency=emergency, pain=pain, pain_emergency=pain_emergency, others=0.7
                        )
                        total = Figures()
                        for s in dev:
                            f = _score(s, _combined(t), model)
                            for key, value in f.__dict__.items():
                                setattr(total, key, getattr(total, key) + value)
                        print(f"sweep {model} {t}: {total.row()}")


if __name__ == "__main__":
    main()
