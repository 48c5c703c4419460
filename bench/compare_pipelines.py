"""Trains each candidate NLU pipeline on data/nlu and scores it on the held-out file.

Why: the classifier (logistic regression or DIET) and the fallback threshold are chosen by measurement.
Trainings run one at a time (the machine's cores are shared). For every config: held-out accuracy,
out-of-scope recall (on holdout.yml and on the everyday file from untrained domains), red-flag safety,
train time and mean parse latency, then the same predictions under other FallbackClassifier thresholds
(it only looks at the top two scores, so no retraining is needed).

    .venv/bin/python bench/compare_pipelines.py [--configs bench/configs/light.yml ...] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlu_eval.holdout import EVERYDAY_FILE, ROOT, TRAINING_DIR, HoldoutReport, evaluate, with_fallback

CONFIG_DIR = ROOT / "bench" / "configs"
MODEL_DIR = ROOT / "build" / "bench-models"
RESULTS = ROOT / "test-artifacts" / "nlu-pipelines.json"
RASA = ROOT / ".venv" / "bin" / "rasa"
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
AMBIGUITY = 0.05


@dataclass
class Candidate:
    name: str
    train_seconds: float | None
    report: HoldoutReport
    everyday: HoldoutReport

    def row(self, threshold: float | None = None) -> dict[str, Any]:
        r, e, label = self.report, self.everyday, ""
        if threshold is not None:
            r, e = with_fallback(r, threshold, AMBIGUITY), with_fallback(e, threshold, AMBIGUITY)
            label = f" @ {threshold}"
        return {
            "config": self.name + label,
            "accuracy": r.accuracy,
            "in_scope_accuracy": r.in_scope_accuracy,
            "oos_recall": r.oos_recall,
            "oos_precision": r.oos_precision,
            "everyday_oos_recall": e.oos_recall,
            "red_flags_unsafe": len(r.red_flag_unsafe),
            "false_red_flags": len(r.false_red_flags) + len(e.false_red_flags),
            "train_s": self.train_seconds,
            "parse_ms": r.mean_parse_ms,
        }


def train(config: Path, reuse: bool) -> tuple[Path, float | None]:
    """`rasa train nlu` for one config, from scratch: an empty training cache, so no component is reused.

    The time includes the CLI's start-up, as `make model` would see it.
    """
    model = MODEL_DIR / f"{config.stem}.tar.gz"
    newest_input = max(p.stat().st_mtime for p in [config, *TRAINING_DIR.glob("*.yml")])
    if reuse and model.exists() and model.stat().st_mtime > newest_input:
        return model, None
    command = [str(RASA), "train", "nlu", "--config", str(config), "--nlu", str(TRAINING_DIR)]
    command += ["--out", str(MODEL_DIR), "--fixed-model-name", config.stem]
    with tempfile.TemporaryDirectory(prefix="rasa-cache-") as cache:
        env = {**os.environ, "RASA_CACHE_DIRECTORY": cache}
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        return model, round(time.perf_counter() - start, 1)


def table(rows: list[dict[str, Any]]) -> str:
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join("" if row[c] is None else str(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", nargs="*", type=Path, default=sorted(CONFIG_DIR.glob("*.yml")))
    parser.add_argument("--reuse", action="store_true", help="skip training when a model is newer than its inputs")
    args = parser.parse_args()

    candidates = []
    for config in args.configs:
        print(f"training {config.stem} ...", file=sys.stderr, flush=True)
        model, seconds = train(config, args.reuse)
        candidates.append(Candidate(config.stem, seconds, evaluate(model), evaluate(model, EVERYDAY_FILE)))

    rows = [c.row() for c in candidates]
    sweep = [c.row(threshold) for c in candidates for threshold in THRESHOLDS]
    print("## As configured (each config's own FallbackClassifier thresholds)\n")
    print(table(rows))
    print(f"\n## Fallback threshold sweep (ambiguity {AMBIGUITY}; same predictions, no retraining)\n")
    print(table(sweep))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    detail = {c.name: {"holdout": c.report.as_json(), "everyday": c.everyday.as_json()} for c in candidates}
    RESULTS.write_text(json.dumps({"configured": rows, "sweep": sweep, "detail": detail}, indent=2) + "\n")
    print(f"\ndetails -> {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
