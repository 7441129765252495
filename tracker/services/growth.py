"""Collaborations over time: impact reports, the growth timeline, comparing two dates.

The whole timeline comes from two queries read in one transaction (every collaboration's teams,
and each organisation's first reaching collaboration, kept by every write: ``FirstReach``
nodes maintained in :meth:`tracker.db.Database.write_tx`) and one pass of
:mod:`tracker.analytics.growth`, cached per data version: a report can never be older than the
graph it describes. It is the app's one replay of new and strengthened links: the network
service builds its graphs, page and exports from the same steps.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.analytics import changes as change_analytics
from tracker.analytics import growth as analytics
from tracker.dates import iso
from tracker.db import Database
from tracker.model import GROUP_KINDS
from tracker.repositories import collaborations as repo
from tracker.services.cache import (
    Served,
    Snapshot,
    cached,
    current_in,
    previous,
    read,
    read_or_stale,
    version_counter,
)

BY = ("collaboration", "month")
AREAS = ("network", "reach")
#: An impact report also shows the names of organisations that only attended (renaming one
#: touches ``actors`` only).
IMPACT_AREAS = (*AREAS, "actors")


class Timeline:
    """The steps in order plus an index by collaboration id, and the replay's state after the
    last step (to extend the timeline by later collaborations)."""

    def __init__(self, steps: list[analytics.Step],
                 replay: analytics.Replay | None = None) -> None:
        self.steps = steps
        self.index = {s.event: s for s in steps}
        self.replay = replay


def _extendable(snap: Snapshot) -> bool:
    """Whether the previous timeline can be extended to the current data (cheap)."""
    return _appended(snap) is not None


@cached("growth.timeline", AREAS, stale=True,  # keeps the previous one, to extend it
        now_if=_extendable)
def _timeline(snap: Snapshot) -> Timeline:
    extended = _extended(snap)
    if extended is not None:
        return extended
    return replayed(snap)


def ready_in(snap: Snapshot, *_: object) -> bool:
    """Whether the timeline of snap's data is cached or cheap to bring (only later
    collaborations were appended since the previous one): then the pages built on it compute a
    miss in the request; otherwise they serve their previous result while it is replayed."""
    return current_in(snap, _timeline) or _extendable(snap)


def replayed(snap: Snapshot) -> Timeline:
    """The whole timeline replayed from the graph (uncached)."""
    collaborations = repo.timeline(snap.tx)
    kept = repo.first_reach_kept(snap.tx)  # kept by every write (tracker/db.py)
    if kept is not None:
        newly = {r["collaboration"]: r["organisations"] for r in kept}
    else:  # a database that keeps none yet: replay
        # Both queries order collaborations the same way in Cypher, so positions line up.
        newly = {collaborations[r["position"]]["id"]: r["organisations"]
                 for r in repo.first_reach(snap.tx)}
    replay = analytics.Replay()
    return Timeline(analytics.timeline(collaborations, newly, replay), replay)


def _appended(snap: Snapshot) -> tuple[Timeline, list[str]] | None:
    """The previous cached timeline and the ids of the collaborations appended since (each
    later than every other, ``cypher/meta/note_tail.cypher``); None when something else
    changed (or there is no previous timeline)."""
    found = previous(snap, "growth.timeline", AREAS)
    if found is None or found[1].replay is None:
        return None
    versions, before = found
    since = max(version_counter(v) for v in versions)  # writes up to here are in it
    tail = repo.tail(snap.tx)
    if tail["since"] is None or tail["since"] > since:
        return None
    return before, [i for i, v in zip(tail["ids"], tail["versions"], strict=True) if v > since]


def _extended(snap: Snapshot) -> Timeline | None:
    """The previous cached timeline extended by the collaborations appended since; None when
    something else changed."""
    found = _appended(snap)
    if found is None:
        return None
    before, ids = found
    rows = repo.timeline_of(snap.tx, ids) if ids else []
    if [r["id"] for r in rows] != ids or not repo.first_reach_is_kept(snap.tx):
        return None  # not what the tail says (cannot happen): replay
    if before.steps and rows and (rows[0]["start"], rows[0]["id"]) < (
            before.steps[-1].date, before.steps[-1].event):
        return None
    if before.replay is None:
        return None
    replay = before.replay.copy()
    more = analytics.timeline(rows, repo.first_reach_of(snap.tx, ids), replay)
    return Timeline(before.steps + more, replay)


def timeline_in(snap: Snapshot) -> list[analytics.Step]:
    """Every collaboration's Step in order, in the caller's snapshot (cached)."""
    return _timeline(snap).steps


def timeline(db: Database) -> list[analytics.Step]:
    """Every collaboration's Step in order (cached until the next write)."""
    return read(db, _timeline).steps


def _check_by(by: str) -> None:
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}")


@cached("growth.rows", AREAS, stale=True, now_if=ready_in)
def _rows(snap: Snapshot, by: str) -> list[dict[str, Any]]:
    steps = _timeline(snap).steps
    return analytics.growth_rows(steps) if by == "collaboration" else \
        analytics.growth_by_month(steps)


