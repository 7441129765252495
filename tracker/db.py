"""The database layer: the only module that talks to the neo4j driver.

One driver per process, kept in ``app.extensions["neo4j"]``; one session per unit of work;
managed transactions only. Queries are named Cypher files (see tracker.queries) and results
come back as plain data (lists of dicts, dates as ISO strings).

Repositories write transaction functions with the helpers ``rows``, ``row`` and ``value``::

    def _create(tx, rows):
        return value(tx, "organisations/upsert", rows=rows)

    db.write_tx(_create, rows, audit=[...])
"""

from __future__ import annotations

import base64
import logging
import math
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, Session
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Relationship
from neo4j.spatial import CartesianPoint, Point, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from tracker.areas import (
    EVERYTHING,
    ReachSubjects,
    Touched,
    created_events,
    reach_subjects,
    touched,
)
from tracker.config import Settings
from tracker.localdb import Connection, LocalDbError, resolve_connection
from tracker.queries import library

log = logging.getLogger(__name__)

T = TypeVar("T")


def pool_size(settings: Settings | None = None) -> int:
    """Connections per process: one per request thread (``TRACKER_THREADS``, see
    :mod:`tracker.serving`) plus two for background work, so a request never waits for one."""
    return (settings or Settings.from_env()).threads + 2

# Errors that mean "the database is not there right now": the app answers 503 and retries later.
# A pool with no free connection within the acquisition timeout counts too (503, not 500).
UNAVAILABLE = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, LocalDbError,
               neo4j_errors.AuthError, neo4j_errors.ConnectionAcquisitionTimeoutError)
ConstraintError = neo4j_errors.ConstraintError
TransientError = neo4j_errors.TransientError
# Repositories type their transaction functions with this; they never import neo4j themselves.
__all__ = ["ConstraintError", "Database", "DatabaseUnavailable", "ImportRunning",
           "ManagedTransaction",
           "TransientError", "WriteLanded", "decode", "encode", "plain", "row", "rows",
           "typed_rows", "value"]

# Short timeouts so that a request fails (503) within a second when the database is down,
# instead of tying up a server thread for the driver's default 30-60 s. Connecting is bounded by
# CONNECTION_TIMEOUT (a stopped server refuses at once; an unreachable host times out). The
# acquisition timeout also bounds waiting for a pooled connection (the pool is sized to the
# request threads, see pool_size) and the handshake of a new connection, so it is generous: a
# slow but alive database under load must not be reported as down (bench/load.py found that
# 0.8 s turned a busy machine's slow handshakes into 503s).
CONNECTION_TIMEOUT = 1.0
ACQUISITION_TIMEOUT = 10.0
# After a failed connection, requests in the next second answer 503 at once instead of each
# trying again (one request per second probes whether the database is back).
PROBE_INTERVAL = 1.0


def database_gone(code: str | None) -> bool:
    """Whether a transient error's code says the database itself is not there (it is shutting
    down, starting or was killed), which is an outage (503, the CLI waits) and not a conflict
    to retry (bench/faults.py saw these reach the caller while Neo4j was being killed).

    >>> database_gone("Neo.TransientError.General.DatabaseUnavailable")
    True
    >>> database_gone("Neo.TransientError.Transaction.DeadlockDetected")
    False
    """
    return (code or "").endswith(".General.DatabaseUnavailable")


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached; callers show a 503 and try again on the next request."""


class ImportRunning(DatabaseUnavailable):
    """A batched import is writing (or was interrupted and not yet rolled back): writes that
    touch tracker data are refused until it ends (see docs/imports.md, "Concurrency")."""

    def __init__(self, file: str, started: str | None) -> None:
        super().__init__(
            f"an import of {file!r} (started {started or 'earlier'}) is writing; changes are "
            "refused until it ends. If no import is running, it was interrupted: "
            "`tracker import --recover` rolls it back.")
        self.file = file


class WriteLanded(RuntimeError):
    """The connection was lost during commit, but the write is in the database (checked)."""

    def __init__(self, write_id: str) -> None:
        super().__init__(f"the connection was lost while committing, but the write landed "
                         f"(write id {write_id})")
        self.write_id = write_id


def plain(value: Any) -> Any:
    """Turn driver values (temporal types, nodes, nested lists and maps) into plain data."""
    if isinstance(value, (Date, DateTime, Time)):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, (Node, Relationship)):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def encode(value: Any) -> Any:
    """A driver value as JSON that keeps its type (backups): dates, times and durations, bytes,
    non-finite floats and points become one-key ``{"$type": text}`` maps."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return _encode_typed(value)


