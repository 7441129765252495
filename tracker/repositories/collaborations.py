"""Collaboration rows for the growth timeline and impact reports (transaction functions).

The growth service runs these inside the read transaction that read the data version.
"""

from __future__ import annotations

from typing import Any

from tracker.db import ManagedTransaction, row, rows


def timeline(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """Every collaboration in order with its rolled-up contributors and teams."""
    return rows(tx, "collaborations/timeline")


def first_reach(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """Per collaboration position, the organisations it reached first."""
    return rows(tx, "collaborations/first_reach")


def detail(tx: ManagedTransaction, event_id: str) -> dict[str, Any] | None:
    """One collaboration (a session id answers for its collaboration) for its report, or None."""
    return row(tx, "collaborations/detail", id=event_id)


def actor_names(tx: ManagedTransaction, ids: list[str]) -> list[dict[str, Any]]:
    """Id and name of each actor in ids."""
    return rows(tx, "collaborations/actor_names", ids=ids)
