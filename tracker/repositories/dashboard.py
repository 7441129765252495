"""The home dashboard's headline counts (one summary query; links come from the growth service)."""

from __future__ import annotations

from typing import Any

from tracker.db import Database, ManagedTransaction, row


def summary_in(tx: ManagedTransaction) -> dict[str, Any]:
    """Headline counts (reach, register, active groups) and the register share, in tx."""
    data = row(tx, "dashboard/summary") or {}
    size = data.get("register_size") or 0
    data["register_share"] = (data["reached_in_register"] / size) if size else None
    return data


def summary(db: Database) -> dict[str, Any]:
    """Headline counts (reach, register, active groups) and the register share."""
    return db.read_tx(summary_in)
