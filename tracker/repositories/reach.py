"""Reach rows: one named query per question (cypher/reach/); tracker.services.reach checks the
arguments and holds the definitions. The ``*_in`` functions run in the caller's transaction (the
dashboard reads them in its cached snapshot).

The four list questions are sorted and cut in their query (``$skip``/``$limit``; the whole list
is ``limit=None``) and counted by ``reach/<question>_count``: :func:`page` reads one page and
its total in one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.db import Database, ManagedTransaction, rows, value

#: The list questions' queries (each has a ``_count`` twin with the same parameters but
#: $skip and $limit).
LISTS = {"not-reached": "reach/not_reached", "lapsed": "reach/lapsed",
         "reachable-through-partners": "reach/reachable_through_partners",
         "follow-ups": "reach/follow_ups"}


def not_reached(db: Database, as_of: date, **filters: str | None) -> list[dict[str, Any]]:
    """Open register organisations that nothing reached by as_of."""
    return db.read("reach/not_reached", as_of=as_of, skip=0, limit=None, **filters)


def lapsed(db: Database, as_of: date, since: date, **filters: str | None) -> list[dict[str, Any]]:
    """Organisations reached by as_of but by nothing on or after since."""
    return db.read("reach/lapsed", as_of=as_of, since=since, skip=0, limit=None, **filters)


def reachable_through_partners(db: Database, as_of: date,
                               **filters: str | None) -> list[dict[str, Any]]:
    """Not-reached organisations (register or not) inside a network that has contributed."""
    return db.read("reach/reachable_through_partners", as_of=as_of, skip=0, limit=None,
                   **filters)


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
    return rows(tx, "reach/follow_ups", as_of=as_of, skip=0, limit=None, **filters)


def follow_ups(db: Database, as_of: date, **filters: str | None) -> list[dict[str, Any]]:
    """Partners whose latest feedback said 'again' and who have not contributed since."""
    return db.read_tx(follow_ups_in, as_of, **filters)


def page(db: Database, question: str, page: int, size: int,
         **params: Any) -> dict[str, Any]:
    """One page of a list question, counted first in the same read transaction so that a page
    past the end shows the last one: {rows, total, page, pages, first} (``first`` is the
    1-based position of the page's first row). params: as_of (and since for lapsed) and the
    filters, as the question's query takes them."""
    name = LISTS[question]

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        total = int(value(tx, f"{name}_count", **params) or 0)
        pages = max(1, -(-total // size))
        number = min(page, pages)
        skip = (number - 1) * size
        found = rows(tx, name, skip=skip, limit=size, **params) if total else []
        return {"rows": found, "total": total, "page": number, "pages": pages,
                "first": skip + 1}

    return db.read_tx(work)
