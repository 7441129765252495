"""The collaboration network as the app uses it: the growth timeline (the app's one replay of
links, :mod:`tracker.services.growth`) and actor rows from the repository, numbers from the pure
analytics, cached per (as-of date, data version) in one read transaction.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

import networkx as nx

from tracker import model
from tracker.analytics import engine as fast
from tracker.analytics import growth, network_view
from tracker.analytics import network as analytics
from tracker.db import Database
from tracker.repositories import network as repo
from tracker.services import dashboard
from tracker.services import growth as growth_service
from tracker.services.cache import Served, Snapshot, cached, read, read_or_stale

AREAS = growth_service.AREAS  # the links come from the growth timeline

log = logging.getLogger(__name__)


def history_in(snap: Snapshot, as_of: str | None) -> list[growth.Step]:
    """The growth timeline's steps of the collaborations up to as_of (the one replay)."""
    return growth.upto(growth_service.timeline_in(snap), as_of)


@cached("network.graph", AREAS)
def graph_in(snap: Snapshot, as_of: str | None) -> nx.Graph:
    """The collaboration graph as of a date (cached; treat it as read-only)."""
    steps = history_in(snap, as_of)
    seen = growth.first_seen(steps)
    nodes = [r for r in repo.actors(snap.tx) if r["id"] in seen]
    return analytics.build_graph(nodes, growth.links(steps))


@cached("network.analysis", AREAS)
def _analysis(snap: Snapshot, as_of: str | None) -> dict[str, Any]:
    g = graph_in(snap, as_of)
    view = fast.Indexed(g)  # copied into igraph once for every heavy algorithm
    parts = analytics.communities(g, view=view)  # once: the metrics and the layout share it
    return {"metrics": analytics.metrics(g, parts, view=view), "parts": parts, "view": view}


def metrics_in(snap: Snapshot, as_of: str | None) -> dict[str, Any]:
    """The ``tracker metrics --json`` document as of a date (cached)."""
    result: dict[str, Any] = _analysis(snap, as_of)["metrics"]
    return result


@cached("network.page", AREAS)
def _page(snap: Snapshot, as_of: str | None) -> dict[str, Any]:
    analysis = _analysis(snap, as_of)
    payload = network_view.payload(graph_in(snap, as_of), analysis["metrics"],
                                   history_in(snap, as_of), analysis["parts"], as_of,
                                   view=analysis["view"])
    return {**payload, "vocabulary": model.vocabulary()}


@cached("network.engagement", (*AREAS, "actors"))  # organisation names
def _engagement(snap: Snapshot, as_of: str | None) -> dict[str, Any]:
    return analytics.engagement_summary(analytics.engagement_graph(repo.engagement(snap.tx,
                                                                                   as_of)))


def _ego(snap: Snapshot, actor_id: str, as_of: str | None) -> dict[str, Any] | None:
    actor = repo.actor(snap.tx, actor_id)
    if actor is None:
        return None
    g = graph_in(snap, as_of)
    view = analytics.ego(g, actor_id)
    others = {s["b"] if s["a"] == actor_id else s["a"]: s
              for s in analytics.suggestions(g, limit=5, actor=actor_id)}

    def name(v: str) -> str:
        return str(g.nodes[v].get("name") or v)

    return {
        "as_of": as_of,
        "actor": actor,
        "partners": view["partners"],
        "links": view["links"],
        "suggestions": [{"id": other, "name": name(other), "score": s["score"],
                         "shared": s["shared"], "via": s["via"],
                         "reason": analytics.reason([name(v) for v in s["via"]], s["shared"])}
                        for other, s in others.items()],
    }