def growth(db: Database, by: str = "collaboration") -> list[dict[str, Any]]:
    """The growth table, per collaboration in order or per calendar month (by="month");
    cached, so treat the rows as read-only."""
    _check_by(by)
    return read(db, _rows, by)


def growth_served(db: Database, by: str = "collaboration") -> Served[list[dict[str, Any]]]:
    """The growth table as the API serves it: after a write that is not an appended
    collaboration, the previous table marked updating while one background replay runs
    (:func:`tracker.services.cache.read_or_stale`)."""
    _check_by(by)
    return read_or_stale(db, _rows, by)


@cached("growth.table", AREAS, stale=True, now_if=ready_in)
def _table(snap: Snapshot, by: str) -> list[dict[str, Any]]:
    steps = _timeline(snap).steps
    if by == "month":
        return analytics.growth_by_month(steps)
    return [{**r, "name": s.name} for r, s in zip(analytics.growth_rows(steps), steps,
                                                   strict=True)]


def growth_table(db: Database, by: str = "collaboration") -> list[dict[str, Any]]:
    """The growth rows plus each collaboration's name (for the page and its CSV; cached, so
    treat the rows as read-only)."""
    _check_by(by)
    return read(db, _table, by)


#: Collaborations and months the growth page and the dashboard show in full; the chart has at
#: most CHART_POINTS points (see tracker.analytics.growth.chart_points).
RECENT = 10
RECENT_MONTHS = 12
CHART_POINTS = 120


@cached("growth.summary", AREAS, stale=True, now_if=ready_in)
def _summary(snap: Snapshot) -> dict[str, Any]:
    rows = _table(snap, "collaboration")
    months = _table(snap, "month")
    return {"collaborations": len(rows), "months": len(months),
            "last": rows[-1] if rows else None,
            "recent": rows[-RECENT:][::-1], "recent_months": months[-RECENT_MONTHS:][::-1],
            "chart": analytics.chart_points(rows, CHART_POINTS)}


def summary_in(snap: Snapshot) -> dict[str, Any]:
    """The growth page's summary in the caller's snapshot (cached): {collaborations, months,
    last (the latest row), recent (the latest RECENT rows, newest first), recent_months,
    chart (at most CHART_POINTS points)}."""
    return _summary(snap)


def summary(db: Database) -> dict[str, Any]:
    """The growth page's summary (see :func:`summary_in`); its size does not grow with the
    number of collaborations."""
    return read(db, _summary)


def summary_served(db: Database) -> Served[dict[str, Any]]:
    """The growth page's summary; after a write that is not an appended collaboration, the
    previous one marked updating while one background replay runs."""
    return read_or_stale(db, _summary)


def updating(db: Database) -> bool:
    """True while the timeline of the current data is being replayed in the background (the
    pages served a previous result poll this, then reload). Asking starts the replay again if
    the last one failed (an outage)."""
    return read_or_stale(db, _timeline).updating


def table_page(db: Database, by: str = "collaboration", page: int = 1,
               size: int = 50) -> Served[dict[str, Any]]:
    """One page of the full growth table, newest first: {rows, page, pages, total, by}; after
    a write that is not an appended collaboration, a page of the previous table marked
    updating while one background replay runs."""
    _check_by(by)
    served = read_or_stale(db, _table, by)
    return Served(_paged(served.value, by, page, size), served.updating, served.version)


