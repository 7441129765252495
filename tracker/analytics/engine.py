"""The heavy network algorithms on python-igraph: networkx in, networkx's answers out.

networkx stays the reference and the API the code speaks (:mod:`tracker.analytics.network`
takes and returns networkx graphs and plain data). This module copies a networkx graph once into
an igraph graph (:class:`Indexed`) and runs the expensive algorithms there, in C, returning
dictionaries keyed by the networkx node ids, so a caller cannot tell which engine ran except by
the time it took (45x faster sampled betweenness, 10-20x on the rest, measured in
``docs/scaling.md``).

Equal to networkx (the tests compare both on named graphs and random ones):

- betweenness, exact and sampled: the same sources (networkx's own ``random.Random(seed)``
  draw over the graph's node order) and networkx's scaling, so the numbers agree to rounding;
- articulation points, connected components, effective size (from exact triangle counts);
- PageRank: igraph's PRPACK solves the system exactly where networkx iterates to a tolerance of
  1e-6, so values agree to about 1e-6 (rankings agree except for near-ties).

Different by design (documented in ``docs/network.md``): Louvain. igraph's multilevel method and
networkx's ``louvain_communities`` visit nodes in different random orders, so with the same seed
they can return different (equally valid) partitions; both are seeded, so a given graph always
gets the same communities, and their modularities are within a few thousandths on the bench
graphs.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from typing import Any

import igraph
import networkx as nx

#: python-igraph draws from a Python ``random``-like object; swapping it is process-wide, so
#: seeded calls hold this lock.
_RNG_LOCK = threading.Lock()

#: A networkx node id (the app uses strings; the tests also use integers).
Node = Any


class Indexed:
    """A networkx graph copied into igraph once: node ``i`` of igraph is ``nodes[i]``.

    The node order is the networkx graph's own (insertion) order, which is also the order
    networkx samples betweenness sources from.
    """

    def __init__(self, graph: nx.Graph) -> None:
        self.nodes: list[Node] = list(graph)
        index = {node: i for i, node in enumerate(self.nodes)}
        edges, weights = [], []
        # Weighted algorithms use tie strength (Newman's weighting, docs/growth.md).
        for u, v, w in graph.edges(data="strength", default=1):
            edges.append((index[u], index[v]))
            weights.append(float(w))
        self.index = index
        self.graph = igraph.Graph(n=len(self.nodes), edges=edges, directed=False)
        self.weights = weights

    def by_node(self, values: Sequence[Any]) -> dict[Node, Any]:
        """igraph's per-vertex list as a dict keyed by the networkx ids."""
        return dict(zip(self.nodes, values, strict=True))


def betweenness(view: Indexed, sources: Sequence[Node] | None = None) -> dict[Node, float]:
    """Normalised betweenness on the unweighted graph, scaled exactly as networkx scales it.

    Without ``sources`` it is exact (``nx.betweenness_centrality(g, normalized=True)``); with
    them, the estimate networkx makes from those sources (``k=len(sources)``): source actors are
    scaled by ``1/((k-1)(n-2))``, the others by ``1/(k(n-2))``.

    >>> betweenness(Indexed(nx.path_graph(["a", "b", "c"])))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    n = len(view.nodes)
    if n < 3:
        return dict.fromkeys(view.nodes, 0.0)
    g = view.graph
    if sources is None:
        # igraph counts each unordered pair once; networkx's normalisation is over ordered pairs.
        raw = g.betweenness(directed=False)
        scale = 2.0 / ((n - 1) * (n - 2))
        return {node: value * scale for node, value in zip(view.nodes, raw, strict=True)}
    chosen = [view.index[s] for s in sources]
    k = len(chosen)
    raw = g.betweenness(directed=False, sources=chosen, targets=None)
    source_scale = 2.0 / ((k - 1) * (n - 2)) if k > 1 else float("nan")
    other_scale = 2.0 / (k * (n - 2))
    picked = set(chosen)
    return {node: raw[i] * (source_scale if i in picked else other_scale)
            for i, node in enumerate(view.nodes)}


def sample_sources(view: Indexed, k: int, seed: int) -> list[Node]:
    """The ``k`` sources networkx would draw with ``seed`` (``random.Random(seed).sample``)."""
    return random.Random(seed).sample(view.nodes, k)


def triangles(view: Indexed) -> dict[Node, int]:
    """Triangles through each node (``nx.triangles``), exact integers.

    >>> triangles(Indexed(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])))
    {'a': 1, 'b': 1, 'c': 1, 'd': 0}
    """
    g = view.graph
    local = g.transitivity_local_undirected(mode="zero")
    degrees = g.degree()
    return {node: round(c * d * (d - 1) / 2)
            for node, c, d in zip(view.nodes, local, degrees, strict=True)}


def pagerank(view: Indexed, damping: float = 0.85) -> dict[Node, float]:
    """PageRank on tie strength (PRPACK: the exact stationary vector networkx iterates towards)."""
    values = view.graph.pagerank(weights=view.weights or None, damping=damping, directed=False)
    return view.by_node(values)


def louvain(view: Indexed, seed: int) -> list[set[Node]]:
    """Seeded multilevel (Louvain) communities on tie strength, as sets of node ids."""
    with _RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            clustering = view.graph.community_multilevel(weights=view.weights or None)
        finally:
            igraph.set_random_number_generator(random)
    parts: dict[int, set[Node]] = {}
    for node, member in zip(view.nodes, clustering.membership, strict=True):
        parts.setdefault(member, set()).add(node)
    return list(parts.values())


def modularity(view: Indexed, parts: Sequence[set[Node]]) -> float:
    """Modularity on tie strength (resolution 1) of a partition given as sets of node ids."""
    membership = [0] * len(view.nodes)
    for number, part in enumerate(parts):
        for node in part:
            membership[view.index[node]] = number
    return float(view.graph.modularity(membership, weights=view.weights or None, directed=False))


def articulation_points(view: Indexed) -> list[Node]:
    """Cut vertices (``nx.articulation_points``), in no particular order.

    >>> articulation_points(Indexed(nx.path_graph(["a", "b", "c"])))
    ['b']
    """
    return [view.nodes[i] for i in view.graph.articulation_points()]


def component_sizes(view: Indexed) -> list[int]:
    """Sizes of the connected components.

    >>> sorted(component_sizes(Indexed(nx.Graph([("a", "b"), ("c", "d"), ("d", "e")]))))
    [2, 3]
    """
    return list(view.graph.connected_components().sizes())
