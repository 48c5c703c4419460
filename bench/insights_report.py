"""How long ``make report`` takes on 100,000 synthetic conversations, and whether it holds up the server.

Not a test: it prints timings (and writes test-artifacts/bench-insights.json). The store is generated
once by bench/insights_synthetic.py into build/bench-insights/ (several GB; reused while the generator
is unchanged) and the report is made by the real command line (``python -m insights report``), in its
own process. Meanwhile a writer commits a row to the same SQLite file every 20 ms, as the Rasa server
commits turns, and the slowest of those commits is reported: the report reads in one read-only
transaction on the write-ahead log, so it should not hold up a write.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import insights_synthetic  # noqa: E402

FOLDER = ROOT / "build/bench-insights"


def store_for(conversations: int) -> Path:
    """The generated store, made again when the generator's version or the size changed."""
    db = FOLDER / f"tracker-{conversations}-v{insights_synthetic.VERSION}.db"
    if not db.exists():
        for old in FOLDER.glob("tracker-*.db*"):
            old.unlink()
        began = time.monotonic()
        events, checkins = insights_synthetic.generate(db, conversations)
        print(f"generated {conversations:,} conversations ({events:,} events, {checkins:,} check-ins, "
              f"{db.stat().st_size / 1e9:.1f} GB) in {time.monotonic() - began:.0f} s")  # fmt: skip
    return db


def writer(db: Path, stop: threading.Event, latencies: list[float]) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_writes (at REAL)")
    while not stop.is_set():
        began = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench_writes VALUES (?)", (time.time(),))
        conn.execute("COMMIT")
        latencies.append(time.perf_counter() - began)
        time.sleep(0.02)
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    args = parser.parse_args()
    db = store_for(args.conversations)
    out = FOLDER / "report.html"
    quiet, alone = threading.Event(), list[float]()  # the same writer for 10 s without the report: the baseline
    baseline = threading.Thread(target=writer, args=(db, quiet, alone), daemon=True)
    baseline.start()
    time.sleep(10)
    quiet.set()
    baseline.join()
    stop, latencies = threading.Event(), list[float]()
    thread = threading.Thread(target=writer, args=(db, stop, latencies), daemon=True)
    thread.start()
    began = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "insights", "report", "--store", str(db), "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)  # fmt: skip
    seconds = time.monotonic() - began
    stop.set()
    thread.join()
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = usage.ru_maxrss / 1024
    result = {
        "conversations": args.conversations,
        "store_gb": round(db.stat().st_size / 1e9, 2),
        "report_seconds": round(seconds, 1),
        "report_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "report_peak_rss_mb": round(rss),
        "report_bytes": out.stat().st_size,
        "writes_during_report": len(latencies),
        "slowest_write_ms": round(1000 * max(latencies), 1) if latencies else None,
        "p99_write_ms": round(1000 * sorted(latencies)[int(0.99 * len(latencies))], 1) if latencies else None,
        "slowest_write_without_report_ms": round(1000 * max(alone), 1) if alone else None,
        "load_average": os.getloadavg(),
        "printed": done.stdout.strip(),
    }
    print(json.dumps(result, indent=2))
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "bench-insights.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
