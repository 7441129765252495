"""The collaboration network as the app uses it: rows from the repository, numbers from the
pure analytics, cached per (as-of date, data version) in one read transaction.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from tracker.analytics import engine as fast
from tracker.analytics import network as analytics
from tracker.analytics import network_view
from tracker.db import Database
from tracker.repositories import network as repo
from tracker.services.cache import Snapshot, cached, read

AREAS = ("network",)


@cached("network.graph", AREAS)
def graph_in(snap: Snapshot, as_of: str | None) -> nx.Graph:
    """The collaboration graph as of a date (cached; treat it as read-only)."""
    data = repo.collaboration_network(snap.tx, as_of)
    return analytics.build_graph(data["nodes"], data["edges"])


@cached("network.analysis", AREAS)
def _analysis(snap: Snapshot, as_of: str | None) -> dict[str, Any]:
    g = graph_in(snap, as_of)
    view = fast.Indexed(g)  # copied into igraph once for every heavy algorithm
    parts = analytics.communities(g, view=view)  # once: the metrics and the layout share it
    return {"metrics": analytics.metrics(g, parts, view=view), "parts": parts}


def metrics_in(snap: Snapshot, as_of: str | None) -> dict[str, Any]:
    """The ``tracker metrics --json`` document as of a date (cached)."""
    result: dict[str, Any] = _analysis(snap, as_of)["metrics"]
    return result


@cached("network.replay", AREAS)
def replay_in(snap: Snapshot, as_of: str | None) -> list[dict[str, Any]]:
    """Per collaboration in order up to as_of: its new and strengthened links (cached)."""
    return analytics.replay(repo.timeline(snap.tx, as_of)["collaborations"])


@cached("network.page", AREAS)
def _page(snap: Snapshot, as_of: str | None) -> dict[str, Any]:
    analysis = _analysis(snap, as_of)
    return network_view.payload(graph_in(snap, as_of), analysis["metrics"],
                                replay_in(snap, as_of), analysis["parts"], as_of)


@cached("network.engagement", AREAS)
def _engagement(snap: Snapshot, as_of: str | None) -> dict[str, Any]:
    return analytics.engagement_summary(analytics.engagement_graph(repo.engagement(snap.tx,
                                                                                   as_of)))


def _ego(snap: Snapshot, actor_id: str, as_of: str | None) -> dict[str, Any] | None:
    actor = repo.actor(snap.tx, actor_id)
    if actor is None:
        return None
    g = graph_in(snap, as_of)
    view = analytics.ego(g, actor_id)
    names = {s["b"] if s["a"] == actor_id else s["a"]: s
             for s in analytics.suggestions(g, limit=5, actor=actor_id)}
    return {
        "as_of": as_of,
        "actor": actor,
        "partners": view["partners"],
        "links": view["links"],
        "suggestions": [{"id": other, "name": g.nodes[other].get("name"),
                         "score": s["score"], "shared": s["shared"]}
                        for other, s in names.items()],
    }


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
