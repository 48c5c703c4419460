"""Turn latency over a long conversation on the real servers (REST channel): does it grow with history?

Walks every stretch to the end, again and again, in one conversation, and prints the median and
95th-percentile latency per block of turns. A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.stats import summary
from harness.stack import Stack
from pacing import Routine
from stretch_content import load_content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=400)
    parser.add_argument("--block", type=int, default=50)
    parser.add_argument("--in-memory", action="store_true", help="Rasa's in-memory tracker store instead of SQLite")
    args = parser.parse_args()
    content = load_content()
    script: list[str] = []
    while len(script) < args.turns:
        for stretch in content.stretches:
            screen = [] if script else ["no"]  # the screen before exercise, before the conversation's first stretch
            script += [f"guide me through {stretch.synonyms[0]}", *screen] + ["next"] * Routine(stretch).total
    script = script[: args.turns]
    with tempfile.TemporaryDirectory() as workdir:
        # 400 turns in one conversation is faster than any person: the per-conversation rate limit is off here
        stack = Stack(workdir=Path(workdir), tracker_store=not args.in_memory, env={"RATE_LIMIT_PER_SENDER": "0"})
        started = time.perf_counter()
        stack.start()
        print(f"servers ready in {time.perf_counter() - started:.1f} s")
        try:
            latencies = []
            for text in script:
                t0 = time.perf_counter()
                stack.rest("bench-long-conversation", text)
                latencies.append((time.perf_counter() - t0) * 1000)
        finally:
            stack.stop()
    for start in range(0, len(latencies), args.block):
        block = latencies[start : start + args.block]
        print(summary(f"turns {start + 1}-{start + len(block)}", block))


if __name__ == "__main__":
    main()
