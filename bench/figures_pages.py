"""Figures for issue 16, item 1: every main page's cost at this size over its cost at S,
both sides measured in the same run, interleaved.

At S this module starts a second throwaway Neo4j (the *S side*), loads the S document and the
register into it and keeps it until the end of the run. At every larger size each page is then
requested from both apps in turn (S, L, S, L, …; Flask's test client, logged in as an
administrator, so templates, queries and caches run exactly as served), so the two sides of a
ratio share the machine's load at the same moments — the cores are shared with other work:

- warm: the median of :data:`REPEAT` requests per side after one request that fills the caches;
- cold: the first request after an *unrelated* write (a new user account, written to both
  sides), the median of :data:`COLD_REPEAT` such writes — what a user pays after someone else
  saved something;
- the impact report of the latest collaboration is one of the pages, so
  ``impact_cold_l_over_s`` is its cold ratio.

Figures: ``page_<name>_seconds`` / ``page_<name>_cold_seconds`` (this size) and
``page_<name>_s_seconds`` / ``page_<name>_s_cold_seconds`` (the S side in the same run), and at
sizes other than S: ``page_l_over_s_max`` (the largest warm ratio, target at most 2),
``page_cold_l_over_s_max`` (the largest cold ratio, target at most 3), ``page_worst`` /
``page_cold_worst`` (the page, as its index in :data:`PAGES`) and ``impact_cold_l_over_s``
(target at most 3). ``/admin/unmatched`` is included (the register is loaded on both sides).
"""

from __future__ import annotations

import statistics
import time
import uuid
from dataclasses import dataclass
from typing import Any

import s_side
from flask.testing import FlaskClient

from tracker import create_app
from tracker.db import Database
from tracker.repositories import register, users

REPEAT = 5
COLD_REPEAT = 5
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
    "network_hub": "/networks/net-00",
    "api_network": "/api/v1/network",
    "api_metrics": "/api/v1/metrics",
    "reach": "/reach",
    "admin_unmatched": "/admin/unmatched",
}


def busiest_and_latest(doc: dict[str, Any]) -> tuple[str, str]:
    """The organisation in most events of doc, and its latest collaboration."""
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


@dataclass
class Side:
    """One database with its app, a logged-in administrator and the page paths."""

    db: Database
    client: FlaskClient
    paths: dict[str, str]

    @classmethod
    def open(cls, db: Database, doc: dict[str, Any]) -> Side:
        """Load the register if needed, log an administrator in, resolve the paths."""
        if not register.is_loaded(db):  # /admin/unmatched compares with the whole register
            register.import_register(db)
        app = create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": False})
        name = f"bench-pages-{uuid.uuid4().hex[:8]}"
        users.create(db, name, "admin", PASSWORD)  # /admin/unmatched is for administrators
        client = app.test_client()
        client.post("/login", data={"username": name, "password": PASSWORD})
        busiest, latest = busiest_and_latest(doc)
        paths = {k: t.format(busiest=busiest, latest=latest) for k, t in PAGES.items()}
        return cls(db, client, paths)

    def get(self, key: str) -> float:
        """Seconds for one request of the page; anything but 200 stops the run."""
        started = time.perf_counter()
        response = self.client.get(self.paths[key])
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{self.paths[key]} answered {response.status_code}")
        return elapsed

    def unrelated_write(self) -> None:
        """A new user account: a write that changes none of the data the pages show."""
        users.create(self.db, f"bench-unrelated-{uuid.uuid4().hex[:8]}", "viewer", PASSWORD)


class _s_pages:
    """The S side's logged-in client, opened once."""

    side: Side | None = None


def _measure(sides: list[Side], key: str) -> list[tuple[float, float]]:
    """(warm, cold) median seconds of one page per side, the sides' requests interleaved."""
    for side in sides:
        side.get(key)  # fill the caches
    warm: list[list[float]] = [[] for _ in sides]
    cold: list[list[float]] = [[] for _ in sides]
    for _ in range(REPEAT):
        for i, side in enumerate(sides):
            warm[i].append(side.get(key))
    for _ in range(COLD_REPEAT):
        for i, side in enumerate(sides):
            side.unrelated_write()
            cold[i].append(side.get(key))
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(warm, cold, strict=True)]


def figures(ctx: Any) -> dict[str, float]:
    """Warm and cold seconds per page; at larger sizes the S side interleaved, and the ratios."""
    out: dict[str, float] = {}
    if ctx.size == "S":
        s_side.ensure(ctx.doc, ctx.log)
        sides = [Side.open(ctx.db, ctx.doc)]
    else:
        if _s_pages.side is None:  # one logged-in S side for every larger size
            _s_pages.side = Side.open(s_side.database(), s_side.document())
        sides = [_s_pages.side, Side.open(ctx.db, ctx.doc)]
    warm: dict[str, float] = {}
    cold: dict[str, float] = {}
    for key in PAGES:
        timed = _measure(sides, key)
        here = timed[-1]
        out[f"page_{key}_seconds"] = round(here[0], 4)
        out[f"page_{key}_cold_seconds"] = round(here[1], 4)
        line = f"[{ctx.size}] {sides[-1].paths[key]}: warm {here[0]:.4f} s, cold {here[1]:.4f} s"
        if len(sides) == 2:
            base = timed[0]
            out[f"page_{key}_s_seconds"] = round(base[0], 4)
            out[f"page_{key}_s_cold_seconds"] = round(base[1], 4)
            warm[key], cold[key] = here[0] / base[0], here[1] / base[1]
            line += f" (S side {base[0]:.4f} / {base[1]:.4f}: ×{warm[key]:.2f} / ×{cold[key]:.2f})"
        ctx.log(line)
    if warm:
        names = list(PAGES)
        worst, worst_cold = max(warm, key=warm.__getitem__), max(cold, key=cold.__getitem__)
        out["page_l_over_s_max"] = round(warm[worst], 3)
        out["page_cold_l_over_s_max"] = round(cold[worst_cold], 3)
        out["page_worst"] = names.index(worst)
        out["page_cold_worst"] = names.index(worst_cold)
        out["impact_cold_l_over_s"] = round(cold["impact_latest"], 3)
    return out


def final(ctx: Any) -> dict[str, float]:
    """Stop the S side (nothing to measure): the final figures load their own data."""
    _s_pages.side = None
    s_side.stop()
    return {}
