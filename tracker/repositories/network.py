"""Network rows: actors and attendance as plain data.

The links come from the growth timeline (tracker.repositories.collaborations, the app's one
replay); the numbers are computed by tracker.analytics.network. ``as_of`` is an ISO date string
or None (everything recorded).
"""

from __future__ import annotations

from typing import Any

from tracker.db import Database, ManagedTransaction, row, rows


def actors(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """Every actor that contributed to an event: id, name, type, category, nation, region."""
    return rows(tx, "network/actors")


def engagement(db: Database, as_of: str | None = None) -> list[dict[str, Any]]:
    """Organisation–collaboration rows with summed attendees."""
    return db.read("network/engagement", as_of=as_of)


def actor(db: Database, actor_id: str) -> dict[str, Any] | None:
    """One actor's id, name and type, or None."""
    return db.read_tx(lambda tx: row(tx, "network/actor", id=actor_id))


def cache_key(db: Database) -> dict[str, Any]:
    """The data version and epoch that key cached results (changes on every write)."""
    return db.read_one("meta/version") or {"version": 0, "epoch": None}
