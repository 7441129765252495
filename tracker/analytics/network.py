"""Collaboration-network analytics: pure functions from plain rows to plain numbers.

Nothing here talks to the database or to Flask. A repository returns node rows and link rows
(see ``cypher/network/*.cypher``); :func:`build_graph` turns them into a networkx graph, and the
other functions compute per-actor and whole-network figures from it.

Definitions (``docs`` of the product): a *link* joins two distinct actors that worked together
(were in one team of an event node) in some collaboration; its *weight* is the number of
collaborations in which they did, and its *strength* Newman's collaboration weighting (see
:mod:`tracker.analytics.growth`, which replays the timeline and produces the link rows).
Strengths are not distances, so path-based measures (betweenness, articulation points,
effective size) use the unweighted graph while PageRank, Louvain, modularity, the layout and the
suggestions use strength.

Determinism: everything that involves randomness uses :data:`SEED`, so numbers do not move
between two page views of the same data.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

from tracker.analytics import engine as fast
from tracker.analytics.growth import density

#: Seed for Louvain, sampled betweenness and layouts (numbers must not jump between views).
SEED = 42
#: Betweenness is exact up to this many actors; above it, it is estimated from
#: :data:`BETWEENNESS_SAMPLES` source actors chosen with :data:`SEED`.
BETWEENNESS_EXACT_LIMIT = 300
BETWEENNESS_SAMPLES = 64
#: In link suggestions, a shared partner with more partners than this is skipped: it says little
#: about fit and would cost the square of its degree.
SUGGESTION_HUB_LIMIT = 400
#: The whole-network suggestion list names one actor in at most this many pairs.
SUGGESTIONS_PER_ACTOR = 2

BROKER_EXPLANATION = (
    "Broker score (Burt's effective size): how many of an actor's partners are not partners of "
    "each other; it is high for actors that connect groups which otherwise do not meet."
)

ACTOR_FIELDS = ("id", "name", "type", "degree", "weighted_degree", "strength", "betweenness",
                "pagerank", "community", "broker")
NETWORK_FIELDS = ("actors", "links", "density", "components", "largest_component_share",
                  "modularity")
#: Which engine runs the heavy algorithms: "igraph" (the app's, see :mod:`engine`) or
#: "networkx" (the reference the tests and benchmarks compare it with).
ENGINES = ("igraph", "networkx")


def _view(graph: nx.Graph, view: fast.Indexed | None) -> fast.Indexed:
    return view if view is not None else fast.Indexed(graph)


def _check(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")


def build_graph(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> nx.Graph:
    """Build the undirected collaboration graph from node rows and link rows.

    Node rows carry ``id`` plus any attributes (name, type, nation, ...); link rows carry
    ``a``, ``b``, ``weight``, ``strength`` and optionally ``first`` and ``last`` (the rows of
    :func:`tracker.analytics.growth.links`). An endpoint without a node row still becomes a
    node (with no attributes), so no link is ever dropped.

    Examples
    --------
    >>> g = build_graph([{"id": "a", "name": "A"}],
    ...                 [{"a": "a", "b": "b", "weight": 2, "strength": 1.5}])
    >>> sorted(g.nodes), g["a"]["b"]["weight"], g["a"]["b"]["strength"]
    (['a', 'b'], 2, 1.5)
    """
    graph = nx.Graph()
    for node in nodes:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in edges:
        attrs = {k: edge[k] for k in ("first", "last") if edge.get(k) is not None}
        graph.add_edge(edge["a"], edge["b"], weight=int(edge["weight"]),
                       strength=float(edge["strength"]), **attrs)
    return graph


def betweenness(graph: nx.Graph, *, engine: str = "igraph",
                view: fast.Indexed | None = None) -> dict[str, float]:
    """Normalised betweenness on the unweighted graph; sampled (fixed seed) above the limit.

    Exact up to :data:`BETWEENNESS_EXACT_LIMIT` actors; above it, estimated from
    :data:`BETWEENNESS_SAMPLES` sources picked with :data:`SEED`.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    _check(engine)
    n = graph.number_of_nodes()
    if engine == "networkx":
        exact = n <= BETWEENNESS_EXACT_LIMIT
        values: dict[str, float] = nx.betweenness_centrality(
            graph, k=None if exact else min(BETWEENNESS_SAMPLES, n), normalized=True,
            seed=None if exact else SEED)
        return values
    view = _view(graph, view)
    if n <= BETWEENNESS_EXACT_LIMIT or n <= BETWEENNESS_SAMPLES:
        return fast.betweenness(view)
    return fast.betweenness(view, fast.sample_sources(view, BETWEENNESS_SAMPLES, SEED))


