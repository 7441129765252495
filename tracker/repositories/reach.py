"""Reach rows: one named query per question (cypher/reach/); tracker.services.reach checks the
arguments and holds the definitions. The ``*_in`` functions run in the caller's transaction (the
dashboard reads them in its cached snapshot)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.db import Database, ManagedTransaction, rows


def not_reached(db: Database, as_of: date, **filters: str | None) -> list[dict[str, Any]]:
    """Open register organisations that nothing reached by as_of."""
    return db.read("reach/not_reached", as_of=as_of, **filters)


def lapsed(db: Database, as_of: date, since: date, **filters: str | None) -> list[dict[str, Any]]:
    """Organisations reached by as_of but by nothing on or after since."""
    return db.read("reach/lapsed", as_of=as_of, since=since, **filters)


def reachable_through_partners(db: Database, as_of: date,
                               **filters: str | None) -> list[dict[str, Any]]:
    """Not-reached organisations (register or not) inside a network that has contributed."""
    return db.read("reach/reachable_through_partners", as_of=as_of, **filters)


def coverage_in(tx: ManagedTransaction, by: str, as_of: date,
                **filters: str | None) -> list[dict[str, Any]]:
    """[{group, in_register, reached, share}] of the open register by one grouping (in tx)."""
    return rows(tx, "reach/coverage", by=by, as_of=as_of, **filters)


def coverage(db: Database, by: str, as_of: date, **filters: str | None) -> list[dict[str, Any]]:
    """[{group, in_register, reached, share}] of the open register by one grouping."""
    return db.read_tx(coverage_in, by, as_of, **filters)


def follow_ups_in(tx: ManagedTransaction, as_of: date,
                  **filters: str | None) -> list[dict[str, Any]]:
    """Partners whose latest feedback said 'again' and who have not contributed since (in tx)."""
    return rows(tx, "reach/follow_ups", as_of=as_of, **filters)


def follow_ups(db: Database, as_of: date, **filters: str | None) -> list[dict[str, Any]]:
    """Partners whose latest feedback said 'again' and who have not contributed since."""
    return db.read_tx(follow_ups_in, as_of, **filters)
