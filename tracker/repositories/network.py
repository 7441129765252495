"""Network rows: actors, weighted links, collaborations and attendance as plain data.

Each function runs named queries from cypher/network/ in one read transaction and returns rows;
the numbers are computed by tracker.analytics.network. ``as_of`` is an ISO date string or None
(everything recorded).
"""

from __future__ import annotations

from typing import Any

from tracker.db import Database, row, rows


def collaboration_network(db: Database, as_of: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Actor rows and weighted link rows (a, b, weight, first, last), from one query."""
    found = db.read_one("network/edges", as_of=as_of) or {}
    return {"nodes": actors(found.get("actors") or []), "edges": links(found)}


def actors(packed: list[list[Any]]) -> list[dict[str, Any]]:
    """Actor rows from the edge query's [id, name, type, category, nation, region] lists."""
    keys = ("id", "name", "type", "category", "nation", "region")
    return [dict(zip(keys, values, strict=True)) for values in packed]


def links(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Link rows from the edge query's parallel lists."""
    keys = ("a", "b", "weight", "first", "last")
    return [dict(zip(keys, values, strict=True))
            for values in zip(*(columns.get(k) or [] for k in keys), strict=True)]


def timeline(db: Database, as_of: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Actor rows plus collaborations in order, each with its contributors' ids."""

    def work(tx: Any) -> dict[str, list[dict[str, Any]]]:
        return {"nodes": rows(tx, "network/nodes", as_of=as_of),
                "collaborations": rows(tx, "network/timeline", as_of=as_of)}

    return db.read_tx(work)


def engagement(db: Database, as_of: str | None = None) -> list[dict[str, Any]]:
    """Organisation–collaboration rows with summed attendees."""
    return db.read("network/engagement", as_of=as_of)


def actor(db: Database, actor_id: str) -> dict[str, Any] | None:
    """One actor's id, name and type, or None."""
    return db.read_tx(lambda tx: row(tx, "network/actor", id=actor_id))


def cache_key(db: Database) -> dict[str, Any]:
    """The data version and epoch that key cached results (changes on every write)."""
    return db.read_one("meta/version") or {"version": 0, "epoch": None}