def _paged(rows: list[dict[str, Any]], by: str, page: int, size: int) -> dict[str, Any]:
    pages = max(1, -(-len(rows) // size))
    page = min(max(1, page), pages)
    end = len(rows) - (page - 1) * size
    return {"rows": rows[max(0, end - size):end][::-1], "page": page, "pages": pages,
            "total": len(rows), "by": by}


def _compare(snap: Snapshot, date_from: str, date_to: str) -> dict[str, Any]:
    steps = _timeline(snap).steps
    result = analytics.compare(steps, date_from, date_to)
    ids = {a for link in result["new_links"] + result["strengthened_links"]
           for a in link["pair"]} | set(result["newly_reached"])
    found = repo.actor_names(snap.tx, sorted(ids))
    names = {r["id"]: r["name"] for r in found}
    window = set(result["collaborations"])
    names.update({s.event: s.name for s in steps if s.event in window})
    result["names"] = names
    result["kinds"] = {r["id"]: r["kind"] for r in found}
    return result


def compare(db: Database, date_from: str | dt.date, date_to: str | dt.date) -> dict[str, Any]:
    """Links that appeared or strengthened and organisations first reached between two dates."""
    return read(db, _compare, iso(date_from), iso(date_to))


def impact_in(snap: Snapshot, event_id: str) -> dict[str, Any] | None:
    """What one collaboration changed, in the caller's snapshot (see :func:`impact`)."""
    return _impact(snap, event_id)


def _impact_now(snap: Snapshot, event_id: str) -> bool:
    """Compute a report in the request when that is cheap, and always when the event no longer
    exists (a deleted collaboration must answer 404, never its previous report)."""
    return ready_in(snap) or not repo.exists(snap.tx, event_id)


@cached("growth.impact", IMPACT_AREAS, stale=True, now_if=_impact_now)
def _impact_kept(snap: Snapshot, event_id: str) -> dict[str, Any] | None:
    return _impact(snap, event_id)


def _impact(snap: Snapshot, event_id: str) -> dict[str, Any] | None:
    detail = repo.detail(snap.tx, event_id)
    if detail is None:
        return None
    found = _timeline(snap)
    step = found.index.get(detail["id"])
    changed = _changes(snap, step.position) if step else None
    extra: set[str] = set()
    if changed:
        extra = {v for t in changed["closed_triangles"] for v in t["via"]}
        extra |= {v for b in changed["bridges"] for v in b["leads"]}
    return _report(detail, step, len(found.steps), changed,
                   repo.actor_names(snap.tx, sorted(extra)))


@cached("growth.changes", AREAS)
def _changes(snap: Snapshot, position: int) -> dict[str, Any]:
    """Closed triangles, bridges, largest share and communities of one collaboration (cached)."""
    return change_analytics.changes(_timeline(snap).steps, position)


def impact(db: Database, event_id: str) -> dict[str, Any] | None:
    """What one collaboration changed (a session id answers for its collaboration); None if unknown.

    The keys event, new_links, strengthened_links and newly_reached are the documented API
    shape; the rest (summary, contributors, involved groups, network before and after, names)
    serve the report page. Computed here and now from the cached timeline (the CLI's exact
    answer); the pages use :func:`impact_served`.
    """
    return read(db, _impact, event_id)


def impact_served(db: Database, event_id: str) -> Served[dict[str, Any] | None]:
    """The impact report as the pages and the API serve it: after a write that is not an
    appended collaboration, the previous report marked updating while one background replay
    runs (never for an event that no longer exists: that is None at once)."""
    return read_or_stale(db, _impact_kept, event_id)


def _report(detail: dict[str, Any], step: analytics.Step | None, total: int,
            changed: dict[str, Any] | None, more: list[dict[str, Any]]) -> dict[str, Any]:
    new = step.new_links if step else []
    strengthened = step.strengthened_links if step else []
    newly = step.newly_reached if step else []
    names = {a["id"]: a["name"] for a in more}
    names.update({a["id"]: a["name"] for a in detail["contributors"]})
    names.update({o["id"]: o["name"] for o in detail["reached"]})
    # Each actor's node label, so that the report links every name to its page.
    kinds = {a["id"]: a["kind"] for a in more}
    kinds.update({a["id"]: a["kind"] for a in detail["contributors"]})
    kinds.update({o["id"]: "Organisation" for o in detail["reached"]})
    involved: dict[str, list[dict[str, Any]]] = {k: [] for k in GROUP_KINDS.values()}
    for actor in detail["contributors"]:
        if actor["kind"] in GROUP_KINDS:
            involved[GROUP_KINDS[actor["kind"]]].append(
                {"id": actor["id"], "name": actor["name"], "roles": sorted(actor["roles"])})
    return {
        "event": detail["id"],
        "new_links": new,
        "strengthened_links": strengthened,
        "newly_reached": newly,
        "asked": detail["asked"],
        "name": detail["name"],
        "date": detail["start"],
        "end": detail["end"],
        "demo": detail["demo"] is True,  # the page then says what in the demo is invented
        "sessions": detail["sessions"],
        "position": step.position + 1 if step else None,
        "collaborations": total,
        "summary": {"new_links": len(new), "strengthened_links": len(strengthened),
                    "newly_reached": len(newly),
                    "contributors": len(detail["contributors"]),
                    "reached": len(detail["reached"]),
                    "sentence": analytics.summary_sentence(len(new), len(strengthened),
                                                           len(newly))},
        "contributors": [{**a, "roles": sorted(a["roles"])} for a in detail["contributors"]],
        "involved": involved,
        "before": step.before.as_dict() if step else None,
        "after": step.after.as_dict() if step else None,
        "names": names,
        "kinds": kinds,
        "closed_triangles": changed["closed_triangles"] if changed else [],
        "bridges": changed["bridges"] if changed else [],
        "largest_component_share": changed["largest_component_share"] if changed else None,
        "communities": changed["communities"] if changed else None,
        "what_changed": (change_analytics.describe(changed, names, new_links=len(new))
                         if changed else []),
    }


#: The documented API keys of an impact report: the first four since issue 4, the rest added
#: by issue 13 (what changed beyond new and strengthened links).
API_KEYS = ("event", "new_links", "strengthened_links", "newly_reached",
            *change_analytics.CHANGE_KEYS)


def api_shape(report: dict[str, Any]) -> dict[str, Any]:
    """Only the documented API keys of an impact report."""
    return {k: report[k] for k in API_KEYS}


def marks(served: Served[Any]) -> dict[str, Any]:
    """The keys a JSON answer gains when it is a previous result served while the current one
    is recomputed (new keys only: the others keep their shape); none when it is current."""
    return {"updating": True, "as_of_version": served.version} if served.updating else {}
