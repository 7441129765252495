"""Figures for issue 4: the growth timeline against a plain scan, one impact report L over S.

- ``growth_vs_scan``: computing the whole growth timeline from the graph (cache dropped first)
  divided by one Cypher query that merely reads every contribution once (target: at most 2).
  The two sides are interleaved over ROUNDS rounds (scan then growth, then growth then scan,
  ...) and the figure is the ratio of their medians, so a change of load on a shared machine
  moves both sides alike; ``growth_vs_scan_lowest``/``_highest`` are the extreme rounds' own
  ratios.
- ``network_stale_seconds``: the first ``/api/v1/network`` payload after a write to the network
  when the previous payload is kept (served marked "updating" while one background thread
  recomputes), against ``network_recompute_seconds``, the same request computed in the
  request (the previous payload dropped too); ``network_stale_vs_recompute`` is their ratio.
- ``growth_stale_seconds``, ``impact_stale_seconds``, ``dashboard_stale_seconds``: the growth
  page's summary, the latest collaboration's impact report and the dashboard's summary as the
  pages serve them, first request after a write that makes the timeline replay (an edit: served
  the previous result marked "updating" while one background thread recomputes), against
  ``*_recompute_seconds``, the same request with nothing earlier kept (computed in the request,
  the timeline replayed); ``*_stale_vs_recompute`` are their ratios. Only the request after the
  write is timed.
- ``impact_l_over_s`` (and ``impact_m_over_s`` at M): one impact report of the latest
  collaboration at this size divided by the same at S, as the app serves it (the timeline is
  cached per data version, so the report reads only its own collaboration's events);
  ``impact_replay_l_over_s`` is the same with the whole cache dropped before each report (the
  timeline replayed from the graph: what the first report after a new collaboration costs).
  The issue's ``impact_cold_l_over_s`` (the first report after an unrelated write, S and L
  interleaved) is measured by ``figures_pages``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from tracker.audit import entry
from tracker.services import dashboard, network
from tracker.services import growth as collaborations
from tracker.services.cache import cache, join_pending

ROUNDS = 7


def _seconds(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def interleaved(a: Callable[[], Any], b: Callable[[], Any],
                rounds: int = ROUNDS) -> tuple[list[float], list[float]]:
    """Seconds of a() and b() over `rounds` rounds, alternating which goes first."""
    first: list[float] = []
    second: list[float] = []
    for turn in range(rounds):
        if turn % 2:
            second.append(_seconds(b))
            first.append(_seconds(a))
        else:
            first.append(_seconds(a))
            second.append(_seconds(b))
    return first, second


def _network_write(db: Any) -> None:
    """A write that moves the network area on (what a new contribution does to the caches):
    an edit of an event that does not exist, so that it changes no data and keeps the
    first-reach refresh to nothing (a write naming nothing would refresh every organisation)."""
    db.write_tx(lambda tx: None, audit=[entry("event", "bench-no-such-event", "update")])


def _stale_vs_recompute(db: Any, name: str, serve: Callable[[], Any],
                        rounds: int = 3) -> dict[str, float]:
    """serve() right after a network write with its previous result kept, against the same with
    nothing kept; only the request is timed, the write before it is not."""
    serve()
    stale_s: list[float] = []
    recompute_s: list[float] = []
    for _ in range(rounds):
        _network_write(db)
        stale_s.append(_seconds(serve))
        join_pending()  # the background recomputation must not overlap the other side
        _network_write(db)
        cache.clear()
        recompute_s.append(_seconds(serve))
    st, rc = statistics.median(stale_s), statistics.median(recompute_s)
    return {f"{name}_stale_seconds": round(st, 5), f"{name}_recompute_seconds": round(rc, 5),
            f"{name}_stale_vs_recompute": round(st / rc, 4)}


def _stale_figures(db: Any, last: str) -> dict[str, float]:
    """The network API, the growth page, the latest impact report and the dashboard."""
    return {**_stale_vs_recompute(db, "network", lambda: network.page_json(db, stale_ok=True)),
            **_stale_vs_recompute(db, "growth", lambda: collaborations.summary_served(db)),
            **_stale_vs_recompute(db, "impact",
                                  lambda: collaborations.impact_served(db, last)),
            **_stale_vs_recompute(db, "dashboard", lambda: dashboard.served(db))}


def figures(ctx: Any) -> dict[str, Any]:
    """Seconds and ratios for this size (ratios across sizes need S measured first)."""
    db = ctx.db
    last = collaborations.growth(db)[-1]["event"]  # also warms the server's query plans

    def cold_growth() -> None:
        cache.clear()
        collaborations.growth(db)

    def cold_impact() -> None:
        cache.clear()
        collaborations.impact(db, last)

    scans, growths = interleaved(lambda: db.read("collaborations/scan_contributions"),
                                 cold_growth)
    scan, growth = statistics.median(scans), statistics.median(growths)
    rounds = [g / s for s, g in zip(scans, growths, strict=True)]
    collaborations.growth(db)  # warm the cache for the served report
    impact = ctx.timeit(lambda: collaborations.impact(db, last), repeat=20)
    impact_cold = ctx.timeit(cold_impact, repeat=3)
    out: dict[str, Any] = {
        "scan_seconds": round(scan, 5),
        "growth_seconds": round(growth, 5),
        "growth_vs_scan": round(growth / scan, 3),
        "growth_vs_scan_lowest": round(min(rounds), 3),
        "growth_vs_scan_highest": round(max(rounds), 3),
        "impact_seconds": round(impact, 5),
        "impact_replay_seconds": round(impact_cold, 5),
        **_stale_figures(db, last),
    }
    base = ctx.results.get("S")
    if ctx.size != "S" and base:
        tag = ctx.size.lower()
        out[f"impact_{tag}_over_s"] = round(impact / base["impact_seconds"], 3)
        out[f"impact_replay_{tag}_over_s"] = round(impact_cold / base["impact_replay_seconds"],
                                                   3)
        if base.get("network_stale_seconds"):
            out[f"network_stale_{tag}_over_s"] = round(
                out["network_stale_seconds"] / base["network_stale_seconds"], 3)
    return out
