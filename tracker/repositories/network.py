"""Network rows: actors and attendance as plain data.

Transaction functions (``fn(tx, ...)``): the network service runs them inside the read
transaction that also read the data version, so one snapshot gives the cache key and the data.
The links come from the growth timeline (:mod:`tracker.repositories.collaborations`, replayed
once by :mod:`tracker.analytics.growth`). ``as_of`` is an ISO date string or None (everything
recorded).
"""

from __future__ import annotations

from typing import Any

from tracker.db import ManagedTransaction, row, rows


def actors(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """Every actor that contributed to an event: id, name, type, category, nation, region."""
    return rows(tx, "network/actors")


def engagement(tx: ManagedTransaction, as_of: str | None = None) -> list[dict[str, Any]]:
    """Organisation–collaboration rows with summed attendees."""
    return rows(tx, "network/engagement", as_of=as_of)


def actor(tx: ManagedTransaction, actor_id: str) -> dict[str, Any] | None:
    """One actor's id, name and type, or None."""
    return row(tx, "network/actor", id=actor_id)
