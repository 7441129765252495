"""The network page's data: a deterministic layout and a compact JSON payload (pure functions).

The payload is columnar (one list per field) and dictionary-encodes repeated strings, so that
5,000 actors and 50,000 links stay well under 2 MB. Edges are sorted by the collaboration that
created them, so a collaboration's new links are a contiguous run (the timeline gives each run's
length, and the page derives every link's first collaboration from it) and only strengthened
links need listing by index (with the strength each gained, so the page knows every link's
weight and strength at every step: the final strength minus later gains). The timeline is
columnar too, and ``cards`` holds the headline figures of the network after each step (one list
per figure), so the cards follow the slider.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np

from tracker.analytics.engine import Indexed
from tracker.analytics.growth import Step, first_seen
from tracker.analytics.network import (
    BROKER_EXPLANATION,
    SEED,
    articulation_points,
    build_graph,
    communities,
    modularity,
    reason,
    split_sizes,
    suggestions,
)

#: Whole-graph force layout up to this many actors; above it, communities are laid out as
#: groups (a force layout of 5,000 actors costs seconds and reads worse).
SPRING_LIMIT = 300
#: Below SPRING_LIMIT, actors are pushed apart until no two centres are closer than this (px).
MIN_GAP = 90.0
#: The page shows at most this many links at first and says how many weaker ones it hid.
EDGE_BUDGET = 4000
_GOLDEN = math.pi * (3 - math.sqrt(5))
METRIC_COLUMNS = ("degree", "weighted_degree", "strength", "betweenness", "pagerank", "community",
                  "broker")
#: At most how many of the most central actors (betweenness, then PageRank) carry a label at
#: any zoom; small networks label one actor in four (at least six), so labels do not collide.
CENTRAL_LABELS = 20
CODED_COLUMNS = ("type", "category", "nation", "region")
TIMELINE_FIELDS = ("id", "name", "date", "actors", "new", "strengthened", "gain")
CARD_FIELDS = ("actors", "links", "density", "components", "largest_component_share",
               "modularity")
#: The modularity card finds each step's own communities while the links summed over all steps
#: stay under this (about 1 s of Louvain); above it, today's communities are scored at every
#: step instead (a history of 1,500 collaborations would need minutes).
STEP_COMMUNITIES_BUDGET = 200_000


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
        # Strong ties pull harder: actors who ran small sessions together sit close.
        # k: 1.5x the default spacing, so hubs' neighbourhoods do not collapse into a knot.
        raw = nx.spring_layout(graph, seed=SEED, weight="strength", iterations=100,
                               k=1.5 / math.sqrt(n))
        # Room for the biggest circles (60 px) even when only a handful of actors are drawn.
        scale = max(300.0, spacing * 2 * math.sqrt(n))
        order = list(raw)
        points = _spread(np.array([raw[v] for v in order]) * scale, MIN_GAP)
        return {v: (round(float(x)), round(float(y))) for v, (x, y) in zip(order, points,
                                                                            strict=True)}
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
            raw = nx.spring_layout(graph.subgraph(members), seed=SEED, weight="strength",
                                   iterations=30)
            offsets = [(raw[v][0] * radius, raw[v][1] * radius) for v in members]
        else:
            offsets = _spiral(len(members), spacing * 0.6)
        for v, (dx, dy) in zip(members, offsets, strict=True):
            positions[v] = (round(cx + dx), round(cy + dy))
    return positions


def _spread(points: np.ndarray, gap: float, rounds: int = 60) -> np.ndarray:
    """Push apart points closer than gap, a little each round, so circles do not overlap.

    Strong ties pull actors together in the force layout; this keeps them legible and
    clickable without changing the picture's shape.

    Examples
    --------
    >>> out = _spread(np.array([[0.0, 0.0], [1.0, 0.0], [300.0, 0.0]]), 70)
    >>> bool(np.linalg.norm(out[0] - out[1]) >= 69), out[2].tolist()
    (True, [300.0, 0.0])
    """
    points = points.astype(float).copy()
    for _ in range(rounds):
        diff = points[:, None, :] - points[None, :, :]
        dist = np.sqrt((diff ** 2).sum(axis=-1))
        np.fill_diagonal(dist, 1e12)  # a point never pushes itself
        close = dist < gap
        if not close.any():
            break
        share = np.where(close, (gap - dist) / np.maximum(dist, 1e-9) / 2, 0.0)
        points += (share[..., None] * diff).sum(axis=1) * 0.5
    return points


def central_count(n: int) -> int:
    """How many actors carry a label at every zoom: one in four, between 6 and CENTRAL_LABELS.

    Examples
    --------
    >>> central_count(7), central_count(36), central_count(5000)
    (6, 9, 20)
    """
    return min(CENTRAL_LABELS, max(6, n // 4))


def _short(value: float) -> float:
    """Four significant digits: plenty for sizing and sorting, a third of the bytes."""
    return float(f"{value:.4g}")


def _encode(values: Sequence[Any]) -> tuple[list[int | None], list[Any]]:
    """Dictionary-encode repeated strings: codes into a sorted table (None stays None)."""
    table = sorted({v for v in values if v is not None}, key=str)
    index = {v: i for i, v in enumerate(table)}
    return [None if v is None else index[v] for v in values], table


def modularity_by_step(graph: nx.Graph, steps: Sequence[Step], parts: Sequence[set[Any]],
                       budget: int = STEP_COMMUNITIES_BUDGET) -> tuple[list[float], bool]:
    """Modularity on tie strength after each step, and whether each step had its own
    communities.

    Within ``budget`` (links summed over the steps), each step's network gets its own Louvain
    communities, found exactly as the network as of that collaboration's date finds them (same
    node and link order, so the same seeded partition): the card at a step and the page as of
    that date agree. Above it, the final partition ``parts`` is scored at every step.

    Examples
    --------
    >>> from tracker.analytics.growth import links, timeline
    >>> steps = timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a", "b", "c"]},
    ...                   {"id": "e2", "start": "2023-02-01", "actors": ["c", "d", "e"]}])
    >>> g = build_graph([{"id": v} for v in "abcde"], links(steps))
    >>> modularity_by_step(g, steps, [{"a", "b", "c"}, {"d", "e"}])
    ([0.0, 0.1111], True)
    >>> modularity_by_step(g, steps, [{"a", "b", "c"}, {"d", "e"}], budget=0)
    ([0.0, 0.1111], False)
    """
    work = sum(step.after.links for step in steps)
    if work > budget:
        return _fixed_partition(steps, parts), False
    order = list(graph.nodes)
    seen: set[Any] = set()
    found: dict[tuple[Any, Any], list[float]] = {}
    out = []
    for step in steps:
        seen.update(step.contributors)
        for pair, gain in step.gains.items():
            link = found.setdefault(pair, [0, 0.0])
            link[0] += 1
            link[1] += gain
        # Rebuilt as graph_in builds it (actors in the final graph's order, links by pair):
        # Louvain is seeded but depends on that order.
        now = build_graph([{"id": v} for v in order if v in seen],
                          [{"a": a, "b": b, "weight": w, "strength": round(st, 6)}
                           for (a, b), (w, st) in sorted(found.items())])
        out.append(modularity(now, communities(now)))
    return out, True


def _fixed_partition(steps: Sequence[Step], parts: Sequence[set[Any]]) -> list[float]:
    """Modularity of one fixed partition after each step, kept incrementally (sum of internal
    strength and of squared community strength): one update per pair that worked together.

    >>> from tracker.analytics.growth import timeline
    >>> steps = timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a", "b"]},
    ...                   {"id": "e2", "start": "2023-02-01", "actors": ["c", "d"]}])
    >>> _fixed_partition(steps, [{"a", "b"}, {"c", "d"}])
    [0.0, 0.5]
    """
    member = {v: i for i, part in enumerate(parts) for v in part}
    total = inside = squares = 0.0
    degree: dict[int, float] = {}
    out = []
    for step in steps:
        for (a, b), gain in step.gains.items():
            ca, cb = member.get(a, -1), member.get(b, -2)
            total += gain
            for c in (ca, cb):
                old = degree.get(c, 0.0)
                degree[c] = old + gain
                squares += (old + gain) ** 2 - old ** 2
            if ca == cb:
                inside += gain
        out.append(round(inside / total - squares / (4 * total * total), 4) if total else 0.0)
    return out


def _links_in_order(graph: nx.Graph, steps: Sequence[Step], order: Sequence[Any],
                    index: Mapping[Any, int]) -> list[tuple[int, int, int, int, float]]:
    """(creating step, end, end, weight, strength) of every link, in the payload's order.

    Ordered by the collaboration that created the link, then by the two ends' places in
    ``order``; one pass over the links, and plain tuples of ints sort fast (the first three
    fields are unique, so weight and strength never decide).
    """
    edge_first: dict[tuple[Any, Any], int] = {}
    for k, step in enumerate(steps):
        for a, b in step.new_links:
            edge_first[(a, b)] = k
    keyed = []
    for u, v, link in graph.edges(data=True):
        i, j = sorted((index[u], index[v]))
        keyed.append((edge_first.get((order[i], order[j]), 0), i, j, link["weight"],
                      link["strength"]))
    keyed.sort()
    return keyed


def payload(graph: nx.Graph, computed: Mapping[str, Any], steps: Sequence[Step],
            parts: Sequence[set[Any]], as_of: str | None = None,
            edge_budget: int = EDGE_BUDGET, *, view: Indexed | None = None) -> dict[str, Any]:
    """The /api/v1/network document for the page.

    ``computed`` is :func:`tracker.analytics.network.metrics` output for ``graph``; ``steps``
    is the growth timeline (:func:`tracker.analytics.growth.timeline`) up to the same date;
    ``parts`` the communities used for the layout; ``view`` the graph already copied into
    igraph, when the caller has it.

    Examples
    --------
    >>> from tracker.analytics.growth import links, timeline
    >>> from tracker.analytics.network import build_graph, metrics, communities
    >>> steps = timeline([{"id": "e1", "start": "2024-01-01", "actors": ["a", "b"]},
    ...                   {"id": "e2", "start": "2024-02-01", "teams": [["a", "b", "c"]]}])
    >>> g = build_graph([{"id": v, "name": v.upper()} for v in "abc"], links(steps))
    >>> p = payload(g, metrics(g), steps, communities(g))
    >>> p["timeline"]["new"], p["timeline"]["strengthened"], p["edges"]["weight"]
    ([1, 2], [[], [0]], [2, 1, 1])
    >>> p["edges"]["strength"], p["timeline"]["gain"], p["cards"]["links"]
    ([1.5, 0.5, 0.5], [[], [0.5]], [1, 3])
    """
    order = sorted(graph.nodes, key=str)
    index = {v: i for i, v in enumerate(order)}
    rows = {r["id"]: r for r in computed["actors"]}
    since = first_seen(steps)
    keyed = _links_in_order(graph, steps, order, index)
    pairs = [(order[a], order[b]) for _, a, b, _, _ in keyed]
    edge_index = {p: i for i, p in enumerate(pairs)}
    step_modularity, own_communities = modularity_by_step(graph, steps, parts)
    # One list per field (keys are not repeated 3,000 times): entry k is collaboration k.
    timeline: dict[str, list[Any]] = {key: [] for key in TIMELINE_FIELDS}
    for step in steps:
        stronger = sorted((edge_index[(s["pair"][0], s["pair"][1])], s["pair"])
                          for s in step.strengthened_links
                          if (s["pair"][0], s["pair"][1]) in edge_index)
        for key, value in (("id", step.event), ("name", step.name), ("date", step.date),
                           ("actors", len(step.contributors)), ("new", len(step.new_links)),
                           ("strengthened", [e for e, _ in stronger]),
                           ("gain", [_short(step.gains[(p[0], p[1])]) for _, p in stronger])):
            timeline[key].append(value)
    # The headline figures after each step, one list per figure (the cards follow the slider).
    cards: dict[str, list[Any]] = {key: [getattr(step.after, key) for step in steps]
                                   for key in CARD_FIELDS[:-1]}
    cards["modularity"] = step_modularity
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
    weights = [weight for _, _, _, weight, _ in keyed]
    threshold = 1
    if len(weights) > edge_budget:
        ranked = sorted(weights, reverse=True)
        threshold = max(1, ranked[edge_budget - 1])
        if sum(1 for w in weights if w >= threshold) > edge_budget:
            threshold += 1
    points = articulation_points(graph, view=view)
    # Cut-off sizes cost a component copy each: only for a readable handful of points.
    cut = split_sizes(graph, points) if len(points) <= 50 else {}
    central = sorted(order, key=lambda v: (-rows[v]["betweenness"], -rows[v]["pagerank"],
                                           str(v)))[:central_count(len(order))]

    def name(v: Any) -> str:
        return str(graph.nodes[v].get("name") or v)

    return {
        "as_of": as_of,
        "network": computed["network"],
        "codes": codes,
        "nodes": nodes,
        "edges": {"source": [index[a] for a, _ in pairs], "target": [index[b] for _, b in pairs],
                  "weight": weights,
                  "strength": [_short(strength) for _, _, _, _, strength in keyed]},
        "timeline": timeline,
        "cards": cards,
        "default_min_weight": threshold,
        "cards_own_communities": own_communities,
        "central": sorted(index[v] for v in central),
        "articulation": sorted(({"node": index[p], "cut_off": cut.get(p)} for p in points),
                               key=lambda r: (-(r["cut_off"] or 0), r["node"])),
        "suggestions": [{"a": index[s["a"]], "b": index[s["b"]], "score": s["score"],
                         "shared": s["shared"], "via": [index[v] for v in s["via"]],
                         "reason": reason([name(v) for v in s["via"]], s["shared"])}
                        for s in suggestions(graph, limit=15)],
        "broker_explanation": BROKER_EXPLANATION,
    }
