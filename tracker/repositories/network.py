"""Network rows: actors, weighted links, collaborations and attendance as plain data.

Transaction functions (``fn(tx, ...)``): the network service runs them inside the read
transaction that also read the data version, so one snapshot gives the cache key and the data.
``as_of`` is an ISO date string or None (everything recorded).
"""

from __future__ import annotations

from typing import Any

from tracker.db import ManagedTransaction, row, rows


def collaboration_network(tx: ManagedTransaction,
                          as_of: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Actor rows and weighted link rows (a, b, weight, first, last), from one query."""
    found = row(tx, "network/edges", as_of=as_of) or {}
    return {"nodes": _actors(found.get("actors") or []), "edges": _links(found)}


def _actors(packed: list[list[Any]]) -> list[dict[str, Any]]:
    """Actor rows from the edge query's [id, name, type, category, nation, region] lists."""
    keys = ("id", "name", "type", "category", "nation", "region")
    return [dict(zip(keys, values, strict=True)) for values in packed]


def _links(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Link rows from the edge query's parallel lists."""
    keys = ("a", "b", "weight", "first", "last")
    return [dict(zip(keys, values, strict=True))
            for values in zip(*(columns.get(k) or [] for k in keys), strict=True)]


def timeline(tx: ManagedTransaction, as_of: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Actor rows plus collaborations in order, each with its contributors' ids."""
    return {"nodes": rows(tx, "network/nodes", as_of=as_of),
            "collaborations": rows(tx, "network/timeline", as_of=as_of)}


def engagement(tx: ManagedTransaction, as_of: str | None = None) -> list[dict[str, Any]]:
    """Organisation–collaboration rows with summed attendees."""
    return rows(tx, "network/engagement", as_of=as_of)


def actor(tx: ManagedTransaction, actor_id: str) -> dict[str, Any] | None:
    """One actor's id, name and type, or None."""
    return row(tx, "network/actor", id=actor_id)
