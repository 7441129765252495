"""Collaborations over time: impact reports, the growth timeline, comparing two dates.

The whole timeline comes from two queries read in one transaction (every collaboration's teams,
and each organisation's first reaching collaboration) and one pass of tracker.analytics.growth:
the app's one replay of new and strengthened links (the network graph, its page and exports
read their links from it too). It is cached per Database keyed by the data version and the state
node's epoch, so any write (every write bumps the version) or emptying the database makes the
next call recompute it: a report can never be older than the graph it describes.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from tracker.analytics import changes as change_analytics
from tracker.analytics import growth as analytics
from tracker.db import Database, ManagedTransaction, row, rows

BY = ("collaboration", "month")
GROUP_KINDS = {"Community": "communities", "SubCommunity": "sub_communities",
               "PartnerNetwork": "partner_networks"}

_lock = threading.Lock()
# id(db) -> (cache key, steps, index by event id); one entry per Database.
_cache: dict[int, tuple[tuple[Any, Any], list[analytics.Step], dict[str, analytics.Step]]] = {}


def clear_cache() -> None:
    """Forget every cached timeline (benchmarks use it to time a cold computation)."""
    with _lock:
        _cache.clear()


def _compute(tx: ManagedTransaction) -> list[analytics.Step]:
    collaborations = rows(tx, "collaborations/timeline")
    firsts = rows(tx, "collaborations/first_reach")
    # Both queries order collaborations the same way in Cypher, so positions line up.
    newly = {collaborations[r["position"]]["id"]: r["organisations"] for r in firsts}
    return analytics.timeline(collaborations, newly)


def _steps(tx: ManagedTransaction, db: Database) -> tuple[list[analytics.Step],
                                                           dict[str, analytics.Step]]:
    state = row(tx, "meta/version") or {}
    key = (state.get("version"), state.get("epoch"))
    with _lock:
        cached = _cache.get(id(db))
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    steps = _compute(tx)
    index = {s.event: s for s in steps}
    with _lock:
        _cache[id(db)] = (key, steps, index)
    return steps, index


def timeline(db: Database) -> list[analytics.Step]:
    """Every collaboration's Step in order (cached until the next write)."""
    return db.read_tx(lambda tx: _steps(tx, db)[0])


def timeline_tx(tx: ManagedTransaction, db: Database) -> list[analytics.Step]:
    """The timeline inside a caller's read transaction (one snapshot with its other reads)."""
    return _steps(tx, db)[0]


def growth(db: Database, by: str = "collaboration") -> list[dict[str, Any]]:
    """The growth table, per collaboration in order or per calendar month (by="month")."""
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}")
    steps = timeline(db)
    return analytics.growth_rows(steps) if by == "collaboration" else \
        analytics.growth_by_month(steps)


def growth_table(db: Database, by: str = "collaboration") -> list[dict[str, Any]]:
    """The growth rows plus each collaboration's name (for the page and its CSV)."""
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}")
    steps = timeline(db)
    if by == "month":
        return analytics.growth_by_month(steps)
    return [{**r, "name": s.name} for r, s in zip(analytics.growth_rows(steps), steps,
                                                   strict=True)]


def compare(db: Database, date_from: str | dt.date, date_to: str | dt.date) -> dict[str, Any]:
    """Links that appeared or strengthened and organisations first reached between two dates."""
    steps = timeline(db)
    result = analytics.compare(steps, _iso(date_from), _iso(date_to))
    ids = {a for link in result["new_links"] + result["strengthened_links"]
           for a in link["pair"]} | set(result["newly_reached"])
    names = {r["id"]: r["name"] for r in db.read("collaborations/actor_names", ids=sorted(ids))}
    window = set(result["collaborations"])
    names.update({s.event: s.name for s in steps if s.event in window})
    result["names"] = names
    return result


def _iso(value: str | dt.date) -> str:
    """Dates compare as ISO strings (the form the graph's dates come back in)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(value).isoformat()


def impact(db: Database, event_id: str) -> dict[str, Any] | None:
    """What one collaboration changed (a session id answers for its collaboration); None if unknown.

    The keys event, new_links, strengthened_links and newly_reached are the documented API
    shape; the rest (summary, contributors, involved groups, network before and after, names)
    serve the report page.
    """

    def work(tx: ManagedTransaction) -> dict[str, Any] | None:
        detail = row(tx, "collaborations/detail", id=event_id)
        if detail is None:
            return None
        steps, index = _steps(tx, db)
        step = index.get(detail["id"])
        found = change_analytics.changes(steps, step.position) if step else None
        extra: set[str] = set()
        if found:
            extra = {v for t in found["closed_triangles"] for v in t["via"]}
            extra |= {v for b in found["bridges"] for v in b["leads"]}
        names = {r["id"]: r["name"]
                 for r in rows(tx, "collaborations/actor_names", ids=sorted(extra))}
        return _report(detail, step, len(steps), found, names)

    return db.read_tx(work)


def _report(detail: dict[str, Any], step: analytics.Step | None, total: int,
            found: dict[str, Any] | None, more_names: dict[str, str]) -> dict[str, Any]:
    new = step.new_links if step else []
    strengthened = step.strengthened_links if step else []
    newly = step.newly_reached if step else []
    names = dict(more_names)
    names.update({a["id"]: a["name"] for a in detail["contributors"]})
    names.update({o["id"]: o["name"] for o in detail["reached"]})
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
        "closed_triangles": found["closed_triangles"] if found else [],
        "bridges": found["bridges"] if found else [],
        "largest_component_share": found["largest_component_share"] if found else None,
        "communities": found["communities"] if found else None,
        "what_changed": change_analytics.describe(found, names) if found else [],
    }


#: The documented API keys of an impact report: the first four since issue 4, the rest added
#: by issue 13 (what changed beyond new and strengthened links).
API_KEYS = ("event", "new_links", "strengthened_links", "newly_reached",
            *change_analytics.CHANGE_KEYS)


def api_shape(report: dict[str, Any]) -> dict[str, Any]:
    """Only the documented API keys of an impact report."""
    return {k: report[k] for k in API_KEYS}
