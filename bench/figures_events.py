"""Benchmark figures for logging and listing collaborations (issue 3), run by bench/run.py.

``log_50_rows_vs_5_rows``: the time to log a collaboration with 50 contributor rows and 50
attendance rows (half of them new organisations) divided by the time for 5 and 5, measured in
the same run. The write is one planning read and one import transaction of UNWIND batches,
whatever the number of rows, so the ratio stays far below 10 (the ratio of the row counts).

``list_page_vs_scan``: the time of one page of the collaborations list (with each event's
sessions, contributors and attendees counted) divided by the time of a query that merely
counts the matching events, on 1,000 collaborations with 2 sessions each. Target: at most 10
(about 7 when first measured), as only the page's 25 events get their totals counted.

Everything made here has ids starting ``bench-`` and is deleted afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tracker.repositories import events
from tracker.repositories.graph import import_document

EVENTS = 1000


def _rows(n: int, run: list[int]) -> dict[str, Any]:
    run[0] += 1
    tag = f"bench-{run[0]}"
    return {
        "id": f"{tag}-event", "name": f"Bench {tag}", "start": dt.date(2024, 1, 1), "end": None,
        "parent": None, "parent_name": None, "sessions": [], "speakers": [],
        "contributors": [{"actor": f"bench-org-{i}" if i % 2 else "", "role": "partner",
                          "actor_name": f"Bench New {tag} {i}", "_row": i} for i in range(n)],
        "attendance": [{"organisation": f"bench-org-{i}" if i % 2 else "", "attendees": i,
                        "organisation_name": f"Bench New {tag} {i}", "_row": i}
                       for i in range(n)],
    }


def figures(ctx: Any) -> dict[str, float]:
    """{"log_50_rows_vs_5_rows": ratio, "list_page_vs_scan": ratio} for ctx.db."""
    db = ctx.db
    import_document(db, {
        "organisations": [{"id": f"bench-org-{i}", "name": f"Bench Org {i}"} for i in range(50)],
        "events": [{"id": f"bench-e{i}", "name": f"Bench collaboration {i}",
                    "start": (dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat(),
                    "contributors": [{"actor": f"bench-org-{i % 50}", "role": "host"},
                                     {"actor": f"bench-org-{(i + 7) % 50}", "role": "partner"}],
                    "attendance": [{"organisation": f"bench-org-{i % 50}", "attendees": 10}]}
                   for i in range(EVENTS)]
        + [{"id": f"bench-e{i}-s{j}", "name": f"Session {j}", "parent": f"bench-e{i}",
            "start": (dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat(),
            "attendance": [{"organisation": f"bench-org-{(i + j) % 50}", "attendees": 3}]}
           for i in range(EVENTS) for j in range(2)],
    })
    run = [0]
    try:
        many = ctx.timeit(lambda: events.save(db, _rows(50, run)))
        few = ctx.timeit(lambda: events.save(db, _rows(5, run)))

        def page() -> str:
            return json.dumps(events.list_events(db, q="bench collaboration"), default=str)

        def scan() -> str:
            return json.dumps(db.read("events/bench_scan"), default=str)

        page()
        scan()
        listing = ctx.timeit(page) / ctx.timeit(scan)
    finally:
        db.write("events/bench_cleanup")
    return {"log_50_rows_vs_5_rows": round(many / few, 3),
            "list_page_vs_scan": round(listing, 3)}

