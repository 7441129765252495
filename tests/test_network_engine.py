"""The igraph engine against the networkx reference: equal answers where the algorithm is the
same (betweenness exact and sampled, articulation points, effective size, components), PageRank
to 1e-6, and seeded, documented differences for Louvain."""

import random

import networkx as nx
import pytest

from tracker.analytics import engine as fast
from tracker.analytics import network as na


def _weighted_random(n: int, p: float, seed: int) -> nx.Graph:
    g = nx.gnp_random_graph(n, p, seed=seed)
    rng = random.Random(seed)
    for u, v in g.edges:
        g[u][v]["weight"] = rng.randint(1, 5)
        g[u][v]["strength"] = rng.randint(1, 12) / 4  # weighted analytics use strength
    # String ids in a shuffled insertion order, as the app builds them from rows.
    order = list(g)
    rng.shuffle(order)
    h = nx.Graph()
    h.add_nodes_from(f"a{v}" for v in order)
    h.add_edges_from((f"a{u}", f"a{v}", d) for u, v, d in g.edges(data=True))
    h.add_node("alone")
    return h


GRAPHS = {
    "path": nx.path_graph(["a", "b", "c", "d", "e"]),
    "star": nx.star_graph(6),
    "karate": nx.karate_club_graph(),
    "barbell": nx.barbell_graph(5, 3),
    "les_miserables": nx.les_miserables_graph(),
    "two_parts_and_isolates": nx.union(nx.cycle_graph(["x", "y", "z"]),
                                       nx.path_graph(["p", "q", "r", "s"])),
    "random_weighted": _weighted_random(120, 0.06, seed=7),
}


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_exact_betweenness_equals_networkx(name):
    g = GRAPHS[name]
    mine, ref = na.betweenness(g), na.betweenness(g, engine="networkx")
    assert mine.keys() == ref.keys()
    assert all(mine[v] == pytest.approx(ref[v], abs=1e-12) for v in g)


@pytest.mark.parametrize("name", ["karate", "les_miserables", "random_weighted"])
def test_sampled_betweenness_equals_networkx_with_the_same_seed(monkeypatch, name):
    g = GRAPHS[name]
    monkeypatch.setattr(na, "BETWEENNESS_EXACT_LIMIT", 10)
    monkeypatch.setattr(na, "BETWEENNESS_SAMPLES", 9)
    mine, ref = na.betweenness(g), na.betweenness(g, engine="networkx")
    assert all(mine[v] == pytest.approx(ref[v], abs=1e-12) for v in g)
    exact = nx.betweenness_centrality(g, normalized=True)
    assert any(abs(exact[v] - mine[v]) > 1e-9 for v in g)  # it really is the estimate


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_articulation_points_effective_size_and_components_equal_networkx(name):
    g = GRAPHS[name]
    assert na.articulation_points(g) == na.articulation_points(g, engine="networkx")
    assert na.effective_size(g) == na.effective_size(g, engine="networkx")
    assert fast.triangles(fast.Indexed(g)) == nx.triangles(g)
    mine, ref = na.summary(g), na.summary(g, engine="networkx")
    assert {k: v for k, v in mine.items() if k != "modularity"} == \
        {k: v for k, v in ref.items() if k != "modularity"}


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_pagerank_is_networkx_converged_and_within_its_default_tolerance(name):
    """igraph solves exactly: equal to networkx iterated to 1e-12, and within what networkx's
    default tolerance (1e-6 over the sum) leaves."""
    g = GRAPHS[name]
    mine, ref = na.pagerank(g), na.pagerank(g, engine="networkx")
    converged = nx.pagerank(g, weight="strength", tol=1e-12, max_iter=10_000) if g.number_of_edges() else ref
    assert mine.keys() == ref.keys()
    assert all(mine[v] == pytest.approx(converged[v], abs=1e-9) for v in g)
    assert all(mine[v] == pytest.approx(ref[v], abs=5e-5) for v in g)
    assert sum(mine.values()) == pytest.approx(1.0)


def test_modularity_of_one_partition_is_the_same_number():
    g = GRAPHS["les_miserables"]
    parts = na.communities(g, engine="networkx")
    assert na.modularity(g, parts) == na.modularity(g, parts, engine="networkx")


@pytest.mark.parametrize("name", ["karate", "les_miserables", "random_weighted"])
def test_louvain_is_seeded_and_as_good_as_networkx(name):
    """The documented difference: a different valid partition, never a worse one by much."""
    g = GRAPHS[name]
    first, second = na.communities(g), na.communities(g)
    assert first == second  # seeded: the same graph, the same communities
    assert set().union(*first) == set(g)
    assert sum(map(len, first)) == len(g)
    mine = na.modularity(g, first)
    ref = na.modularity(g, na.communities(g, engine="networkx"), engine="networkx")
    assert mine >= ref - 0.02


def test_louvain_finds_the_two_cliques_and_leaves_the_global_random_alone():
    g = nx.barbell_graph(6, 0)
    state = random.getstate()
    parts = na.communities(g)
    assert random.getstate() == state
    assert sorted(map(sorted, parts)) == [list(range(6)), list(range(6, 12))]


def test_metrics_documents_match_apart_from_communities_and_pagerank_rounding():
    g = GRAPHS["random_weighted"]
    parts = na.communities(g, engine="networkx")
    mine = na.metrics(g, parts)
    ref = na.metrics(g, parts, engine="networkx")
    assert mine["network"] == ref["network"]
    for a, b in zip(mine["actors"], ref["actors"], strict=True):
        assert a["pagerank"] == pytest.approx(b["pagerank"], abs=5e-5)
        assert {k: v for k, v in a.items() if k != "pagerank"} == \
            {k: v for k, v in b.items() if k != "pagerank"}


def test_an_unknown_engine_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="igraph, networkx"):
        na.metrics(nx.path_graph(3), engine="gds")
