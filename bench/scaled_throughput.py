"""Throughput of the scaled stack with 1 and with 2 Rasa servers, at 8 concurrent conversations.

Each stack is the real one of ``make run-scaled`` (HAProxy, PostgreSQL tracker store, Redis lock
store, one action server; ``harness/scaled_stack.py``). Eight people talk at once over the REST
channel, each walking the stretches one step per message, as fast as the replies come; the numbers are
messages answered per second and the turn latency. For reference the same load also runs against
``make run``'s stack (one server, SQLite, no balancer). A benchmark: it prints, it asserts nothing.
On a 2-core machine the Rasa servers, the action server and PostgreSQL share the same two cores.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.stats import percentile
from harness.scaled_stack import ScaledStack
from harness.stack import Stack
from pacing import Routine
from stretch_content import load_content

NO_RATE_LIMITS = {"RATE_LIMIT_PER_SENDER": "0", "RATE_LIMIT_PER_CLIENT": "0"}
"""Eight simulated people on one address send faster than the channel's limits allow one visitor."""


@dataclass(frozen=True)
class Result:
    label: str
    messages: int
    seconds: float
    latencies_ms: list[float]
    servers: Counter[str]
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds each server used during the load (all its processes)."""

    def row(self) -> str:
        spread = ", ".join(f"{name} {count}" for name, count in sorted(self.servers.items())) or "-"
        return (
            f"| {self.label} | {self.messages / self.seconds:.1f} | {percentile(self.latencies_ms, 0.5):.0f} | "
            f"{percentile(self.latencies_ms, 0.95):.0f} | {spread} |"
        )


def script(turns: int) -> list[str]:
    """One person's messages: each stretch from the start, one step per message, ``turns`` in all."""
    messages: list[str] = []
    while len(messages) < turns:
        for stretch in load_content().stretches:
            screen = [] if messages else ["no"]  # the screen before exercise, before the conversation's first stretch
            messages += [f"guide me through {stretch.synonyms[0]}", *screen] + ["next"] * Routine(stretch).total
    return messages[:turns]


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(groups: dict[str, int]) -> dict[str, float]:
    """CPU time (user + system) used so far by each server: its process group and the direct children.

    Children count too because PostgreSQL's backends each start a session of their own.
    """
    processes: dict[int, tuple[int, int, float]] = {}  # pid: (parent, group, cpu seconds)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command: state, ppid, pgrp, ...
        except OSError:  # the process ended meanwhile
            continue
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
        processes[int(stat.parent.name)] = (int(fields[1]), int(fields[2]), cpu)
    by_group = {pgid: name for name, pgid in groups.items()}
    used = dict.fromkeys(groups, 0.0)
    for parent, group, cpu in processes.values():
        name = by_group.get(group) or by_group.get(processes.get(parent, (0, 0, 0.0))[1])
        if name is not None:
            used[name] += cpu
    return used


def load(send: Callable[[str, str], str], label: str, people: int, turns: int) -> Result:
    """``people`` conversations at once, each ``turns`` messages; ``send`` returns the answering server."""
    messages = script(turns)
    for warm in range(4):  # every server has parsed and answered before the clock starts
        send(f"bench-warm-{warm}", messages[0])

    def converse(person: int) -> tuple[list[float], list[str]]:
        latencies, servers = [], []
        for text in messages:
            started = time.perf_counter()
            servers.append(send(f"bench-{label}-{person}", text))
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies, servers

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=people) as pool:
        outcomes = list(pool.map(converse, range(people)))
    seconds = time.perf_counter() - started
    latencies = [ms for person, _ in outcomes for ms in person]
    servers = Counter(name for _, names in outcomes for name in names if name)
    return Result(label, people * turns, seconds, latencies, servers)


def scaled(scale: int, people: int, turns: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-scaled-") as workdir:
        stack = ScaledStack(workdir=Path(workdir), scale=scale, env=NO_RATE_LIMITS)
        started = time.perf_counter()
        stack.start()
        print(f"{scale} Rasa server(s) behind HAProxy ready in {time.perf_counter() - started:.0f} s", flush=True)
        try:

            def send(sender: str, text: str) -> str:
                reply = stack.rest(sender, text)
                if reply.status != 200:
                    raise RuntimeError(f"HTTP {reply.status} from {reply.server}")
                return reply.server

            label = f"{scale} Rasa server{'s' if scale > 1 else ''}, PostgreSQL + Redis + HAProxy"
            groups = stack.process_groups()
            before = cpu_seconds(groups)
            result = load(send, label, people, turns)
            after = cpu_seconds(groups)
            return replace(result, cpu={name: after[name] - before[name] for name in groups})
        finally:
            stack.stop()


def single(people: int, turns: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-single-") as workdir:
        stack = Stack(workdir=Path(workdir), env=NO_RATE_LIMITS)
        stack.start()
        print("make run's stack (1 Rasa server, SQLite) ready", flush=True)
        try:

            def send(sender: str, text: str) -> str:
                stack.rest(sender, text)
                return ""

            return load(send, "1 Rasa server, SQLite, no balancer (make run)", people, turns)
        finally:
            stack.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=8, help="concurrent conversations")
    parser.add_argument("--turns", type=int, default=40, help="messages per conversation")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-reference", action="store_true", help="skip the make run (SQLite) row")
    args = parser.parse_args()
    results = [scaled(n, args.people, args.turns) for n in args.scales]
    if not args.no_reference:
        results.append(single(args.people, args.turns))
    print(f"\n{args.people} concurrent conversations, {args.turns} messages each (REST channel)\n")
    print("| stack | messages/s | turn p50 (ms) | turn p95 (ms) | answered by |")
    print("|---|---|---|---|---|")
    for result in results:
        print(result.row())
    print("\nCPU seconds used during the load (2 cores: at most 2 s per second of wall time):")
    for result in results:
        if result.cpu:
            used = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.cpu.items())
            print(f"- {result.label}, {result.seconds:.1f} s: {used}")


if __name__ == "__main__":
    main()
