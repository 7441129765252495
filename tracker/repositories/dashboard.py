"""The home dashboard's headline numbers (one summary query)."""

from __future__ import annotations

from typing import Any

from tracker.db import Database


def summary(db: Database) -> dict[str, Any]:
    """Headline counts, the register share and what the latest collaboration added."""
    data = db.read_one("dashboard/summary") or {}
    size = data.get("register_size") or 0
    data["register_share"] = (data["reached_in_register"] / size) if size else None
    # Nothing logged yet (the register alone does not count): show first steps, not zeros.
    data["empty"] = not data.get("collaborations")
    return data