def _encode(document: dict[str, Any]) -> str:
    """Compact JSON with sorted keys, as Flask's jsonify writes it."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"))


@cached("network.page_json", AREAS, stale=True)
def _page_json(snap: Snapshot, as_of: str | None) -> str:
    return _encode(_page(snap, as_of))


@cached("network.metrics_json", AREAS, stale=True)
def _metrics_json(snap: Snapshot, as_of: str | None) -> str:
    return _encode(metrics_in(snap, as_of))


def _marked(served: Served[str]) -> str:
    """The encoded document, plus ``"updating": true`` and ``"as_of_version"`` when it is the
    previous result served while the current one is recomputed (new keys only: the others keep
    their shape)."""
    if not served.updating:
        return served.value
    marks = _encode({"as_of_version": served.version, "updating": True})
    body = served.value.rstrip()
    return body[:-1] + ("," if body != "{}" else "") + marks[1:]


def page_json(db: Database, as_of: str | None = None, stale_ok: bool = False) -> str:
    """The network page's JSON payload as text, encoded once per version (the payload of a large
    network is megabytes: re-encoding it for every request would cost more than serving it).

    With ``stale_ok`` (the API) a miss after a write to the network serves the previous payload
    marked ``"updating": true`` while one background recomputation runs
    (:func:`tracker.services.cache.read_or_stale`); a cold start still computes it here.
    """
    if stale_ok:
        return _marked(read_or_stale(db, _page_json, as_of))
    return read(db, _page_json, as_of)


def metrics_json(db: Database, as_of: str | None = None, stale_ok: bool = False) -> str:
    """The ``tracker metrics --json`` document as JSON text, encoded once per version (with
    ``stale_ok``, as :func:`page_json`)."""
    if stale_ok:
        return _marked(read_or_stale(db, _metrics_json, as_of))
    return read(db, _metrics_json, as_of)


def page_updating(db: Database, as_of: str | None = None) -> bool:
    """True while the network payload of the current data is not ready (the page polls this
    after it was served a payload marked updating, then loads the new one). Asking starts the
    recomputation again if the last one failed (an outage)."""
    return read_or_stale(db, _page_json, as_of).updating


def history(db: Database, as_of: str | None = None) -> list[growth.Step]:
    """The growth timeline's steps up to as_of (cached with the timeline)."""
    return read(db, history_in, as_of)


def graph(db: Database, as_of: str | None = None) -> nx.Graph:
    """The collaboration graph as of a date (cached; treat it as read-only)."""
    return read(db, graph_in, as_of)


def metrics(db: Database, as_of: str | None = None) -> dict[str, Any]:
    """The ``tracker metrics --json`` document as of a date (cached)."""
    return read(db, metrics_in, as_of)


def page(db: Database, as_of: str | None = None) -> dict[str, Any]:
    """The network page's JSON payload as of a date (cached)."""
    return read(db, _page, as_of)


def ego(db: Database, actor_id: str, as_of: str | None = None) -> dict[str, Any] | None:
    """An actor, its partners, the links among them and its suggestions; None if unknown."""
    return read(db, _ego, actor_id, as_of)


def actor(db: Database, actor_id: str) -> dict[str, Any] | None:
    """One actor's id, name and type (for the ego page), or None."""
    return db.read_tx(repo.actor, actor_id)


def engagement(db: Database, as_of: str | None = None) -> dict[str, Any]:
    """Reach figures from the organisations-to-collaborations network (cached)."""
    return read(db, _engagement, as_of)


def warm(db: Database) -> threading.Thread:
    """Compute, in a background thread, what the first visitors after the server starts would
    otherwise wait for: the growth timeline (the growth page's summary, which every growth page,
    impact report and the dashboard rest on), the dashboard's summary, then the network page's
    payload (at 5,000 actors it takes seconds). Each also becomes the previous result those
    pages serve, marked updating, after the next write. A failure (the database not up yet) is
    logged; the first request then computes it as usual."""

    def run() -> None:
        started = time.monotonic()
        try:
            growth_service.summary(db)
            log.info("growth timeline warmed at start in %.1f s", time.monotonic() - started)
            dashboard.summary(db)
            page_json(db)
            log.info("network payload warmed at start in %.1f s", time.monotonic() - started)
        except Exception:  # any failure only means the first visitor computes it instead
            log.warning("warming the growth timeline and the network payload failed; they "
                        "are computed on first use", exc_info=True)

    thread = threading.Thread(target=run, name="warm-network", daemon=True)
    thread.start()
    return thread