def effective_size(graph: nx.Graph, *, engine: str = "igraph",
                   view: fast.Indexed | None = None) -> dict[str, float]:
    """Burt's effective size on the unweighted graph: ``n - 2t/n`` (0 for an isolated actor).

    ``n`` is the actor's number of partners and ``t`` the links among those partners
    (Borgatti's form, equal to :func:`networkx.effective_size` without weights, computed from
    triangle counts so that it stays fast on large graphs).

    Examples
    --------
    >>> effective_size(nx.star_graph(3))
    {0: 3.0, 1: 1.0, 2: 1.0, 3: 1.0}
    """
    _check(engine)
    triangles = nx.triangles(graph) if engine == "networkx" else fast.triangles(_view(graph, view))
    sizes = {}
    for node, degree in graph.degree():
        sizes[node] = float(degree - 2 * triangles[node] / degree) if degree else 0.0
    return sizes


def communities(graph: nx.Graph, *, engine: str = "igraph",
                view: fast.Indexed | None = None) -> list[set[str]]:
    """Louvain communities on tie strength (fixed seed), largest first.

    Ties in size are broken by the smallest member id, so community numbers are stable. The
    igraph engine's multilevel method and networkx's Louvain are both seeded but visit nodes in
    different orders, so they may return different (equally valid) partitions.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"),
    ...               ("c", "x")])
    >>> [sorted(c) for c in communities(g)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    _check(engine)
    if graph.number_of_nodes() == 0:
        return []
    if graph.number_of_edges() == 0:
        found = [{node} for node in graph]
    elif engine == "networkx":
        found = nx.community.louvain_communities(graph, weight="strength", seed=SEED)
    else:
        found = fast.louvain(_view(graph, view), SEED)
    return sorted(found, key=lambda c: (-len(c), min(map(str, c))))


def modularity(graph: nx.Graph, parts: Sequence[set[str]], *, engine: str = "igraph",
               view: fast.Indexed | None = None) -> float:
    """Modularity of a partition on tie strength, rounded to 4 places (0 without links).

    Examples
    --------
    >>> modularity(nx.Graph([(1, 2)]), [{1, 2}])
    0.0
    """
    _check(engine)
    if graph.number_of_edges() == 0 or not parts:
        return 0.0
    if engine == "networkx":
        return round(float(nx.community.modularity(graph, parts, weight="strength")), 4)
    return round(fast.modularity(_view(graph, view), parts), 4)


def pagerank(graph: nx.Graph, *, engine: str = "igraph",
             view: fast.Indexed | None = None) -> dict[str, float]:
    """PageRank on tie strength (damping 0.85); every actor gets 1/n on a graph without links.

    networkx iterates to a tolerance of 1e-6; igraph (PRPACK) solves exactly, so the engines
    agree to about 1e-6.

    Examples
    --------
    >>> pr = pagerank(nx.star_graph(3))
    >>> max(pr, key=pr.get)
    0
    """
    _check(engine)
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 1.0 / n)
    if engine == "networkx":
        ranks: dict[str, float] = nx.pagerank(graph, weight="strength")
        return ranks
    return fast.pagerank(_view(graph, view))


def summary(graph: nx.Graph, parts: Sequence[set[str]] | None = None, *,
            engine: str = "igraph", view: fast.Indexed | None = None) -> dict[str, Any]:
    """Whole-network figures: actors, links, density, components, largest share, modularity.

    Examples
    --------
    >>> s = summary(nx.Graph([("a", "b"), ("c", "d")]))
    >>> s["components"], s["largest_component_share"], s["density"]
    (2, 0.5, 0.3333)
    """
    _check(engine)
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    if engine == "igraph" and n:
        view = _view(graph, view)
    if parts is None:
        parts = communities(graph, engine=engine, view=view)
    if not n:
        sizes: list[int] = []
    elif engine == "networkx":
        sizes = [len(c) for c in nx.connected_components(graph)]
    else:
        sizes = fast.component_sizes(_view(graph, view))
    largest = max(sizes, default=0)
    return {
        "actors": n,
        "links": m,
        "density": density(n, m),
        "components": len(sizes),
        "largest_component_share": round(largest / n, 4) if n else 0.0,
        "modularity": modularity(graph, parts, engine=engine, view=view),
    }


def metrics(graph: nx.Graph, parts: Sequence[set[str]] | None = None, *,
            engine: str = "igraph", view: fast.Indexed | None = None) -> dict[str, Any]:
    """The ``tracker metrics --json`` document: whole-network figures and one row per actor.

    Actors are sorted by id. Floats are rounded to 6 places. ``parts`` are the communities when
    the caller already has them (:func:`communities` of the same graph). ``engine`` picks who
    runs the heavy algorithms (igraph, or networkx as the reference); ``view`` is the graph
    already copied into igraph, when the caller has it.

    Examples
    --------
    >>> g = build_graph([{"id": "hub", "name": "Hub", "type": "organisation"}],
    ...                 [{"a": "hub", "b": "x", "weight": 1, "strength": 1.0},
    ...                  {"a": "hub", "b": "y", "weight": 1, "strength": 0.5}])
    >>> out = metrics(g)
    >>> out["network"]["links"], [(a["id"], a["strength"]) for a in out["actors"] if a["broker"] == 2.0]
    (2, [('hub', 1.5)])
    """
    _check(engine)
    if engine == "igraph":
        view = _view(graph, view)
    if parts is None:
        parts = communities(graph, engine=engine, view=view)
    member_of = {node: index for index, part in enumerate(parts) for node in part}
    between = betweenness(graph, engine=engine, view=view)
    rank = pagerank(graph, engine=engine, view=view)
    broker = effective_size(graph, engine=engine, view=view)
    # Sums in networkx's own order (as graph.degree(weight=...) adds them), without its views.
    adjacency = graph.adj
    weighted = {v: sum(d.get("weight", 1) for d in nbrs.values()) for v, nbrs in adjacency.items()}
    strength = {v: sum(d.get("strength", 1) for d in nbrs.values())
                for v, nbrs in adjacency.items()}
    actors = []
    for node in sorted(graph.nodes, key=str):
        data = graph.nodes[node]
        actors.append({
            "id": node,
            "name": data.get("name"),
            "type": data.get("type"),
            "degree": len(adjacency[node]),
            "weighted_degree": int(weighted[node]),
            "strength": round(strength[node], 4),
            "betweenness": round(between[node], 6),
            "pagerank": round(rank[node], 6),
            "community": member_of[node],
            "broker": round(broker[node], 6),
        })
    return {"network": summary(graph, parts, engine=engine, view=view), "actors": actors}


def articulation_points(graph: nx.Graph, *, engine: str = "igraph",
                        view: fast.Indexed | None = None) -> list[str]:
    """Actors whose removal would split their part of the network, sorted by id.

    Examples
    --------
    >>> articulation_points(nx.path_graph(["a", "b", "c"]))
    ['b']
    """
    _check(engine)
    if engine == "networkx":
        return sorted(nx.articulation_points(graph), key=str)
    return sorted(fast.articulation_points(_view(graph, view)), key=str)


def split_sizes(graph: nx.Graph, points: Iterable[str]) -> dict[str, int]:
    """For each articulation point, how many actors would be cut off from the largest remainder.

    Examples
    --------
    >>> split_sizes(nx.path_graph(["a", "b", "c", "d"]), ["b"])
    {'b': 1}
    """
    out = {}
    for point in points:
        component = nx.node_connected_component(graph, point) - {point}
        rest = graph.subgraph(component).copy()
        sizes = sorted((len(c) for c in nx.connected_components(rest)), reverse=True)
        out[point] = sum(sizes[1:])
    return out


def suggestions(graph: nx.Graph, limit: int = 20, actor: str | None = None,
                per_actor: int | None = SUGGESTIONS_PER_ACTOR) -> list[dict[str, Any]]:
    """Pairs not yet linked that share partners, best first ("might work well together").

    The score of a pair (a, b) is the sum over their shared partners w of
    ``sqrt(strength(a, w) · strength(b, w))``: shared partners count by how strongly both are
    tied to them (Newman strength, so two of forty promoters count for little). Partners with
    more than :data:`SUGGESTION_HUB_LIMIT` partners are skipped. ``via`` names the (at most
    three) shared partners that contribute most, ``shared`` how many there are.

    Order: score, then more shared partners, then the pair's ids, so equal scores always come
    out the same way. The whole-network list (no ``actor``) names one actor in at most
    ``per_actor`` pairs (None: no cap), so one well-connected actor cannot fill it. With
    ``actor``, only pairs that include it. The whole-network ranking is one sparse matrix
    product, so it stays fast at 50,000 links.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge("a", "hub", strength=1.0); g.add_edge("b", "hub", strength=1.0)
    >>> g.add_edge("a", "c", strength=0.25); g.add_edge("b", "c", strength=0.25)
    >>> [(s["a"], s["b"], s["score"], s["via"]) for s in suggestions(g)]
    [('a', 'b', 1.25, ['hub', 'c']), ('c', 'hub', 1.0, ['a', 'b'])]
    """
    if graph.number_of_edges() == 0 or limit <= 0:
        return []
    if actor is not None:
        return _suggestions_for(graph, actor, limit)
    order = sorted(graph.nodes, key=str)
    root, binary, useful = _matrices(graph, order)
    scores = (root @ useful @ root).tocoo()
    upper = (scores.row < scores.col) & (scores.data > 0)  # each pair once; no shared partner
    rows, cols = scores.row[upper], scores.col[upper]
    # Round away floating-point noise so that equal scores tie and the counts, then ids, decide.
    values = np.round(scores.data[upper], 9)
    # Only the best-scoring pairs can make the list: rank those (all pairs tied with the last
    # one included, so the order is exactly that of ranking every pair), and widen the cut only
    # if the per-actor cap or already linked pairs used them up.
    wanted = 50 * limit
    while True:
        cut = _best(values, wanted)
        pairs = _ranked(graph, order, binary, useful, rows[cut], cols[cut], values[cut], limit,
                        per_actor)
        if len(pairs) == limit or cut.size == values.size:
            return pairs
        wanted *= 4


def _matrices(graph: nx.Graph, order: Sequence[Any]) -> tuple[Any, Any, Any]:
    """sqrt(strength) and 0/1 adjacency in ``order``, and the diagonal of usable partners."""
    index = {v: i for i, v in enumerate(order)}
    ends = np.array([(index[u], index[v]) for u, v in graph.edges()], dtype=np.int64)
    strength = np.array([s for _, _, s in graph.edges(data="strength", default=1.0)], dtype=float)
    rows = np.concatenate([ends[:, 0], ends[:, 1]])
    cols = np.concatenate([ends[:, 1], ends[:, 0]])
    shape = (len(order), len(order))
    root = sparse.csr_array((np.sqrt(np.concatenate([strength, strength])), (rows, cols)),
                            shape=shape)
    binary = sparse.csr_array((np.ones(rows.size), (rows, cols)), shape=shape)
    degree = np.asarray(binary.sum(axis=1)).ravel()
    useful = sparse.diags(((degree > 1) & (degree <= SUGGESTION_HUB_LIMIT)).astype(float))
    return root, binary, useful


def _best(values: Any, wanted: int) -> Any:
    """Positions of the ``wanted`` largest values, and of every value tied with the last."""
    if values.size <= wanted:
        return np.arange(values.size)
    floor = np.partition(values, values.size - wanted)[values.size - wanted]
    return np.flatnonzero(values >= floor)


def _ranked(graph: nx.Graph, order: Sequence[Any], binary: Any, useful: Any, rows: Any,
            cols: Any, values: Any, limit: int,
            per_actor: int | None) -> list[dict[str, Any]]:
    """The candidate pairs not yet linked, best first, at most ``per_actor`` per actor."""
    # Pairs as one integer each (row * n + col): plain arrays whatever their length (indexing
    # a sparse matrix with empty index arrays gives a sparse matrix, not an array).
    n = binary.shape[0]
    edges = binary.tocoo()
    linked = np.isin(rows.astype(np.int64) * n + cols,
                     edges.row.astype(np.int64) * n + edges.col)
    rows, cols, values = rows[~linked], cols[~linked], values[~linked]
    if rows.size == 0:
        return []
    shared = np.asarray((binary @ useful)[rows].multiply(binary[cols]).sum(axis=1)).ravel()
    out: list[dict[str, Any]] = []
    named: Counter[int] = Counter()
    for i in np.lexsort((cols, rows, -shared, -values)):
        r, c = int(rows[i]), int(cols[i])
        if per_actor is not None and (named[r] >= per_actor or named[c] >= per_actor):
            continue
        named[r] += 1
        named[c] += 1
        a, b = order[r], order[c]
        out.append({"a": a, "b": b, "score": round(float(values[i]), 4),
                    "shared": int(shared[i]), "via": _via(graph, a, b)})
        if len(out) == limit:
            break
    return out


def _tie(graph: nx.Graph, a: Any, w: Any, b: Any) -> float:
    return math.sqrt(graph[a][w].get("strength", 1.0) * graph[b][w].get("strength", 1.0))


def _via(graph: nx.Graph, a: Any, b: Any, keep: int = 3) -> list[Any]:
    """The shared partners of a and b that contribute most to their score (ties by id)."""
    shared = [w for w in set(graph[a]) & set(graph[b])
              if 1 < graph.degree(w) <= SUGGESTION_HUB_LIMIT]
    return sorted(shared, key=lambda w: (-round(_tie(graph, a, w, b), 9), str(w)))[:keep]


def _suggestions_for(graph: nx.Graph, actor: str, limit: int) -> list[dict[str, Any]]:
    """Suggestions that include one actor (a walk over its partners' partners)."""
    if actor not in graph:
        return []
    scores: dict[tuple[str, str], float] = defaultdict(float)
    shared: Counter[tuple[str, str]] = Counter()
    for w in graph[actor]:
        if 1 < graph.degree(w) <= SUGGESTION_HUB_LIMIT:
            for v in graph[w]:
                if v != actor and not graph.has_edge(actor, v):
                    pair = (actor, v) if str(actor) < str(v) else (v, actor)
                    scores[pair] += _tie(graph, actor, w, v)
                    shared[pair] += 1
    ranked = sorted(scores.items(), key=lambda item: (-round(item[1], 9), -shared[item[0]],
                                                      str(item[0][0]), str(item[0][1])))
    return [{"a": a, "b": b, "score": round(score, 4), "shared": shared[(a, b)],
             "via": _via(graph, a, b)} for (a, b), score in ranked[:limit]]


def reason(via_names: Sequence[str], shared: int) -> str:
    """Why a pair is suggested, in plain English.

    Examples
    --------
    >>> reason(["the RAP Network", "NHS-R Community"], 2)
    'Both worked with the RAP Network and NHS-R Community; never together.'
    >>> reason(["A", "B", "C"], 5)
    'Both worked with A, B, C and 2 others; never together.'
    """
    names = list(via_names)
    if shared > len(names):
        rest = shared - len(names)
        text = ", ".join(names) + f" and {rest} other{'' if rest == 1 else 's'}"
    elif len(names) > 1:
        text = ", ".join(names[:-1]) + " and " + names[-1]
    else:
        text = "".join(names)
    return f"Both worked with {text}; never together."


def ego(graph: nx.Graph, actor: str) -> dict[str, Any]:
    """The actor, its partners and the links among them (partners by strength, then id).

    Examples
    --------
    >>> e = ego(nx.Graph([("a", "b", {"weight": 2, "strength": 2.0}),
    ...                   ("b", "c", {"weight": 1, "strength": 0.5})]), "b")
    >>> [p["id"] for p in e["partners"]], len(e["links"])
    (['a', 'c'], 2)
    """
    if actor not in graph:
        return {"partners": [], "links": []}
    partners = sorted(graph[actor], key=lambda v: (-graph[actor][v].get("strength", 1.0),
                                                   str(v)))
    members = set(partners) | {actor}
    sub = graph.subgraph(members)
    links = sorted(({"a": min(u, v, key=str), "b": max(u, v, key=str),
                     "weight": data.get("weight", 1), "strength": data.get("strength", 1.0)}
                    for u, v, data in sub.edges(data=True)),
                   key=lambda link: (str(link["a"]), str(link["b"])))
    return {
        "partners": [{"id": v, "name": graph.nodes[v].get("name"),
                      "type": graph.nodes[v].get("type"),
                      "weight": graph[actor][v].get("weight", 1),
                      "strength": graph[actor][v].get("strength", 1.0)} for v in partners],
        "links": links,
    }


def engagement_graph(rows: Iterable[Mapping[str, Any]]) -> nx.Graph:
    """Bipartite graph organisations–collaborations; edge attribute ``attendees``.

    Nodes get ``kind`` ``organisation`` or ``collaboration``; ids are prefixed ``o:``/``c:`` so
    an organisation and an event that share an id stay apart.

    Examples
    --------
    >>> g = engagement_graph([{"organisation": "o1", "collaboration": "e1", "attendees": 3}])
    >>> g["o:o1"]["c:e1"]["attendees"]
    3
    """
    graph = nx.Graph()
    for r in rows:
        org, collab = f"o:{r['organisation']}", f"c:{r['collaboration']}"
        graph.add_node(org, kind="organisation", id=r["organisation"], name=r.get("name"))
        graph.add_node(collab, kind="collaboration", id=r["collaboration"], name=r.get("title"),
                       date=r.get("date"))
        graph.add_edge(org, collab, attendees=int(r.get("attendees") or 0))
    return graph


def engagement_summary(graph: nx.Graph, limit: int = 20) -> dict[str, Any]:
    """Reach figures from the engagement graph: totals and the most engaged organisations.

    Examples
    --------
    >>> g = engagement_graph([{"organisation": "o1", "collaboration": "e1", "attendees": 3},
    ...                       {"organisation": "o1", "collaboration": "e2", "attendees": 2}])
    >>> s = engagement_summary(g)
    >>> s["organisations"], s["attendees"], s["top"][0]["collaborations"]
    (1, 5, 2)
    """
    orgs = [n for n, d in graph.nodes(data=True) if d["kind"] == "organisation"]
    top = sorted(({"id": graph.nodes[o]["id"], "name": graph.nodes[o].get("name"),
                   "collaborations": graph.degree(o),
                   "attendees": int(graph.degree(o, weight="attendees"))} for o in orgs),
                 key=lambda r: (-r["collaborations"], -r["attendees"], str(r["id"])))
    return {
        "organisations": len(orgs),
        "collaborations": graph.number_of_nodes() - len(orgs),
        "attendees": int(graph.size(weight="attendees")),
        "top": top[:limit],
    }
