"""Matching typed names against the register (and the organisations already logged).

The register's names are read once per data version (cached); scoring is
:func:`tracker.register.best_matches`.
"""

from __future__ import annotations

from typing import Any

from tracker.db import Database
from tracker.register import Row, best_matches
from tracker.repositories import organisations, register
from tracker.services.cache import Snapshot, cached, read


@cached("register.candidates")  # every area: organisations come from imports and forms alike
def _candidates(snap: Snapshot) -> list[Row]:
    return register.candidates(snap.tx)


def _suggest(snap: Snapshot, name: str, limit: int) -> list[dict[str, Any]]:
    return best_matches(name, _candidates(snap), limit=limit)


def suggest_matches(db: Database, name: str, limit: int = 5) -> list[dict[str, Any]]:
    """Open register entries whose name resembles `name`, best first.

    Each match is {id, name, nation, region, type, score (0-100), matched (the name or
    alternative name that matched)}; nothing below a score of 75.
    """
    return read(db, _suggest, name, limit)


def _unmatched(snap: Snapshot, suggestions: int) -> list[dict[str, Any]]:
    found = _candidates(snap)
    return [{**org, "matches": best_matches(org["name"] or "", found, limit=suggestions)}
            for org in register.engaged_outside(snap.tx)]


def unmatched(db: Database, suggestions: int = 3) -> list[dict[str, Any]]:
    """Engaged organisations that are not register entries, each with suggested matches."""
    return read(db, _unmatched, suggestions)


def register_matches(db: Database, name: str, limit: int = 5) -> list[dict[str, Any]]:
    """Register entries like `name`, then similar organisations already logged."""
    found = suggest_matches(db, name, limit=limit)
    seen = {m["id"] for m in found}
    found += [m for m in organisations.similar(db, name, limit) if m["id"] not in seen]
    return found[:limit]
