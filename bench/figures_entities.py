"""Entity pages: list, search, organisation page and picker timings (ms) and how they scale.

Discovered by bench/run.py (``figures(ctx) -> dict[str, float]``); measured, never asserted.
"""

from __future__ import annotations

from typing import Any

from tracker.repositories import organisations, search
from tracker.repositories.organisations import ORGANISATIONS


def figures(ctx: Any) -> dict[str, float]:
    """Best-of-5 milliseconds per page query, plus ratios to the S baseline and to the list."""
    db = ctx.db
    busiest = ORGANISATIONS.list(db, sort="events", desc=True, per_page=1)
    if not busiest["rows"]:
        return {}
    top = busiest["rows"][0]
    word = (top["name"] or "x").split()[0]
    last_page = busiest["total"] // 25 + 1
    runs = {
        "entities_list_ms": lambda: ORGANISATIONS.list(db, sort="name"),
        "entities_list_last_page_ms": lambda: ORGANISATIONS.list(db, sort="name", page=last_page),
        "entities_list_by_events_ms": lambda: ORGANISATIONS.list(db, sort="events", desc=True),
        "entities_search_ms": lambda: ORGANISATIONS.list(db, q=word),
        "entities_org_page_ms": lambda: organisations.get(db, top["id"]),
        "entities_picker_ms": lambda: search.names(db, word[:3], "actor"),
    }
    out: dict[str, float] = {}
    for name, fn in runs.items():
        fn()  # warm the page cache and the query plan
        out[name] = round(ctx.timeit(fn) * 1000, 2)
    # Ratios measured in this run: how the list scales from S, and the page against the list.
    baseline = ctx.results.get("S", {}).get("entities_list_ms")
    if baseline:
        out["entities_list_vs_S"] = round(out["entities_list_ms"] / baseline, 2)
    out["entities_org_page_vs_list"] = round(out["entities_org_page_ms"]
                                             / max(out["entities_list_ms"], 1e-6), 3)
    return out
