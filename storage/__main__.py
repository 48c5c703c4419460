"""Erase conversations: ``python -m storage forget <conversation id>``, ``python -m storage purge <days>``.

``make forget ID=…`` and ``make purge DAYS=…`` run these.

Reads the tracker store from ``endpoints.yml`` (Rasa's own reader, so ``${ENV}`` values work) and
works while the servers run: Rasa's SQL store reads the conversation from the database on every turn
and keeps no copy in memory.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.utils.endpoints import read_endpoint_config
from sqlalchemy.engine import Engine

from storage import erase

SQLITE_BUSY_SECONDS = 30.0
SQL_STORES = {"sql", "storage.tracker_store.SafeSQLTrackerStore".lower()}


def store_engine(endpoints: Path) -> Engine:
    """An engine on the tracker store that ``endpoints`` configures (an SQL store, or this project's)."""
    config = read_endpoint_config(str(endpoints), "tracker_store")
    if config is None or (config.type or "").lower() not in SQL_STORES:
        raise SystemExit(f"{endpoints}: the tracker store is not an SQL store, nothing to erase here")
    kwargs = config.kwargs
    dialect = str(kwargs.get("dialect", "sqlite"))
    db = str(kwargs.get("db", "rasa.db"))
    if dialect == "sqlite" and not config.url:
        path = Path(db).resolve()
        if not path.is_file():
            raise SystemExit(f"{path}: no tracker store file (nothing has been stored yet)")
        db = str(path)
    url = SQLTrackerStore.get_db_url(
        dialect, config.url, kwargs.get("port"), db, kwargs.get("username"), kwargs.get("password"),
        query=kwargs.get("query"),
    )  # fmt: skip
    engine_kwargs = create_engine_kwargs(url)
    if dialect == "sqlite":  # wait for a turn the running server is writing, rather than fail at once
        engine_kwargs["connect_args"] = {**engine_kwargs.get("connect_args", {}), "timeout": SQLITE_BUSY_SECONDS}
    return erase.secure(sa.create_engine(url, **engine_kwargs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storage", description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=Path, default=Path("endpoints.yml"))
    commands = parser.add_subparsers(dest="command", required=True)
    forget = commands.add_parser("forget", help="erase one conversation, leaving no trace in the store")
    forget.add_argument("conversation_id")
    purge = commands.add_parser("purge", help="erase conversations whose last event is older than DAYS days")
    purge.add_argument("days", type=float)
    args = parser.parse_args(argv)
    engine = store_engine(args.endpoints)
    try:
        return run(args, engine, parser)
    except erase.ScrubIncompleteError as error:
        print(f"the rows are deleted, but their old pages may still be in the store's files: {error}; "
              "run the command again", file=sys.stderr)  # fmt: skip
        return 2


def run(args: argparse.Namespace, engine: Engine, parser: argparse.ArgumentParser) -> int:
    """Forget or purge, as parsed."""
    if args.command == "forget":
        events = erase.forget(engine, args.conversation_id)
        if not events:
            print(f"no conversation {args.conversation_id!r} in the store (nothing erased)", file=sys.stderr)
            return 1
        print(f"forgot conversation {args.conversation_id!r}: {events} events erased")
        return 0
    if args.days < 0:
        parser.error("DAYS must be 0 or more")
    purged = erase.purge(engine, args.days)
    print(f"purged {purged.conversations} conversations ({purged.events} events) older than {args.days:g} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
