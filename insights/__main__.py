"""``python -m insights report|export``: what ``make report`` and ``make export`` run.

A store that cannot be read (missing, empty, corrupt, no conversations) is said in one line on stderr
with exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Connection

from insights import export, outcomes, report, store
from insights.conversations import Reader
from insights.outcomes import CheckIn
from stretch_content import load_content

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DAYS = 30


def moment(text: str | None, default: float) -> float:
    """``2026-11-01`` or ``2026-11-01T08:00`` (UTC unless it says otherwise) as seconds since the epoch."""
    if not text:
        return default
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"not a date: {text!r} (write it as 2026-11-01 or 2026-11-01T08:00)") from None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def period(args: argparse.Namespace, now: float) -> tuple[float, float]:
    end = moment(args.to, now)
    if args.to and len(args.to) == 10:  # a date: the whole of that day
        end += timedelta(days=1).total_seconds()
    start = moment(args.start, end - DEFAULT_DAYS * 86_400)
    if start >= end:
        raise SystemExit("FROM must be before TO")
    return start, end


def write_private(path: Path, text: str) -> None:
    """Written for the owner only (0600 in a 0700 folder): the report and the export describe patients."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    path.chmod(0o600)


def read_checkins(conn: Connection, kept: set[str]) -> tuple[list[CheckIn], bool]:
    table = store.has_table(conn, store.CHECKINS)
    rows = [c for batch in store.checkins(conn) for r in batch if (c := outcomes.from_row(r)) is not None]
    return [c for c in rows if c.conversation_id in kept], table


def run_report(args: argparse.Namespace) -> int:
    began = time.monotonic()
    now = moment(args.as_of, time.time())
    start, end = period(args, now)
    source = store.resolve(args.store, args.endpoints, ROOT)
    content = load_content()
    reader = Reader(start, end, now, include_text=args.include_text, content=content)
    with store.snapshot(source) as conn:
        store.check_events(conn, source.shown)
        reader.bot_messages = store.bot_messages(conn)
        for batch in store.events(conn, texts=args.include_text):
            reader.feed(batch)
        counts = reader.finish()
        kept = store.conversation_ids(conn)
        checkins, table = read_checkins(conn, kept)
    out = outcomes.read(checkins, start, end) if table else None
    about = report.About(source.shown, now, table, args.include_text, time.monotonic() - began)
    write_private(args.out, report.render(counts, out, content, about))
    print(f"report for {report.day(start)} to {report.day(end)}: {args.out} ({counts.events_read:,} events, "
          f"{time.monotonic() - began:.1f} s)")  # fmt: skip
    return 0


def run_export(args: argparse.Namespace) -> int:
    now = time.time()
    start, end = period(args, now) if (args.start or args.to) else (0.0, float("inf"))
    source = store.resolve(args.store, args.endpoints, ROOT)
    with store.snapshot(source) as conn:
        store.check_events(conn, source.shown)
        checkins, table = read_checkins(conn, store.conversation_ids(conn))
    if not table:
        print(
            f"{source.shown}: no check-ins table (progress_checkins) in the store: nothing to export", file=sys.stderr
        )
        return 1
    chosen = [c for c in checkins if start <= c.at < end]
    system = args.subject_system or export.DEFAULT_SUBJECT_SYSTEM
    if not args.subject_system:
        print(f"FHIR_SUBJECT_SYSTEM is not set: subjects are identified under {system}", file=sys.stderr)
    write_private(args.out_dir / "checkins.csv", export.csv_text(chosen))
    write_private(args.out_dir / "checkins.ndjson", export.ndjson_text(chosen, system))
    print(f"exported {len(chosen)} check-ins to {args.out_dir}/checkins.csv and checkins.ndjson")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m insights", description="what the clinic learns from the store")
    commands = top.add_subparsers(dest="command", required=True)
    for name, what in (("report", "the HTML report"), ("export", "check-ins as CSV and FHIR NDJSON")):
        sub = commands.add_parser(name, help=what)
        sub.add_argument("--store", default=os.environ.get("STORE") or None, help="a SQLite file or an SQLAlchemy URL")
        sub.add_argument("--endpoints", type=Path, default=ROOT / (os.environ.get("ENDPOINTS") or "endpoints.yml"))
        sub.add_argument("--from", dest="start", default=os.environ.get("FROM") or None)
        sub.add_argument("--to", default=os.environ.get("TO") or None)
    rep = commands.choices["report"]
    rep.add_argument("--out", type=Path, default=ROOT / "build/insights/report.html")
    rep.add_argument("--include-text", action="store_true", default=os.environ.get("INCLUDE_TEXT") == "1")
    rep.add_argument("--as-of", default=None, help="the report's 'now' (what counts as gone quiet); default now")
    exp = commands.choices["export"]
    exp.add_argument("--out-dir", type=Path, default=ROOT / "build/insights")
    exp.add_argument("--subject-system", default=os.environ.get("FHIR_SUBJECT_SYSTEM") or None)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run_report(args) if args.command == "report" else run_export(args)
    except store.StoreError as error:
        print(f"cannot make the {args.command}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
