"""Figures for issue 16, item 1: every main page's cost at this size over its cost at S.

Each page is requested in-process (Flask's test client, logged in as an administrator, so templates,
queries and caches run exactly as served, without the network in between):

- warm: the median of :data:`REPEAT` requests after one request that fills the caches;
- cold: the first request after an *unrelated* write (a new user account), the median of
  :data:`COLD_REPEAT` such writes — this is what a user pays after someone else saved something.

Figures: ``page_<name>_seconds`` and ``page_<name>_cold_seconds`` per page; at sizes other than
S, ``page_l_over_s_max`` (the largest warm L/S ratio over the pages, target at most 2),
``page_cold_l_over_s_max`` (the same for cold, target at most 3) and ``page_worst`` /
``page_cold_worst`` naming the page (as its index in :data:`PAGES`). ``/admin/unmatched`` is
included (the register is imported first when the database does not hold it).
"""

from __future__ import annotations

import statistics
import time
import uuid
from typing import Any

from tracker import create_app
from tracker.repositories import register, users

REPEAT = 3
COLD_REPEAT = 2
PASSWORD = "bench-pages-password"
PAGES = {
    "dashboard": "/",
    "organisations": "/organisations",
    "organisations_by_events": "/organisations?sort=events",
    "organisation_busiest": "/organisations/{busiest}",
    "events": "/events",
    "people": "/people",
    "growth": "/growth",
    "impact_latest": "/events/{latest}/impact",
    "network": "/network",
    "api_network": "/api/v1/network",
    "api_metrics": "/api/v1/metrics",
    "reach": "/reach",
    "admin_unmatched": "/admin/unmatched",
}


def _busiest_and_latest(doc: dict[str, Any]) -> tuple[str, str]:
    counts: dict[str, int] = {}
    latest = ("", "")
    for event in doc.get("events", []):
        if not event.get("parent"):
            latest = max(latest, (event.get("start") or "", event["id"]))
        for record in event.get("attendance", []):
            counts[record["organisation"]] = counts.get(record["organisation"], 0) + 1
        for record in event.get("contributors", []):
            counts[record["actor"]] = counts.get(record["actor"], 0) + 1
    orgs = {o["id"] for o in doc.get("organisations", [])}
    busiest = max((o for o in counts if o in orgs), key=lambda o: (counts[o], o))
    return busiest, latest[1]


def figures(ctx: Any) -> dict[str, float]:
    """Warm and cold seconds per page; the largest ratios over S at larger sizes."""
    db = ctx.db
    if not register.is_loaded(db):  # /admin/unmatched compares with the whole register
        register.import_register(db)
    pages = dict(PAGES)
    busiest, latest = _busiest_and_latest(ctx.doc)
    app = create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": False})
    name = f"bench-pages-{uuid.uuid4().hex[:8]}"
    users.create(db, name, "admin", PASSWORD)  # /admin/unmatched is for administrators
    client = app.test_client()
    client.post("/login", data={"username": name, "password": PASSWORD})

    def get(path: str) -> float:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return elapsed

    out: dict[str, float] = {}
    for key, template in pages.items():
        path = template.format(busiest=busiest, latest=latest)
        get(path)
        out[f"page_{key}_seconds"] = round(statistics.median(get(path) for _ in range(REPEAT)), 4)
        cold = []
        for _ in range(COLD_REPEAT):
            users.create(db, f"bench-unrelated-{uuid.uuid4().hex[:8]}", "viewer", PASSWORD)
            cold.append(get(path))
        out[f"page_{key}_cold_seconds"] = round(statistics.median(cold), 4)
        ctx.log(f"[{ctx.size}] {path}: warm {out[f'page_{key}_seconds']} s, "
                f"cold {out[f'page_{key}_cold_seconds']} s")
    base = ctx.results.get("S")
    if ctx.size != "S" and base:
        keys = [k for k in pages if f"page_{k}_seconds" in base]
        warm = {k: out[f"page_{k}_seconds"] / base[f"page_{k}_seconds"] for k in keys}
        cold_ratio = {k: out[f"page_{k}_cold_seconds"] / base[f"page_{k}_cold_seconds"]
                      for k in keys}
        worst, worst_cold = max(warm, key=warm.get), max(cold_ratio, key=cold_ratio.get)
        names = list(PAGES)
        out["page_l_over_s_max"] = round(warm[worst], 3)
        out["page_cold_l_over_s_max"] = round(cold_ratio[worst_cold], 3)
        out["page_worst"] = names.index(worst)
        out["page_cold_worst"] = names.index(worst_cold)
    return out
