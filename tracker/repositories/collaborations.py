"""Collaboration rows for the growth timeline and impact reports (transaction functions).

The growth service runs these inside the read transaction that read the data version.
"""

from __future__ import annotations

from typing import Any

from tracker.db import ManagedTransaction, row, rows, value


def timeline(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """Every collaboration in order with its rolled-up contributors and teams."""
    return rows(tx, "collaborations/timeline")


def timeline_of(tx: ManagedTransaction, ids: list[str]) -> list[dict[str, Any]]:
    """The given collaborations in order with their teams (as :func:`timeline`)."""
    return rows(tx, "collaborations/timeline_of", ids=ids)


def tail(tx: ManagedTransaction) -> dict[str, Any]:
    """{since, ids, versions}: the collaborations appended at the end of the timeline since
    the data version `since` (None: not known), with the version of each one's write."""
    return row(tx, "meta/tail") or {"since": None, "ids": [], "versions": []}


def first_reach_is_kept(tx: ManagedTransaction) -> bool:
    """Whether every organisation's first reaching collaboration is kept (tracker/db.py)."""
    return bool(value(tx, "first_reach/is_kept"))


def first_reach_of(tx: ManagedTransaction, ids: list[str]) -> dict[str, list[str]]:
    """Collaboration id -> the organisations it reached first, as kept, for the given ones."""
    return {r["collaboration"]: r["organisations"]
            for r in rows(tx, "first_reach/of_collaborations", ids=ids)}


def first_reach(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """Per collaboration position, the organisations it reached first (replayed)."""
    return rows(tx, "collaborations/first_reach")


def first_reach_kept(tx: ManagedTransaction) -> list[dict[str, Any]] | None:
    """Per collaboration id, the organisations it reached first, as kept by every write
    (``FirstReach`` nodes, tracker/db.py): rows {collaboration, organisations}; None when the
    database keeps none yet (then replay :func:`first_reach`)."""
    found = row(tx, "first_reach/kept")
    if not found or not found["kept"]:
        return None
    return list(found["firsts"])


def rebuild_first_reach(tx: ManagedTransaction) -> int:
    """Recompute every organisation's kept first reaching collaboration."""
    return int(value(tx, "first_reach/refresh_all") or 0)


def first_reach_mismatches(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """Organisations whose kept first reaching collaboration differs from a replay:
    [{organisation, kept, replayed}] (empty when they agree; ``tracker db check``)."""
    kept = {o: r["collaboration"] for r in (first_reach_kept(tx) or [])
            for o in r["organisations"]}
    order = list(value(tx, "collaborations/order_ids") or [])
    replayed = {o: order[r["position"]] for r in first_reach(tx) for o in r["organisations"]}
    return [{"organisation": o, "kept": kept.get(o), "replayed": replayed.get(o)}
            for o in sorted(set(kept) | set(replayed)) if kept.get(o) != replayed.get(o)]


def detail(tx: ManagedTransaction, event_id: str) -> dict[str, Any] | None:
    """One collaboration (a session id answers for its collaboration) for its report, or None."""
    return row(tx, "collaborations/detail", id=event_id)


def exists(tx: ManagedTransaction, event_id: str) -> bool:
    """Whether an event (a collaboration or a session) with this id exists."""
    return bool(value(tx, "collaborations/exists", id=event_id))


def actor_names(tx: ManagedTransaction, ids: list[str]) -> list[dict[str, Any]]:
    """Id, name and kind (its node label) of each actor in ids."""
    return rows(tx, "collaborations/actor_names", ids=ids)
