"""Training the learned symptom reader (triage/learned.py) on every labeled message the project has.

Not imported at run time (it needs scikit-learn and scipy, which the bench and the build have):
``python -m triage.train`` writes triage/model.npz. Training data: tests/triage/messages.yml, emergencies.yml and
the blind sets except the held-out ones
(the ``heldout_blind*.yml`` sets in ``HELD_OUT`` are never trained on), plus the NLU's
examples (data/nlu/: ``report_red_flag`` as emergency, ``report_pain`` as pain, every other intent
as none, which teaches the model what everyday and coaching messages look like). The fit is
deterministic: same data, same arrays.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from triage.context import Message
from triage.evaluation import LABELED_FILE, read_labeled
from triage.learned import LEVELS, MODEL_FILE, Model, features, grams

ROOT = Path(__file__).resolve().parents[1]
TRIAGE_DIR = LABELED_FILE.parent
HELD_OUT = (
    "heldout_blind6",
    "heldout_blind9",
    "heldout_blind21",
    "heldout_blind22",
    "heldout_blind29",
    "heldout_blind30",
    "heldout_blind34",
    "heldout_blind39",
)
"""Blind sets kept out of everything: each measured the triage once, as written, and is never trained on."""
TEAM_FILES = (LABELED_FILE.stem, "emergencies")
"""Labeled files the team wrote (the rest are blind sets): the rules' file and the general emergencies."""
NLU_DIR = ROOT / "data" / "nlu"
NLU_LEVELS = {"report_red_flag": "emergency", "report_pain": "pain"}
_ENTITY = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")


@dataclass(frozen=True)
class Example:
    """One training message: its text, its level, where it comes from, and how much it counts."""

    text: str
    level: str
    source: str
    weight: float = 1.0


def triage_sets(folder: Path = TRIAGE_DIR, *, exclude: Iterable[str] = HELD_OUT) -> dict[str, list[Example]]:
    """The labeled file and every blind set but the excluded ones, by file stem."""
    skip = set(exclude)
    sets: dict[str, list[Example]] = {}
    for path in sorted(folder.glob("*.yml")):
        if path.stem in skip or not (path.stem in TEAM_FILES or "blind" in path.stem):
            continue
        items = read_labeled(path, blind=path.stem != LABELED_FILE.stem)
        sets[path.stem] = [Example(i.text, i.expect.value, path.stem) for i in items]
    return sets


def nlu_examples(folder: Path = NLU_DIR, weight: float = 0.5) -> list[Example]:
    """The NLU's training examples as triage levels (entity markup removed)."""
    examples: list[Example] = []
    for path in sorted(folder.glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in raw.get("nlu") or []:
            intent = block.get("intent")
            if not intent:
                continue
            level = NLU_LEVELS.get(str(intent), "none")
            for line in str(block.get("examples") or "").splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    text = _ENTITY.sub(lambda m: m.group(1) or m.group(2) or "", text)
                    examples.append(Example(text, level, f"nlu:{intent}", weight))
    return examples


def readable(text: str) -> str:
    """What the model reads: triage's normalised text with idioms blanked ("I fell asleep" has no fall)."""
    return Message(text).text


@dataclass(frozen=True)
class Settings:
    """The fit's knobs (chosen by cross-validation over the writers' sets, bench/triage_model.py)."""

    C: float = 10.0
    min_df: int = 2
    alarm_weight: float = 1.0


def fit(examples: Sequence[Example], settings: Settings = Settings()) -> Model:
    """Vocabulary (n-grams in at least ``min_df`` messages), idf, and a multinomial logistic regression."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    texts = [readable(e.text) for e in examples]
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(grams(text)))
    terms = sorted(g for g, n in df.items() if n >= settings.min_df)
    vocabulary = {t: i for i, t in enumerate(terms)}
    n = len(texts)
    idf = np.array([math_log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float64)
    # the arrays are stored as float32: fit on the rounded idf so a loaded model predicts the same
    idf = idf.astype(np.float32).astype(np.float64)
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        for j, v in features(text, vocabulary, idf).items():
            rows.append(r)
            cols.append(j)
            vals.append(v)
    x = csr_matrix((vals, (rows, cols)), shape=(n, len(terms)))
    y = np.array([LEVELS.index(e.level) for e in examples])
    weights = np.array(
        [e.weight * (settings.alarm_weight if e.level in ("emergency", "ask") else 1.0) for e in examples]
    )
    clf = LogisticRegression(C=settings.C, max_iter=5000, solver="lbfgs")
    clf.fit(x, y, sample_weight=weights)
    coef = np.zeros((len(LEVELS), len(terms)))
    intercept = np.full(len(LEVELS), -30.0)  # a level with no example is never predicted
    for row, cls in enumerate(clf.classes_):
        coef[cls] = clf.coef_[row]
        intercept[cls] = clf.intercept_[row]
    return Model(vocabulary, idf, coef.astype(np.float32).astype(np.float64), intercept)


def math_log(value: float) -> float:
    """Natural log (numpy's, so training and the stored idf agree to the last bit)."""
    return float(np.log(value))


def all_examples(*, nlu_weight: float = 0.5) -> list[Example]:
    """Everything the shipped model is trained on (never the held-out blind set)."""
    examples = [e for items in triage_sets().values() for e in items]
    return examples + nlu_examples(weight=nlu_weight)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    examples = all_examples()
    model = fit(examples)
    model.save(args.out)
    print(f"{len(examples)} examples, {len(model.vocabulary)} n-grams -> {args.out}")


if __name__ == "__main__":
    main()
