"""The network page's data: a deterministic layout and a compact JSON payload (pure functions).

The payload is columnar (one list per field) and dictionary-encodes repeated strings, so that
5,000 actors and 50,000 links stay well under 2 MB. Edges are sorted by the collaboration that
created them, so a collaboration's new links are a contiguous run (the timeline gives each run's
length, and the page derives every link's first collaboration from it) and only strengthened
links need listing by index.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from tracker.analytics.network import (
    BROKER_EXPLANATION,
    SEED,
    articulation_points,
    split_sizes,
    suggestions,
)

#: Whole-graph force layout up to this many actors; above it, communities are laid out as
#: groups (a force layout of 5,000 actors costs seconds and reads worse).
SPRING_LIMIT = 300
#: The page shows at most this many links at first and says how many weaker ones it hid.
EDGE_BUDGET = 4000
_GOLDEN = math.pi * (3 - math.sqrt(5))
METRIC_COLUMNS = ("degree", "weighted_degree", "betweenness", "pagerank", "community", "broker")
CODED_COLUMNS = ("type", "category", "nation", "region")


def _spiral(count: int, spacing: float) -> list[tuple[float, float]]:
    """Sunflower positions: the first is the centre, later ones wind outwards evenly."""
    return [(spacing * math.sqrt(i) * math.cos(i * _GOLDEN),
             spacing * math.sqrt(i) * math.sin(i * _GOLDEN)) for i in range(count)]


def layout(graph: nx.Graph, parts: Sequence[set[Any]]) -> dict[Any, tuple[int, int]]:
    """Positions in pixels: a seeded force layout when small, grouped by community when large.

    Large graphs: communities sit on a sunflower spiral (largest in the middle) and each one's
    members are laid out inside its own disc (force layout for small groups, a spiral with the
    best connected actors at its centre for big ones).

    Examples
    --------
    >>> pos = layout(nx.path_graph(3), [{0, 1, 2}])
    >>> sorted(pos) == [0, 1, 2] and all(isinstance(v, int) for p in pos.values() for v in p)
    True
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    spacing = 40.0
    if n <= SPRING_LIMIT:
        raw = nx.spring_layout(graph, seed=SEED, weight=None)
        # Room for the biggest circles (60 px) even when only a handful of actors are drawn.
        scale = max(300.0, spacing * 2 * math.sqrt(n))
        return {v: (round(x * scale), round(y * scale)) for v, (x, y) in raw.items()}
    positions: dict[Any, tuple[int, int]] = {}
    placed_area = 0.0
    for index, part in enumerate(parts):
        radius = spacing * 0.6 * math.sqrt(len(part)) + spacing
        # Sunflower packing by cumulative area: each disc goes a little further out.
        distance = math.sqrt(placed_area + math.pi * radius * radius / 2) * 1.1
        placed_area += math.pi * radius * radius
        cx, cy = distance * math.cos(index * _GOLDEN), distance * math.sin(index * _GOLDEN)
        members = sorted(part, key=lambda v: (-graph.degree(v), str(v)))
        if 2 < len(members) <= 60:
            raw = nx.spring_layout(graph.subgraph(members), seed=SEED, weight=None, iterations=30)
            offsets = [(raw[v][0] * radius, raw[v][1] * radius) for v in members]
        else:
            offsets = _spiral(len(members), spacing * 0.6)
        for v, (dx, dy) in zip(members, offsets, strict=True):
            positions[v] = (round(cx + dx), round(cy + dy))
    return positions


def _short(value: float) -> float:
    """Four significant digits: plenty for sizing and sorting, a third of the bytes."""
    return float(f"{value:.4g}")


def _encode(values: Sequence[Any]) -> tuple[list[int | None], list[Any]]:
    """Dictionary-encode repeated strings: codes into a sorted table (None stays None)."""
    table = sorted({v for v in values if v is not None}, key=str)
    index = {v: i for i, v in enumerate(table)}
    return [None if v is None else index[v] for v in values], table


