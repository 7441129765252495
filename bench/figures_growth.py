"""Figures for issue 4: the growth timeline against a plain scan, one impact report L over S.

- ``growth_vs_scan``: computing the whole growth timeline from the graph (cache dropped first)
  divided by one Cypher query that merely reads every contribution once (target: at most 3).
- ``impact_l_over_s`` (and ``impact_m_over_s`` at M): one impact report of the latest
  collaboration at this size divided by the same at S, as the app serves it (the timeline is
  cached per data version, so the report reads only its own collaboration's events);
  ``impact_replay_l_over_s`` is the same with the whole cache dropped before each report (the
  timeline replayed from the graph: what the first report after a new collaboration costs).
  The issue's ``impact_cold_l_over_s`` (the first report after an unrelated write, S and L
  interleaved) is measured by ``figures_pages``.
"""

from __future__ import annotations

from typing import Any

from tracker.services import growth as collaborations
from tracker.services.cache import cache


def figures(ctx: Any) -> dict[str, float]:
    """Seconds and ratios for this size (ratios across sizes need S measured first)."""
    db = ctx.db
    last = collaborations.growth(db)[-1]["event"]  # also warms the server's query plans

    def cold_growth() -> None:
        cache.clear()
        collaborations.growth(db)

    def cold_impact() -> None:
        cache.clear()
        collaborations.impact(db, last)

    scan = ctx.timeit(lambda: db.read("collaborations/scan_contributions"))
    growth = ctx.timeit(cold_growth)
    collaborations.growth(db)  # warm the cache for the served report
    impact = ctx.timeit(lambda: collaborations.impact(db, last), repeat=20)
    impact_cold = ctx.timeit(cold_impact, repeat=3)
    out = {
        "scan_seconds": round(scan, 5),
        "growth_seconds": round(growth, 5),
        "growth_vs_scan": round(growth / scan, 3),
        "impact_seconds": round(impact, 5),
        "impact_replay_seconds": round(impact_cold, 5),
    }
    base = ctx.results.get("S")
    if ctx.size != "S" and base:
        tag = ctx.size.lower()
        out[f"impact_{tag}_over_s"] = round(impact / base["impact_seconds"], 3)
        out[f"impact_replay_{tag}_over_s"] = round(impact_cold / base["impact_replay_seconds"],
                                                   3)
    return out
