"""Compare three ways to triage on the labeled file: triage's rules, medspaCy's ConText, the NLU alone.

- rules: triage.assess as shipped (cue tables of its own for who / when / whether / idioms).
- ConText: the same red-flag terms and levels, with medspaCy ConText's default rules deciding negated /
  historical / hypothetical / family (bench/triage_context.py, run in build/venv-medspacy).
- NLU only: the trained model's intent: report_red_flag -> emergency, report_pain -> pain, else none.

Prints recall and false alarms per approach on the held-out part and the whole file, and writes
test-artifacts/triage-compare.json. `make bench-triage` (mk/triage.mk) builds the medspaCy venv and model first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from triage import Level, assess
from triage.evaluation import Labeled, read_labeled, score_splits

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "test-artifacts" / "triage-compare.json"
MEDSPACY_PYTHON = ROOT / "build" / "venv-medspacy" / "bin" / "python"
NLU_LEVELS = {"report_red_flag": Level.EMERGENCY, "report_pain": Level.PAIN}


def _rules(labeled: list[Labeled]) -> dict[str, Any]:
    scores = score_splits(labeled, lambda text: assess(text).level)
    return {split: s.as_json() for split, s in scores.items()}


async def _intents(model: Path, texts: list[str]) -> dict[str, str]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    intents = {}
    for text in texts:
        parsed = await agent.parse_message(text)
        intents[text] = str((parsed.get("intent") or {}).get("name"))
    return intents


def _nlu_only(labeled: list[Labeled], model: Path) -> dict[str, Any]:
    intents = asyncio.run(_intents(model, [item.text for item in labeled]))
    scores = score_splits(labeled, lambda text: NLU_LEVELS.get(intents[text], Level.NONE))
    return {split: s.as_json() for split, s in scores.items()}


def _context(python: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [str(python), str(ROOT / "bench" / "triage_context.py")], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _latest_model() -> Path:
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise SystemExit("no trained model: run `make model` first")
    return models[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--medspacy-python", type=Path, default=MEDSPACY_PYTHON)
    parser.add_argument("--model", type=Path, default=None, help="Rasa model (default: the newest in models/)")
    args = parser.parse_args()

    labeled = read_labeled()
    results: dict[str, Any] = {"rules": _rules(labeled)}
    results.update({f"medspacy_{name}": scores for name, scores in _context(args.medspacy_python).items()})
    results["nlu_only"] = _nlu_only(labeled, args.model or _latest_model())

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'approach':30} {'part':8} {'recall':>8} {'false alarms':>14} {'accuracy':>9}")
    for name, splits in results.items():
        for split in ("heldout", "all"):
            s = splits[split]
            alarms = f"{s['false_alarms']}/{s['near_misses']} ({s['false_alarm_rate']:.1%})"
            recall = f"{s['red_flags_caught']}/{s['red_flags']}"
            print(f"{name:30} {split:8} {recall:>8} {alarms:>14} {s['accuracy']:>9.1%}")
    print(f"written to {RESULTS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
