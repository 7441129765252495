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

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, Session
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from tracker.areas import EVERYTHING, Touched, touched
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
UNAVAILABLE = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, LocalDbError,
               neo4j_errors.AuthError)
ConstraintError = neo4j_errors.ConstraintError
# Repositories type their transaction functions with this; they never import neo4j themselves.
__all__ = ["ConstraintError", "Database", "DatabaseUnavailable", "ManagedTransaction", "plain",
           "row", "rows", "value"]


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached; callers show a 503 and try again on the next request."""


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


class Database:
    """A driver plus the unit-of-work helpers; created once per process."""

    def __init__(self, connection: Connection | None = None,
                 settings: Settings | None = None) -> None:
        self._connection = connection
        self._settings = settings
        self._driver: Driver | None = None
        self._lock = threading.Lock()
        self._schema_applied = False

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
                    self._driver = GraphDatabase.driver(
                        conn.uri, auth=(conn.user, conn.password),
                        connection_acquisition_timeout=10, max_transaction_retry_time=2,
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
    def read_tx(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(tx, ...) in a managed read transaction and return its plain result."""
        self.ensure_schema()
        try:
            with self._session() as session:
                result: T = session.execute_read(fn, *args, **kwargs)
                return result
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(str(exc)) from exc

    def write_tx(self, fn: Callable[..., T], *args: Any,
                 audit: Iterable[dict[str, Any]] | None = None, bump_version: bool = True,
                 areas: Iterable[str] | None = None, **kwargs: Any) -> T:
        """Run fn(tx, ...) and its audit entries in one managed write transaction.

        Every write also bumps the data version and the version of each area of data it
        touched (:mod:`tracker.areas`: from ``areas`` when given, else from the audit entries,
        else every area), so caches of derived numbers that read those areas drop out and the
        others stay warm. Writes that change no tracked data (login counters, session versions,
        the login audit) pass bump_version=False, so a stream of failed logins cannot keep
        emptying those caches.
        """
        self.ensure_schema()
        entries = list(audit or [])
        found = Touched(frozenset(areas)) if areas is not None \
            else touched(entries) if entries else Touched(EVERYTHING)

        def work(tx: ManagedTransaction) -> T:
            bumped = set(found.areas)
            # Checked before the write: deleting an actor takes its contributions with it.
            if bump_version and found.if_contributor \
                    and value(tx, "meta/contributed", ids=list(found.if_contributor)):
                bumped.add("network")
            result = fn(tx, *args, **kwargs)
            if entries:
                rows(tx, "audit/record", entries=entries)
            if bump_version:
                rows(tx, "meta/bump_version", areas=sorted(bumped))
            return result

        try:
            with self._session() as session:
                result: T = session.execute_write(work)
                return result
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(str(exc)) from exc

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