def _encode_typed(value: Any) -> dict[str, Any]:
    """The one-key map of a temporal value, bytes or a point."""
    if isinstance(value, DateTime):
        return {"$datetime": value.iso_format()}
    if isinstance(value, Date):
        return {"$date": value.iso_format()}
    if isinstance(value, Time):
        return {"$time": value.iso_format()}
    if isinstance(value, Duration):
        return {"$duration": [value.months, value.days, value.seconds, value.nanoseconds]}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Point):
        return {"$point": [value.srid, list(value)]}
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


_DECODERS: dict[str, Callable[[Any], Any]] = {
    "$float": float,
    "$datetime": DateTime.from_iso_format,
    "$date": Date.from_iso_format,
    "$time": Time.from_iso_format,
    "$duration": lambda v: Duration(months=v[0], days=v[1], seconds=v[2], nanoseconds=v[3]),
    "$bytes": lambda v: base64.b64decode(v),
    "$point": lambda v: _point(v[0], v[1]),
}


def _point(srid: int, coords: list[float]) -> Point:
    for cls in (CartesianPoint, WGS84Point):
        point = cls(coords)
        if point.srid == srid:
            return point
    raise ValueError(f"unknown point srid {srid}")


def decode(value: Any) -> Any:
    """The driver value that ``encode`` wrote (the inverse of encode)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            (key, inner), = value.items()
            if key in _DECODERS:
                return _DECODERS[key](inner)
        return {k: decode(v) for k, v in value.items()}
    return value


def typed_rows(tx: ManagedTransaction, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Run a named query and return every record with its values ``encode``d (type kept)."""
    query = library()[name]
    query.check(params)
    result = tx.run(query.text, params)
    return [{k: encode(v) for k, v in zip(record.keys(), record.values(), strict=True)}
            for record in result]