def payload(graph: nx.Graph, computed: Mapping[str, Any], replayed: Sequence[Mapping[str, Any]],
            parts: Sequence[set[Any]], as_of: str | None = None,
            edge_budget: int = EDGE_BUDGET) -> dict[str, Any]:
    """The /api/v1/network document for the page.

    ``computed`` is :func:`tracker.analytics.network.metrics` output for ``graph``; ``replayed``
    is :func:`tracker.analytics.network.replay` over the same collaborations; ``parts`` the
    communities used for the layout.

    Examples
    --------
    >>> from tracker.analytics.network import build_graph, metrics, replay, communities
    >>> rep = replay([{"id": "e1", "date": "2024-01-01", "actors": ["a", "b"]},
    ...               {"id": "e2", "date": "2024-02-01", "actors": ["a", "b", "c"]}])
    >>> g = build_graph([{"id": v, "name": v.upper()} for v in "abc"],
    ...                 [{"a": "a", "b": "b", "weight": 2}, {"a": "a", "b": "c", "weight": 1},
    ...                  {"a": "b", "b": "c", "weight": 1}])
    >>> p = payload(g, metrics(g), rep, communities(g))
    >>> p["timeline"][1]["new"], p["timeline"][1]["strengthened"], p["edges"]["weight"]
    (2, [0], [2, 1, 1])
    """
    order = sorted(graph.nodes, key=str)
    index = {v: i for i, v in enumerate(order)}
    rows = {r["id"]: r for r in computed["actors"]}
    since: dict[Any, int] = {}
    edge_first: dict[tuple[Any, Any], int] = {}
    for k, collab in enumerate(replayed):
        for v in collab["actors"]:
            since.setdefault(v, k)
        for a, b in collab["new"]:
            edge_first[(a, b)] = k
    pairs = sorted(((min(u, v, key=str), max(u, v, key=str)) for u, v in graph.edges()),
                   key=lambda p: (edge_first.get(p, 0), index[p[0]], index[p[1]]))
    edge_index = {p: i for i, p in enumerate(pairs)}
    timeline = []
    for collab in replayed:
        stronger = sorted(edge_index[s["pair"]] for s in collab["strengthened"]
                          if s["pair"] in edge_index)
        timeline.append({"id": collab["id"], "name": collab.get("name"), "date": collab["date"],
                         "actors": len(collab["actors"]), "new": len(collab["new"]),
                         "strengthened": stronger})
    positions = layout(graph, parts)
    nodes: dict[str, Any] = {"id": order,
                             "name": [graph.nodes[v].get("name") or str(v) for v in order]}
    codes: dict[str, list[Any]] = {}
    for column in CODED_COLUMNS:
        nodes[column], codes[column] = _encode([graph.nodes[v].get(column) for v in order])
    nodes["x"] = [positions[v][0] for v in order]
    nodes["y"] = [positions[v][1] for v in order]
    nodes["since"] = [since.get(v, 0) for v in order]
    for column in METRIC_COLUMNS:
        values = [rows[v][column] for v in order]
        nodes[column] = [_short(x) if isinstance(x, float) else x for x in values]
    weights = [graph[a][b]["weight"] for a, b in pairs]
    threshold = 1
    if len(weights) > edge_budget:
        ranked = sorted(weights, reverse=True)
        threshold = max(1, ranked[edge_budget - 1])
        if sum(1 for w in weights if w >= threshold) > edge_budget:
            threshold += 1
    points = articulation_points(graph)
    # Cut-off sizes cost a component copy each: only for a readable handful of points.
    cut = split_sizes(graph, points) if len(points) <= 50 else {}
    return {
        "as_of": as_of,
        "network": computed["network"],
        "codes": codes,
        "nodes": nodes,
        "edges": {"source": [index[a] for a, _ in pairs], "target": [index[b] for _, b in pairs],
                  "weight": weights},
        "timeline": timeline,
        "default_min_weight": threshold,
        "articulation": sorted(({"node": index[p], "cut_off": cut.get(p)} for p in points),
                               key=lambda r: (-(r["cut_off"] or 0), r["node"])),
        "suggestions": [{"a": index[s["a"]], "b": index[s["b"]], "score": s["score"],
                         "shared": s["shared"]} for s in suggestions(graph, limit=15)],
        "broker_explanation": BROKER_EXPLANATION,
    }
