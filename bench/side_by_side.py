"""The project side by side with the same project trained on Rasa's default config (issue 10's table).

Each column is one pair of real servers (harness.stack: action server + Rasa server, SQLite tracker
store, REST channel) started the way ``make run`` starts them, both at once. Measured per column:

* launch → first answer: from spawning both servers to the first reply to "hi" (polled every 50 ms);
* one user: turn latency over realistic 14-turn conversations, one after another (p50 / p95);
* 8 concurrent conversations: messages answered per second, one Rasa process;
* Rasa server RSS after all of the above (the server's process group, /proc);
* growth: turns 56-60 against turns 1-5 of conversations walking the routines (median per turn over
  three conversations), and the last 5 (and 50) of 400 turns of chat that never starts a routine against
  its first 5 (and 50);
* training from scratch (the project: trained here into a temporary folder; the peer: as recorded by
  ``make bench-peer``).

The peer model is ``models/peer/rasa-default.tar.gz`` (``make bench-peer``, trained once). Columns:
``project`` (the shipped model and server_tuning), ``project, stock rasa`` (the same model without the
server_tuning overrides) and ``default config`` (the peer model behind the same servers).
A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bench.stats import percentile
from harness.stack import ROOT, Stack
from pacing import Routine
from stretch_content import load_content

PEER_MODEL = ROOT / "models" / "peer" / "rasa-default.tar.gz"
PEER_TRAIN_SECONDS = ROOT / "build" / "peer-train-seconds.txt"
PROJECT_MODEL = ROOT / "models" / "stretch-coach.tar.gz"
NO_LIMITS = {"RATE_LIMIT_PER_SENDER": "0", "RATE_LIMIT_PER_CLIENT": "0"}
"""A benchmark sends faster than any person or clinic: the channels' rate limits are off here."""
NO_OVERRIDES = {"SERVER_TUNING_SKIP": "imports,action_validation,session_length,lazy_tensorflow,graph_runner"}

CONVERSATION = [
    "hi",
    "how do I book an appointment?",
    "guide me through cat cow",
    "no",
    "next",
    "which side now?",
    "next",
    "how long do I hold it?",
    "next",
    "repeat that",
    "what step am I on?",
    "next",
    "stop",
    "thanks, bye",
]
"""14 realistic turns: a greeting, booking, the screen before exercise, a routine with questions in it,
stopping and leaving."""

OFF_TOPIC = [
    "hi",
    "what's the weather like today?",
    "how do I book an appointment?",
    "do you take my insurance?",
    "what is the forward fold good for?",
    "tell me a joke",
    "what's your number?",
    "thanks",
]
"""Chat that never starts a routine (so no new Rasa session begins): the conversation only grows."""


@dataclass
class Column:
    name: str
    model: Path
    env: Mapping[str, str] = field(default_factory=dict)
    results: dict[str, str] = field(default_factory=dict)


def routine_walk(turns: int) -> list[str]:
    """The routines walked to the end with "next", one after another, cut at ``turns``."""
    script: list[str] = []
    while len(script) < turns:
        for stretch in load_content().stretches:
            script += [f"guide me through {stretch.synonyms[0]}"] + ["next"] * Routine(stretch).total
    return script[:turns]


