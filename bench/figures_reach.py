"""Benchmark figure for the reach questions (issue 5), run by bench/run.py.

``not_reached_vs_scan``: the time of `tracker reach --not-reached --json` (the query plus the
JSON it prints) divided by the time of one query that merely lists the open register once and
prints the same JSON, measured in the same run on the same server. Target: at most 2, because
the reach test only looks at each register organisation's own few relationships.

The register is imported here when the benchmark database does not hold it yet.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.repositories import register
from tracker.services import reach


def figures(ctx: Any) -> dict[str, float]:
    """{"not_reached_vs_scan": ratio} for the database in ctx.db."""
    db = ctx.db
    if not register.is_loaded(db):
        register.import_register(db)

    def not_reached() -> str:
        return json.dumps(reach.public("not-reached", reach.not_reached(db)))

    def scan() -> str:
        return json.dumps(reach.public("not-reached", db.read("reach/scan_register")))

    # Warm both (plans cached, pages in memory) before either is timed.
    not_reached()
    scan()
    ratio = ctx.timeit(not_reached) / ctx.timeit(scan)
    return {"not_reached_vs_scan": round(ratio, 3)}

