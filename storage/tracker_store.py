"""The project's tracker store: Rasa's SQL store, made private by default and loud when it fails.

Configured in ``endpoints.yml`` as ``type: storage.tracker_store.SafeSQLTrackerStore`` (Rasa loads a
custom store by its module path and passes the other keys as keyword arguments). On top of
``SQLTrackerStore`` it

* creates the SQLite file 0600 in a 0700 folder before SQLite writes a byte, and deletes securely;
* keeps SQLite on a write-ahead log with ``synchronous = NORMAL``, held open by one idle connection
  (``storage.sqlite_file.keep_open``), so a commit costs no disk sync, and keeps its connections open
  between sessions (``_pool_connections``);
* reads a turn's session by index (``_event_query``, ``storage/event_index.py``), not every row of the
  conversation;
* never silently starts over: Rasa wraps every store in a ``FailSafeTrackerStore`` that swallows
  errors and keeps the conversation in memory. Here a file that is missing, replaced, corrupt or
  unwritable is logged at ERROR, recorded in ``storage.failures`` (the channel then tells the person,
  ``pacing.replies.cannot_save``), and the turn runs on a paused stand-in tracker, so no action runs
  and no step moves on a place that cannot be kept. A corrupt file at start-up does not stop Rasa:
  it starts, logs why, and answers every turn with that reply until the file is fixed;
* removes conversations older than the retention period (``TRACKER_RETENTION_DAYS``, 30 by default,
  0 keeps them forever) at start and then every hour, from the server process itself;
* does not write back a conversation that ``make forget`` or the purge erased during its turn;
* redacts message text from the logs (``storage.log_redaction``);
* never exits the server over one conversation: Rasa's ``session_scope`` turns *any* ``ValueError``
  raised while a session is open (a sender id that is not valid UTF-8, an unreadable stored event)
  into ``sys.exit``. Here only a missing PostgreSQL schema is such an error, and it is a loud failure.

With ``dialect: postgresql`` (the scaled stack, docs/scaling.md) the SQLite-only parts (file modes,
``secure_delete``, the file checks) are skipped; retention, loud failures, log redaction and the
erased-during-turn check work the same, and several servers may share the database (each reads the
conversation at the start of every turn; nothing is cached between turns). tests/scaled runs it so.

The four private methods of ``SQLTrackerStore`` overridden here (``session_scope``, ``_retrieve``,
``_additional_events``, ``_event_query``) are pinned with every other override in ``server_tuning/pins.py``:
a Rasa upgrade that changes one fails ``tests/unit/test_server_tuning.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import sqlite3
from collections import OrderedDict
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, ensure_schema_exists
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ConversationPaused, Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Query, Session, sessionmaker
from sqlalchemy.pool import QueuePool

from storage import erase, event_index, failures, log_redaction, progress, sqlite_file

logger = logging.getLogger(__name__)

RETENTION_ENV = "TRACKER_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30.0
INTERVAL_ENV = "TRACKER_RETENTION_INTERVAL_SECONDS"
DEFAULT_INTERVAL_SECONDS = 3600.0
POOL_SIZE = 2
"""SQLite connections kept open (``_pool_connections``): a turn uses one at a time, the retention purge another."""
POOL_OVERFLOW = 8
MAX_REMEMBERED = 10_000
"""Conversations whose stored-or-not state is kept (for a forget during a turn), oldest forgotten first."""


class StorageUnavailableError(Exception):
    """The store cannot be used (file missing, replaced or corrupt); the message says why."""


class ErasedDuringTurnError(Exception):
    """The conversation was forgotten or purged while its turn ran: it must not be written back."""


STORAGE_ERRORS = (SQLAlchemyError, StorageUnavailableError, OSError, ValueError)
"""What reading or saving one conversation may raise; ValueError covers unencodable ids and unreadable events."""


class UnavailableTracker(DialogueStateTracker):
    """Stands in for a conversation that cannot be read: paused, so Rasa runs no action; never saved."""


def brief(error: Exception) -> str:
    """The first line of an error: SQLAlchemy's next lines quote the statement's parameters, i.e. the text."""
    lines = str(error).splitlines()
    return lines[0][:500] if lines else ""


def retention_from(configured: Any = None) -> float | None:
    """Days to keep a conversation after its last event: the environment wins, then endpoints.yml, then 30.

    0 (or less) keeps conversations forever. A value that is not a number stops the server (loudly).
    """
    raw = os.environ.get(RETENTION_ENV) or configured
    days = DEFAULT_RETENTION_DAYS if raw in (None, "") else float(raw)
    return days if days > 0 else None


class SafeSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` with owner-only files, secure deletion, retention and loud failures."""

    engine: Engine

    def __init__(
        self,
        domain: Domain | None = None,
        dialect: str = "sqlite",
        host: str | None = None,
        db: str = "rasa.db",
        query: dict[str, Any] | None = None,
        retention_days: Any = None,
        **kwargs: Any,
    ) -> None:
        try:
            self._configure(domain, dialect, host, db, query, retention_days, kwargs)
        except (AttributeError, ImportError) as error:
            # Rasa turns these two into "store not found" and silently keeps conversations in memory.
            raise RuntimeError(f"tracker store set-up failed: {error!r}") from error

    def _configure(
        self,
        domain: Domain | None,
        dialect: str,
        host: str | None,
        db: str,
        query: dict[str, Any] | None,
        retention_days: Any,
        kwargs: dict[str, Any],
    ) -> None:
        log_redaction.install()
        self.unavailable: str | None = None
        self.sqlite_path = Path(db).resolve() if dialect == "sqlite" and not host else None
        self._inode: int | None = None
        self.retention_days = retention_from(retention_days)
        self._retention_task: asyncio.Task[None] | None = None
        self._stored: OrderedDict[str, bool] = OrderedDict()  # was the conversation in the store when last read?
        self._keeper: sqlite3.Connection | None = None
        if self.sqlite_path is not None:
            sqlite_file.secure_file(self.sqlite_path)
            self._inode = self.sqlite_path.stat().st_ino
            problem = sqlite_file.problem_with(self.sqlite_path)
            if problem:
                self.unavailable = f"{self.sqlite_path} cannot be used ({problem})"
                logger.error(
                    "Tracker store %s: every conversation will be refused until it is repaired or moved "
                    "aside (a new, empty store is created at the next start when the file is absent).",
                    self.unavailable,
                )
                TrackerStore.__init__(self, domain, kwargs.get("event_broker"))
                return
            # mode=rw: SQLite must never quietly create a new, empty file if this one disappears.
            db, query = f"file:{self.sqlite_path}", {**(query or {}), "mode": "rw", "uri": "true"}
        super().__init__(domain=domain, dialect=dialect, host=host, db=db, query=query, **kwargs)
        if self.sqlite_path is not None:
            self._pool_connections()
        erase.secure(self.engine)
        if self.sqlite_path is not None:
            self._keeper = sqlite_file.keep_open(self.sqlite_path)
        try:  # a turn reads only its session's rows (storage/event_index.py)
            event_index.ensure(self.engine)
        except SQLAlchemyError as error:
            logger.error("Tracker store: the event indexes could not be created: %s", brief(error))
        try:  # the progress tables beside the events (storage/progress.py), from an empty store on
            progress.migrate(self.engine)
        except SQLAlchemyError as error:
            logger.error("Tracker store: the progress tables could not be created: %s", brief(error))
        if self.retention_days is not None:
            self._purge_expired()
            self._schedule_retention()

    def _pool_connections(self) -> None:
        """Rasa's SQLite engine again, with its connections kept open between sessions.

        SQLAlchemy 1.4 gives a file database ``NullPool``: every ``session_scope`` (two a turn) opened a
        new SQLite connection, ran the three ``on_connect`` pragmas, parsed the schema and read its pages
        cold, then closed it: about 1-1.5 ms of a turn. A pooled connection is returned rolled back, so an
        idle one holds no transaction and, like the idle WAL connection, blocks no checkpoint or VACUUM
        (``erase.scrub``). ``check_same_thread=False``: the retention purge borrows one from a worker
        thread; the pool lends each connection to one thread at a time.
        """
        unpooled = self.engine
        self.engine = sa.create_engine(
            unpooled.url,
            poolclass=QueuePool,
            pool_size=POOL_SIZE,
            max_overflow=POOL_OVERFLOW,
            connect_args={"check_same_thread": False},
        )
        self.sessionmaker = sessionmaker(bind=self.engine)
        unpooled.dispose()

    def close(self) -> None:
        """Closes the idle WAL connection and the engine's connections (tests; a server just exits)."""
        if self._keeper is not None and self._inode is not None:
            sqlite_file.let_go(self._inode, self._keeper)
            self._keeper = None
        if hasattr(self, "engine"):
            self.engine.dispose()

    # -- retention -------------------------------------------------------------------------------

    def _purge_expired(self) -> None:
        if self.retention_days is None or self.unavailable:
            return
        try:
            purged = erase.purge(self.engine, self.retention_days)
        except (SQLAlchemyError, erase.ScrubIncompleteError) as error:
            logger.error("Tracker store retention: could not remove old conversations: %s", brief(error))
            return
        if purged.conversations:
            logger.info(
                "Tracker store retention: removed %d conversations older than %g days",
                purged.conversations,
                self.retention_days,
            )

    def _schedule_retention(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not inside a server (e.g. `rasa export`): the start-up purge is enough
            return
        interval = float(os.environ.get(INTERVAL_ENV) or DEFAULT_INTERVAL_SECONDS)
        self._retention_task = loop.create_task(self._retention_loop(interval))

    async def _retention_loop(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            await asyncio.to_thread(self._purge_expired)

    # -- loud failures ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Session, None, None]:
        """Rasa's session scope, minus its ``sys.exit`` on any ``ValueError`` raised inside it."""
        session = self.sessionmaker()
        try:
            try:
                ensure_schema_exists(session)
            except ValueError as error:
                raise StorageUnavailableError(f"PostgreSQL schema {error} does not exist") from error
            yield session
        finally:
            session.close()

    def _check_available(self) -> None:
        if self.unavailable:
            raise StorageUnavailableError(self.unavailable)
        if self.sqlite_path is None:
            return
        try:
            inode = self.sqlite_path.stat().st_ino
        except FileNotFoundError:
            raise StorageUnavailableError(f"{self.sqlite_path} is missing (deleted while running?)") from None
        if inode != self._inode:
            raise StorageUnavailableError(f"{self.sqlite_path} was replaced while running")

    def _failed(self, operation: str, sender_id: str, error: Exception) -> None:
        logger.error(
            "Tracker store: could not %s a conversation, so its place is not kept: %s: %s",
            operation,
            type(error).__name__,
            brief(error),
        )
        failures.record(sender_id, operation)

    def _stand_in(self, sender_id: str) -> UnavailableTracker:
        tracker = UnavailableTracker(sender_id, self.domain.slots)
        tracker.update(ConversationPaused())
        return tracker

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        try:
            self._check_available()
            tracker: DialogueStateTracker | None = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        except STORAGE_ERRORS as error:
            self._failed("read", sender_id, error)
            return self._stand_in(sender_id)
        self._mark_stored(sender_id, tracker is not None)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if isinstance(tracker, UnavailableTracker):
            return  # the failure was recorded when it was read; a stand-in is never written
        try:
            self._check_available()
            await super().save(tracker)
        except ErasedDuringTurnError:
            logger.info("Tracker store: a conversation was erased during its turn; it is not written back")
            self._mark_stored(tracker.sender_id, False)
        except STORAGE_ERRORS as error:
            self._failed("save", tracker.sender_id, error)
        else:  # a new conversation's first save has no events yet: then nothing is stored
            self._mark_stored(tracker.sender_id, len(tracker.events) > 0)

    # -- forgetting during a turn ----------------------------------------------------------------

    def _mark_stored(self, sender_id: str, stored: bool) -> None:
        self._stored[sender_id] = stored
        self._stored.move_to_end(sender_id)
        while len(self._stored) > MAX_REMEMBERED:
            self._stored.popitem(last=False)

    def _event_query(self, session: Session, sender_id: str, fetch_events_from_all_sessions: bool) -> Query[Any]:
        """Rasa's query (the conversation's events, or those since its latest ``SessionStarted``), by index.

        Rasa's asks for ``timestamp >= (SELECT max(timestamp) …) OR that max IS NULL``, which no index
        answers: SQLite read every row of the conversation for the subquery and again for the filter,
        twice per turn. Here the session's start is read first (one seek in ``event_index.SESSION_STARTS``)
        and then the events from it (a range of ``event_index.SESSION_EVENTS``). The same rows in the same
        order: the same ``>=`` on the same maximum, all rows when there is none. Nothing writes a
        conversation's rows between the two queries but its own turn (Rasa's lock store runs one turn of
        a conversation at a time) or an erasure, which then reads as an erased conversation.
        """
        events = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id)
        if not fetch_events_from_all_sessions:
            start = (
                session.query(sa.func.max(self.SQLEvent.timestamp))
                .filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.type_name == SessionStarted.type_name)
                .scalar()
            )
            if start is not None:
                events = events.filter(self.SQLEvent.timestamp >= start)
        return events.order_by(self.SQLEvent.id)

    def _additional_events(self, session: Session, tracker: DialogueStateTracker) -> Iterator[Event]:
        """Rasa's: the events not stored yet. Refuses when the whole conversation vanished since it was read.

        Rasa counts the stored events and writes the rest; after ``make forget`` (or the retention purge)
        ran during a turn that count is 0, and Rasa would write the whole conversation back.
        """
        stored = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
        if stored == 0 and self._stored.get(tracker.sender_id):
            raise ErasedDuringTurnError(tracker.sender_id)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def keys(self) -> Iterable[str]:
        try:
            self._check_available()
            return list(await super().keys())
        except STORAGE_ERRORS as error:
            logger.error("Tracker store: could not list conversations: %s: %s", type(error).__name__, brief(error))
            return []
