"""Long lists a page at a time: the order of a whole list cached, a page reading only its rows;
detail pages with paged sections cached per page.

Sorting 30,000 organisations for every page of 25 makes a page cost the size of the graph. For
the lists people open most (organisations, people and collaborations, without a search or a
filter) the whole order (ids only) is computed once per version of the areas it reads and kept
in the one cache (:mod:`tracker.services.cache`); a page is then a slice of it and one query for
its own rows. A search or a filter goes straight to the list's query (sorted and cut in Cypher).

A detail page with paged sections (an organisation's events and partners, a network's members
and contributions; each section cut in Cypher) is cached per entity and page in the cache's
``pages`` tier, so a busy organisation's page costs its own size once per version of the areas
it shows, and then a lookup.
"""

from __future__ import annotations

import math
from typing import Any

from tracker.db import Database
from tracker.repositories import entities
from tracker.repositories import events as events_repo
from tracker.repositories import organisations as organisations_repo
from tracker.repositories.entities import EntityKind
from tracker.services.cache import Snapshot, cached, read

#: What the order of the organisations and collaborations lists reads: names (actors), counts
#: of contributions (network) and of attendance (reach).
LIST_AREAS = ("network", "reach", "actors")
#: What the people list's order reads: people's names and employers (people, reach) and their
#: organisations' names (actors).
PEOPLE_AREAS = ("reach", "actors", "people")
#: What a detail page with sections reads (an organisation's people among them).
DETAIL_AREAS = (*LIST_AREAS, "people")


@cached("lists.order", LIST_AREAS)
def _order(snap: Snapshot, folder: str, sort: str, desc: bool) -> tuple[str, ...]:
    return tuple(entities.order_in(snap.tx, folder, sort, desc))


@cached("lists.people_order", PEOPLE_AREAS)
def _people_order(snap: Snapshot, sort: str, desc: bool) -> tuple[str, ...]:
    return tuple(entities.order_in(snap.tx, "people", sort, desc))


def _page(snap: Snapshot, folder: str, sort: str, desc: bool, page: int,
          per_page: int) -> dict[str, Any]:
    ids = _people_order(snap, sort, desc) if folder == "people" else \
        _order(snap, folder, sort, desc)
    pages = max(1, math.ceil(len(ids) / per_page))
    page = min(max(1, page), pages)
    chosen = list(ids[(page - 1) * per_page:page * per_page])
    return {"rows": entities.rows_in(snap.tx, folder, chosen) if chosen else [],
            "total": len(ids), "page": page, "pages": pages}


def entity_page(db: Database, kind: EntityKind, *, q: str | None = None,
                sort: str | None = None, desc: bool = False, page: int = 1,
                per_page: int = entities.PER_PAGE, **filters: Any) -> dict[str, Any]:
    """One page of a kind's list, as :meth:`EntityKind.list` answers it: {rows, total, page,
    pages, sort, desc, per_page}; from the cached order when there is no search or filter."""
    if q or any(filters.values()) or not kind.ordered:
        return kind.list(db, q=q, sort=sort, desc=desc, page=page, per_page=per_page,
                         **filters)
    sort = sort if sort in kind.sorts else kind.default_sort
    found = read(db, _page, kind.folder, sort, bool(desc), page, per_page)
    return {**found, "sort": sort, "desc": bool(desc), "per_page": per_page}


def events_page(db: Database, *, q: str | None = None, year: int | None = None,
                role: str | None = None, actor: str | None = None, sessions: bool = False,
                sort: str = events_repo.DEFAULT_SORT, page: int = 1,
                per_page: int = events_repo.PER_PAGE) -> dict[str, Any]:
    """One page of events, as :func:`tracker.repositories.events.list_events` answers it
    ({items, total, page, pages, per_page}); from the cached order of the collaborations when
    nothing filters them."""
    if q or year or role or actor or sessions:
        return events_repo.list_events(db, q=q, year=year, role=role, actor=actor,
                                       sessions=sessions, sort=sort, page=page,
                                       per_page=per_page)
    key, desc = events_repo.SORTS.get(sort, events_repo.SORTS[events_repo.DEFAULT_SORT])
    found = read(db, _page, "events", key, desc, page, per_page)
    return {"items": found["rows"], "total": found["total"], "page": found["page"],
            "pages": found["pages"], "per_page": per_page}


@cached("lists.event_years", ("network",))
def _years(snap: Snapshot) -> list[int]:
    return events_repo.years_in(snap.tx)


def event_years(db: Database) -> list[int]:
    """Years in which events start, newest first (the events list's filter; cached)."""
    return read(db, _years)


@cached("lists.organisation_facets", ("reach", "actors"))
def _facets(snap: Snapshot) -> dict[str, list[str]]:
    return organisations_repo.facets_in(snap.tx)


def organisation_facets(db: Database) -> dict[str, list[str]]:
    """Distinct types, nations and regions of organisations (the list's filters; cached)."""
    return read(db, _facets)


#: The kinds whose detail pages were asked for, by query folder (cache keys hold the folder).
_KINDS: dict[str, EntityKind] = {}


@cached("lists.detail", DETAIL_AREAS, tier="pages")
def _detail(snap: Snapshot, folder: str, entity_id: str,
            pages: tuple[tuple[str, int], ...]) -> dict[str, Any] | None:
    return _KINDS[folder].get_in(snap.tx, entity_id, dict(pages))


def detail(db: Database, kind: EntityKind, entity_id: str,
           pages: dict[str, int] | None = None) -> dict[str, Any] | None:
    """A detail page's data (:meth:`EntityKind.get`), cached per entity and section pages when
    the kind has paged sections; None when there is no such entity."""
    if not kind.sections:
        return kind.get(db, entity_id, pages)
    _KINDS.setdefault(kind.folder, kind)
    wanted = tuple(sorted((pages or {}).items()))
    return read(db, _detail, kind.folder, entity_id, wanted)