def rows(tx: ManagedTransaction, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Run a named query in tx and return every record as a plain dict."""
    query = library()[name]
    query.check(params)
    started = time.perf_counter()
    result = tx.run(query.text, params)
    found = [{k: plain(v) for k, v in zip(record.keys(), record.values(), strict=True)}
             for record in result]
    log.debug("query %s: %d rows in %.1f ms", name, len(found), (time.perf_counter() - started) * 1000)
    return found


def row(tx: ManagedTransaction, name: str, /, **params: Any) -> dict[str, Any] | None:
    """Run a named query in tx and return its first record (or None)."""
    found = rows(tx, name, **params)
    return found[0] if found else None


def value(tx: ManagedTransaction, name: str, /, **params: Any) -> Any:
    """Run a named query in tx and return the first column of its first record (or None)."""
    found = row(tx, name, **params)
    return next(iter(found.values())) if found else None


#: Areas whose writes may change who reached what (the kept first reaching collaborations).
REACH_EDGE_AREAS = frozenset({"network", "reach"})
#: Appended collaborations the state node remembers before a write resets its tail.
TAIL_LIMIT = 500


class _FirstReach:
    """Keeps each organisation's first reaching collaboration (``FirstReach`` nodes, read by the
    growth timeline instead of replaying ``collaborations/first_reach``) in a write's own
    transaction: the organisations the write may affect (given by the write, ``reach``, or read
    from its audit entries, :func:`tracker.areas.reach_subjects`) are gathered before the write
    and again after it, and recomputed; a write that cannot say which, or a database that kept
    none yet, recomputes every organisation. It also notes whether the write only appended
    collaborations at the end of the timeline (:meth:`note_tail`)."""

    def __init__(self, tx: ManagedTransaction, entries: list[dict[str, Any]],
                 active: bool, reach: ReachSubjects | None = None) -> None:
        self.tx = tx
        self.entries = entries
        self.active = active  # False: the write touched neither the network nor reach
        self.given = reach is not None
        self.subjects = reach if reach is not None else \
            reach_subjects(entries) if entries else ReachSubjects(everything=True)
        self.whole = active and (self.subjects.everything
                                 or not value(tx, "first_reach/is_kept"))
        self.before: list[str] = self._candidates() if active and not self.whole else []
        self.appended = self._appended() if active and self.given else ()
        self.refreshed = 0

    def _candidates(self) -> list[str]:
        s = self.subjects
        found = value(self.tx, "first_reach/candidates", events=list(s.events),
                      people=list(s.people), organisations=list(s.organisations))
        return list(found or [])

    def _appended(self) -> tuple[str, ...]:
        """The events a write that gave its own subjects may append: only when none of them
        and none of its people exist before it (read in its transaction)."""
        s = self.subjects
        if not s.appended or rows(self.tx, "interchange/existing_ids", actors=[],
                                  people=list(s.people), events=list(s.appended)):
            return ()
        return s.appended

    def refresh(self) -> None:
        """Recompute the kept first reach of the organisations gathered (or of all)."""
        if not self.active:
            return
        if self.whole:
            self.refreshed = int(value(self.tx, "first_reach/refresh_all") or 0)
        else:
            ids = sorted(set(self.before) | set(self._candidates()))
            if ids:
                self.refreshed = int(value(self.tx, "first_reach/refresh", ids=ids) or 0)
        log.debug("first reach refreshed for %d organisations%s", self.refreshed,
                  " (all)" if self.whole else "")

    def note_tail(self) -> None:
        """After the version bump: note whether this write only appended collaborations at
        the end of the timeline (``meta/note_tail``), so a cached timeline can be extended."""
        if not self.active:
            return
        if self.given:
            append, created = bool(self.appended), self.appended
        else:
            append, created = created_events(self.entries)
        rows(self.tx, "meta/note_tail", created=list(created), append=append, limit=TAIL_LIMIT)


def _bump(tx: ManagedTransaction, areas: set[str]) -> None:
    """Bump the data version and these areas' versions; a write to data refuses while a
    batched import is writing (ImportRunning, raised in the transaction: nothing lands)."""
    state = rows(tx, "meta/bump_version", areas=sorted(areas))[0]
    if areas and state["importing"] is not None:
        raise ImportRunning(state["importing"], state["import_started"])


class Database:
    """A driver plus the unit-of-work helpers; created once per process."""

    def __init__(self, connection: Connection | None = None,
                 settings: Settings | None = None, patient: bool = False) -> None:
        """``patient`` (the CLI): wait for a lost database and retry a write once, checking
        first whether a write whose commit was interrupted has landed. Web requests are not
        patient: they answer 503 at once and the next request tries again."""
        self._connection = connection
        self._settings = settings
        self._driver: Driver | None = None
        self._lock = threading.Lock()
        self._schema_applied = False
        self.patient = patient
        self._down_until = 0.0
        # Seconds a patient caller waits for the database to come back (a restart after a crash
        # replays the transaction log first).
        self.patience = 180.0

    # -- connection ---------------------------------------------------------------------------
    @property
    def connection(self) -> Connection:
        if self._connection is None:
            self._connection = resolve_connection(self._settings)
        return self._connection

    @property
    def driver(self) -> Driver:
        """The process's driver, created on first use (starting the local server if needed)."""
        if self._driver is None:
            with self._lock:
                if self._driver is None:
                    try:
                        conn = self.connection
                    except LocalDbError as exc:
                        raise DatabaseUnavailable(str(exc)) from exc
                    # The driver's own retry loop (which sleeps 1 s, 2 s, ... on an unavailable
                    # server) is off: _run retries transient errors itself, briefly.
                    self._driver = GraphDatabase.driver(
                        conn.uri, auth=(conn.user, conn.password),
                        connection_timeout=CONNECTION_TIMEOUT,
                        connection_acquisition_timeout=ACQUISITION_TIMEOUT,
                        max_transaction_retry_time=0,
                        notifications_min_severity="OFF",
                        max_connection_pool_size=pool_size(self._settings),
                    )
        return self._driver

    def close(self) -> None:
        """Close the driver (at process exit, never per request)."""
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _session(self) -> Session:
        return self.driver.session(database=self.connection.database)

    # -- units of work -------------------------------------------------------------------------
    def _run(self, mode: str, work: Callable[[ManagedTransaction], T]) -> T:
        """One managed transaction; transient errors (deadlocks, lock timeouts) are retried a few
        times with jitter; an unavailable database raises DatabaseUnavailable at once."""
        if not self.patient and time.monotonic() < self._down_until:
            raise DatabaseUnavailable("the database was unreachable a moment ago")
        attempts = 4
        for attempt in range(attempts):
            try:
                with self._session() as session:
                    if mode == "read":
                        return session.execute_read(work)
                    return session.execute_write(work)
            except neo4j_errors.TransientError as exc:
                if database_gone(exc.code) and attempt == attempts - 1:
                    self._down_until = time.monotonic() + PROBE_INTERVAL
                    raise DatabaseUnavailable(exc.code or "the database is unavailable") \
                        from exc
                if attempt == attempts - 1 or "MemoryPool" in (exc.code or ""):
                    raise
                log.info("transient error, retrying (%s): %s", attempt + 1, exc.code)
                time.sleep(0.05 * (2 ** attempt) * (0.5 + random.random()))
            except UNAVAILABLE as exc:
                self._down_until = time.monotonic() + PROBE_INTERVAL
                raise DatabaseUnavailable(str(exc).splitlines()[0] if str(exc) else
                                          type(exc).__name__) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def read_tx(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(tx, ...) in a managed read transaction and return its plain result."""
        self.ensure_schema()
        try:
            return self._run("read", lambda tx: fn(tx, *args, **kwargs))
        except DatabaseUnavailable:
            if not self.patient:
                raise
            self.wait_until_available()
            return self._run("read", lambda tx: fn(tx, *args, **kwargs))

    def write_tx(self, fn: Callable[..., T], *args: Any,
                 audit: Iterable[dict[str, Any]] | None = None, bump_version: bool = True,
                 areas: Iterable[str] | None = None, reach: ReachSubjects | None = None,
                 **kwargs: Any) -> T:
        """Run fn(tx, ...) and its audit entries in one managed write transaction.

        Every write also bumps the data version and the version of each area of data it
        touched (:mod:`tracker.areas`: from ``areas`` when given, else from the audit entries,
        else every area), so caches of derived numbers that read those areas drop out and the
        others stay warm. Writes that change no tracked data (login counters, session versions,
        the login audit) pass bump_version=False, so a stream of failed logins cannot keep
        emptying those caches. ``reach`` says whose first reaching collaboration the write may
        change (and whether it may append collaborations to the timeline) when its audit
        entries cannot (an import, an erasure, a merge undone); by default they are read from
        the entries (:func:`tracker.areas.reach_subjects`). Each audit entry carries this
        write's id, so that after a connection lost during commit a patient caller can tell
        whether the write landed (raises WriteLanded) or retry it once.
        """
        self.ensure_schema()
        write_id = uuid.uuid4().hex
        entries = [dict(e, write_id=write_id) for e in (audit or [])]
        found = Touched(frozenset(areas)) if areas is not None \
            else touched(entries) if entries else Touched(EVERYTHING)

        def work(tx: ManagedTransaction) -> T:
            bumped = set(found.areas)
            # Checked before the write: deleting an actor takes its contributions with it.
            if bump_version and found.if_contributor \
                    and value(tx, "meta/contributed", ids=list(found.if_contributor)):
                bumped.add("network")
            keep = _FirstReach(tx, entries, bump_version and bool(bumped & REACH_EDGE_AREAS),
                               reach)
            result = fn(tx, *args, **kwargs)
            keep.refresh()
            if entries:
                rows(tx, "audit/record", entries=entries)
            if bump_version:
                _bump(tx, bumped)
            keep.note_tail()
            return result

        try:
            return self._run("write", work)
        except DatabaseUnavailable as exc:
            if not self.patient or isinstance(exc, ImportRunning):
                raise
            self.wait_until_available()
            if entries and self.write_landed(write_id):
                raise WriteLanded(write_id) from None
            log.warning("write %s did not land; retrying once", write_id)
            return self._run("write", work)
        except neo4j_errors.TransientError as exc:
            if not self.patient or "MemoryPool" in (exc.code or ""):
                raise
            return self._run("write", work)

    def run_write(self, fn: Callable[..., T], *args: Any) -> T:
        """A bare write transaction: no audit entry, no version bump (restoring a backup)."""
        self.ensure_schema()
        return self._run("write", lambda tx: fn(tx, *args))

    def write_landed(self, write_id: str) -> bool:
        """True when an audit entry of that write is in the database."""
        return bool(self._run("read", lambda tx: value(tx, "audit/write_landed",
                                                       write_id=write_id)))

    def available(self) -> bool:
        """True when the database answers a trivial query now (no waiting)."""
        try:
            self._run("read", lambda tx: value(tx, "meta/ping"))
        except (DatabaseUnavailable, neo4j_errors.DriverError, neo4j_errors.Neo4jError):
            return False
        return True

    def wait_until_available(self) -> None:
        """Poll until the database answers (up to ``patience`` seconds), else raise."""
        deadline = time.monotonic() + self.patience
        while time.monotonic() < deadline:
            if self.available():
                return
            time.sleep(1.0)
        raise DatabaseUnavailable(f"the database did not come back within {self.patience:.0f}s")

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Rows of one named read query."""
        return self.read_tx(lambda tx: rows(tx, name, **params))

    def read_one(self, name: str, /, **params: Any) -> dict[str, Any] | None:
        """First row of one named read query."""
        return self.read_tx(lambda tx: row(tx, name, **params))

    def read_value(self, name: str, /, **params: Any) -> Any:
        """First value of one named read query."""
        return self.read_tx(lambda tx: value(tx, name, **params))

    def write(self, name: str, /, *, audit: Iterable[dict[str, Any]] | None = None,
              **params: Any) -> list[dict[str, Any]]:
        """Rows of one named write query, run with its audit entries in one transaction."""
        return self.write_tx(lambda tx: rows(tx, name, **params), audit=audit)

    def data_version(self) -> str:
        """A key that changes on every write and when the database is emptied (for caches)."""
        state = self.read_one("meta/version") or {}
        return f"{state.get('epoch')}:{state.get('version', 0)}"

    # -- schema ------------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Apply constraints and indexes once per process (they are idempotent)."""
        if not self._schema_applied:
            try:
                self.apply_schema()
            except DatabaseUnavailable:
                if not self.patient:
                    raise
                self.wait_until_available()
                self.apply_schema()

    def apply_schema(self) -> list[str]:
        """Run every cypher/schema/* statement; returns the names applied."""
        names = library().names("schema/")
        try:
            with self._session() as session:
                for name in names:
                    query = library()[name]
                    started = time.perf_counter()
                    session.run(query.text).consume()  # schema commands cannot run in a managed tx
                    log.debug("query %s in %.1f ms", name, (time.perf_counter() - started) * 1000)
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(str(exc)) from exc
        self._schema_applied = True
        return names

    def clear(self) -> None:
        """Delete every node and relationship (tests and `tracker reset` only)."""
        self.ensure_schema()
        with self._session() as session:
            session.run(library()["admin/clear"].text).consume()
