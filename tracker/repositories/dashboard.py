"""The home dashboard's headline numbers (one summary query)."""

from __future__ import annotations

from typing import Any

from tracker.db import Database


def summary(db: Database) -> dict[str, Any]:
    """Headline counts, the register share and what the latest collaboration added."""
    data = db.read_one("dashboard/summary") or {}
    size = data.get("register_size") or 0
    data["register_share"] = (data["reached_in_register"] / size) if size else None
    data["empty"] = not data.get("organisations") and not data.get("collaborations")
    return data


def biggest_gaps(coverage: dict[str, list[dict[str, Any]]], limit: int = 3) -> list[dict[str, Any]]:
    """The groups (by nation or type) with the most register organisations not yet reached."""
    gaps = [{"by": by, "group": row["group"], "in_register": row["in_register"],
             "reached": row["reached"], "missing": row["in_register"] - row["reached"],
             "share": row.get("share")}
            for by, rows in coverage.items() for row in rows]
    gaps = [g for g in gaps if g["missing"] > 0]
    gaps.sort(key=lambda g: (-g["missing"], g["by"], str(g["group"])))
    return gaps[:limit]