def timed(stack: Stack, sender: str, texts: list[str]) -> list[float]:
    """Milliseconds per turn of one conversation."""
    latencies = []
    for text in texts:
        started = time.perf_counter()
        stack.rest(sender, text)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def action_server_up(stack: Stack) -> bool:
    try:
        with urllib.request.urlopen(f"{stack.action_url}/health", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def launch(stack: Stack) -> float:
    """Starts both servers at once (as scripts/run.sh does); seconds until "hi" gets a real answer."""
    started = time.perf_counter()
    errors: list[BaseException] = []

    def run(start: Callable[[], None]) -> None:
        try:
            start()
        except BaseException as error:  # reported after the launch
            errors.append(error)

    threads = [threading.Thread(target=run, args=(s,)) for s in (stack.start_actions, stack.start_rasa)]
    for thread in threads:
        thread.start()
    first_answer = None
    deadline = time.monotonic() + 300
    while first_answer is None and not errors and time.monotonic() < deadline:
        if action_server_up(stack):
            try:
                if stack.rest(f"launch-{time.monotonic_ns()}", "hi"):
                    first_answer = time.perf_counter() - started
            except (OSError, RuntimeError, http.client.HTTPException):
                # HTTPException: polling a local port nobody listens on yet, the kernel may give the client
                # that very port as its own and connect it to itself: it reads its own request back
                pass
        if first_answer is None:
            time.sleep(0.05)
    for thread in threads:
        thread.join()
    if errors or first_answer is None:
        raise RuntimeError(f"servers did not start: {errors}")
    return first_answer


def throughput(stack: Stack, users: int, conversations_each: int, tag: str) -> float:
    """Messages per second with ``users`` conversations running at once."""

    def user(index: int) -> None:
        for round_ in range(conversations_each):
            for text in CONVERSATION:
                stack.rest(f"{tag}-user{index}-{round_}", text)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return users * conversations_each * len(CONVERSATION) / (time.perf_counter() - started)


def group_rss_mb(pid: int) -> float:
    """Resident memory of a process and every process in its group (Sanic may fork workers)."""
    total_kb = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            pgid = int(stat.rsplit(")", 1)[1].split()[2])
            if pgid != pid:
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total_kb / 1024


def ratio(late: list[float], early: list[float]) -> float:
    return statistics.median(late) / statistics.median(early)


def per_turn_median(runs: list[list[float]]) -> list[float]:
    return [statistics.median(values) for values in zip(*runs, strict=True)]


def measure(column: Column, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        stack = Stack(workdir=Path(workdir), model=column.model, env={**NO_LIMITS, **column.env})
        try:
            column.results["launch → first answer"] = f"{launch(stack):.1f} s"
            tag = column.name.replace(" ", "-").replace(",", "")
            timed(stack, f"{tag}-warmup", CONVERSATION)
            one_user = [ms for n in range(args.conversations) for ms in timed(stack, f"{tag}-one-{n}", CONVERSATION)]
            p50, p95 = statistics.median(one_user), percentile(one_user, 0.95)
            column.results["one user, turn p50 / p95"] = f"{p50:.1f} / {p95:.1f} ms"
            rate = throughput(stack, 8, args.concurrent_rounds, tag)
            column.results["8 concurrent conversations"] = f"{rate:.1f} msg/s"
            walks = [timed(stack, f"{tag}-walk-{n}", routine_walk(60)) for n in range(3)]
            walk = per_turn_median(walks)
            column.results["turns 56–60 vs 1–5 (routines)"] = f"×{ratio(walk[55:60], walk[:5]):.2f}"
            chat = timed(stack, f"{tag}-chat", [OFF_TOPIC[n % len(OFF_TOPIC)] for n in range(args.chat_turns)])
            column.results[f"turns {args.chat_turns - 4}–{args.chat_turns} vs 1–5 (chat)"] = (
                f"×{ratio(chat[-5:], chat[:5]):.2f}"
            )
            # five turns against five is what the target names; fifty against fifty is steadier on a shared machine
            column.results[f"turns {args.chat_turns - 49}–{args.chat_turns} vs 1–50 (chat)"] = (
                f"×{ratio(chat[-50:], chat[:50]):.2f}"
            )
            assert stack._rasa is not None
            column.results["Rasa server RSS"] = f"{group_rss_mb(stack._rasa.pid):,.0f} MB"
        finally:
            stack.stop()


def training_seconds(config: Path) -> float:
    """Trains the project on ``config`` from scratch into a temporary folder."""
    with tempfile.TemporaryDirectory() as out:
        command = [str(Path(sys.executable).with_name("rasa")), "train", "--config", str(config), "--out", out]
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=10, help="14-turn conversations for one user")
    parser.add_argument("--concurrent-rounds", type=int, default=3, help="conversations per concurrent user")
    parser.add_argument("--chat-turns", type=int, default=400)
    parser.add_argument("--columns", default="project,stock,peer", help="which of project, stock, peer to measure")
    parser.add_argument("--no-training", action="store_true", help="do not train the project to time it")
    parser.add_argument("--json", type=Path, help="also write the table here")
    args = parser.parse_args()
    chosen = args.columns.split(",")
    if "peer" in chosen and not PEER_MODEL.exists():
        sys.exit(f"{PEER_MODEL.relative_to(ROOT)} is missing: run `make bench-peer` (trains it once, ~10 min)")
    available = {
        "project": Column("project", PROJECT_MODEL),
        "stock": Column("project, stock rasa", PROJECT_MODEL, NO_OVERRIDES),
        "peer": Column("default config", PEER_MODEL),
    }
    columns = [available[name] for name in chosen]
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores: above 2 the numbers are slowed)")
    for column in columns:
        print(f"measuring: {column.name}", file=sys.stderr, flush=True)
        measure(column, args)
    if not args.no_training:
        columns[0].results["training from scratch"] = f"{training_seconds(ROOT / 'config.yml'):.0f} s"
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if "peer" in chosen and PEER_TRAIN_SECONDS.exists():
        peer_seconds = float(PEER_TRAIN_SECONDS.read_text().split()[-1])
        available["peer"].results["training from scratch"] = f"{peer_seconds:.0f} s"
    rows = list(dict.fromkeys(key for column in columns for key in column.results))
    width = max(len(row) for row in rows) + 2
    print("".join([f"{'':<{width}}", *(f"{c.name:>22}" for c in columns)]))
    for row in rows:
        print("".join([f"{row:<{width}}", *(f"{c.results.get(row, '-'):>22}" for c in columns)]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({c.name: c.results for c in columns}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
