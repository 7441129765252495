"""The home dashboard from one cached summary: headline counts, the latest collaboration and its
impact, the growth chart, the biggest coverage gaps and the follow-ups due.

Everything is read in one snapshot and cached under every area of data for the day (the reach
questions count up to today), so a warm dashboard costs a cache lookup whatever the size of the
graph, and a write that touches no area (a new user account) keeps it warm. The collaborations,
links and what the latest collaboration added come from the growth timeline (the app's one
replay), so the dashboard can never disagree with the growth page or the impact reports.
After a write that makes the timeline replay (anything but an appended collaboration), the
page is served the previous summary marked updating while one background thread recomputes it
(:func:`served`); the first-run check and the tests read it synchronously.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.db import Database
from tracker.repositories import dashboard as repo
from tracker.repositories import demo as demo_repo
from tracker.services import growth
from tracker.services import reach as reach_service
from tracker.services.cache import Served, Snapshot, cached, read, read_or_stale

#: Follow-ups listed on the dashboard (the reach page lists them all).
FOLLOW_UPS = 5


#: What the dashboard reads: every area but ``people``. A new person has reached nobody yet and
#: the dashboard shows no person (a person's edit or deletion also touches ``reach``, a
#: follow-up ``other``), so creating people, say a whole attendee list's, keeps it warm.
AREAS = ("network", "reach", "actors", "other")


@cached("dashboard.summary", AREAS, stale=True, now_if=growth.ready_in)
def _summary(snap: Snapshot, today: str) -> dict[str, Any]:
    data = repo.summary_in(snap.tx)
    data["demo"] = demo_repo.loaded_in(snap.tx)  # the page then says what in it is invented
    steps = growth.timeline_in(snap)
    last = steps[-1] if steps else None
    data.update({
        "collaborations": len(steps),
        "links": last.after.links if last else 0,
        "latest_id": last.event if last else None,
        "latest_name": last.name if last else None,
        "latest_start": last.date if last else None,
        "latest_new_links": len(last.new_links) if last else 0,
        "latest_strengthened_links": len(last.strengthened_links) if last else 0,
    })
    # Nothing logged yet (the register alone does not count): show first steps, not zeros.
    data["empty"] = not steps
    extras: dict[str, Any] = {}
    if steps:
        panel = reach_service.gaps_and_follow_ups_in(snap.tx, date.fromisoformat(today))
        extras = {
            "impact": growth.impact_in(snap, last.event) if last else None,
            "growth": [{"event": r["name"], "date": r["date"], "reached": r["reached"],
                        "links": r["links"]} for r in growth.summary_in(snap)["chart"]],
            "gaps": panel["gaps"],
            "follow_ups": panel["follow_ups"][:FOLLOW_UPS],
            "follow_ups_total": len(panel["follow_ups"]),
        }
    return {"n": data, **extras}


def summary(db: Database) -> dict[str, Any]:
    """Everything the dashboard shows: ``n`` (headline counts, the register share, what the
    latest collaboration added, ``empty``, ``demo``) and, once something is logged, ``impact``,
    ``growth`` (the chart's points), ``gaps``, ``follow_ups`` (the first few) and
    ``follow_ups_total``. Cached; treat it as read-only."""
    return read(db, _summary, date.today().isoformat())


def served(db: Database) -> Served[dict[str, Any]]:
    """The summary as the dashboard serves it: after a write that makes the growth timeline
    replay, the previous summary marked updating while one background recomputation runs; a
    miss computes here when the timeline is ready (cheap) or nothing earlier is kept."""
    return read_or_stale(db, _summary, date.today().isoformat())
