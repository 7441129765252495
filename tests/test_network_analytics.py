"""Network analytics on tiny hand-built networks with known answers (no database needed)."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from tracker.analytics import growth, network_view
from tracker.analytics import network as na


def graph_of(pairs, weights=None):
    """A collaboration graph from pairs, with names and types like the repository gives."""
    nodes = sorted({v for pair in pairs for v in pair})
    return na.build_graph(
        [{"id": v, "name": v.upper(), "type": "organisation"} for v in nodes],
        [{"a": a, "b": b, "weight": (weights or {}).get((a, b), 1),
          "strength": float((weights or {}).get((a, b), 1))} for a, b in pairs],
    )


STAR = [("hub", leaf) for leaf in ("l1", "l2", "l3", "l4")]
PATH = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]
LEFT = ["a1", "a2", "a3", "a4"]
RIGHT = ["b1", "b2", "b3", "b4"]
CLIQUES = ([(u, v) for i, u in enumerate(LEFT) for v in LEFT[i + 1:]]
           + [(u, v) for i, u in enumerate(RIGHT) for v in RIGHT[i + 1:]]
           + [("a4", "b1")])


def by_id(result):
    return {row["id"]: row for row in result["actors"]}


def test_star_hub_is_central_broker_and_cut_point():
    g = graph_of(STAR)
    result = na.metrics(g)
    actors = by_id(result)
    assert actors["hub"]["degree"] == 4
    assert actors["hub"]["betweenness"] == 1.0
    assert actors["l1"]["betweenness"] == 0.0
    assert actors["hub"]["broker"] == 4.0
    assert actors["l1"]["broker"] == 1.0
    assert max(actors, key=lambda a: actors[a]["pagerank"]) == "hub"
    assert result["network"] == {"actors": 5, "links": 4, "density": 0.4, "components": 1,
                                 "largest_component_share": 1.0,
                                 "modularity": result["network"]["modularity"]}
    assert na.articulation_points(g) == ["hub"]
    assert na.split_sizes(g, ["hub"]) == {"hub": 3}


def test_path_betweenness_and_articulation_points():
    g = graph_of(PATH)
    actors = by_id(na.metrics(g))
    assert [actors[v]["betweenness"] for v in "abcde"] == [0.0, 0.5, 0.666667, 0.5, 0.0]
    assert [actors[v]["broker"] for v in "abcde"] == [1.0, 2.0, 2.0, 2.0, 1.0]
    assert na.articulation_points(g) == ["b", "c", "d"]
    assert na.metrics(g)["network"]["density"] == 0.4


def test_two_cliques_joined_by_a_bridge():
    g = graph_of(CLIQUES)
    result = na.metrics(g)
    actors = by_id(result)
    # The bridge actors are the brokers, the most between, and the articulation points.
    brokers = sorted(actors, key=lambda a: (-actors[a]["broker"], a))[:2]
    assert brokers == ["a4", "b1"]
    assert actors["a4"]["broker"] == 2.5
    assert actors["a1"]["broker"] == 1.0
    assert actors["a4"]["betweenness"] == round(12 / 21, 6)
    assert actors["a1"]["betweenness"] == 0.0
    assert na.articulation_points(g) == ["a4", "b1"]
    # Louvain finds the two cliques; modularity by hand: 2 * (6/13 - (13/26)^2).
    assert {actors[v]["community"] for v in LEFT} != {actors[v]["community"] for v in RIGHT}
    assert len({actors[v]["community"] for v in LEFT}) == 1
    assert result["network"]["modularity"] == round(2 * (6 / 13 - 0.25), 4)
    assert result["network"]["density"] == round(13 / 28, 4)
    assert result["network"]["components"] == 1


def test_effective_size_matches_networkx():
    g = graph_of([*CLIQUES, ("b2", "x"), ("x", "y")])
    expected = nx.effective_size(g)
    assert na.effective_size(g) == pytest.approx(expected)


def test_metrics_shape_is_the_cli_contract():
    result = na.metrics(graph_of(STAR))
    assert set(result) == {"network", "actors"}
    assert tuple(result["network"]) == na.NETWORK_FIELDS
    assert all(tuple(row) == na.ACTOR_FIELDS for row in result["actors"])
    assert [row["id"] for row in result["actors"]] == sorted(row["id"] for row in result["actors"])
    json.dumps(result)  # plain data only


def test_weighted_degree_and_weighted_communities():
    g = graph_of([("a", "b"), ("b", "c")], weights={("a", "b"): 3})
    actors = by_id(na.metrics(g))
    assert actors["b"]["weighted_degree"] == 4
    assert actors["b"]["degree"] == 2


def test_components_and_largest_share_with_isolated_actor():
    g = na.build_graph([{"id": "alone", "name": "Alone"}],
                       [{"a": "a", "b": "b", "weight": 1, "strength": 1.0},
                        {"a": "b", "b": "c", "weight": 1, "strength": 1.0}])
    network = na.metrics(g)["network"]
    assert network["components"] == 2
    assert network["largest_component_share"] == 0.75
    assert by_id(na.metrics(g))["alone"]["broker"] == 0.0


def test_empty_network_gives_zeros_not_errors():
    result = na.metrics(nx.Graph())
    assert result == {"network": {"actors": 0, "links": 0, "density": 0.0, "components": 0,
                                  "largest_component_share": 0.0, "modularity": 0.0},
                      "actors": []}


def test_sampled_betweenness_is_deterministic_above_the_limit(monkeypatch):
    g = nx.relabel_nodes(nx.barabasi_albert_graph(60, 2, seed=1), str)
    monkeypatch.setattr(na, "BETWEENNESS_EXACT_LIMIT", 10)
    monkeypatch.setattr(na, "BETWEENNESS_SAMPLES", 8)
    first, second = na.betweenness(g), na.betweenness(g)
    assert first == second
    assert first != nx.betweenness_centrality(g)  # it really is the sampled estimate


def test_louvain_is_stable_between_calls():
    g = nx.relabel_nodes(nx.les_miserables_graph(), str)
    assert na.communities(g) == na.communities(g)


def test_suggestions_are_unlinked_pairs_sharing_partners():
    g = graph_of(CLIQUES)
    found = na.suggestions(g, limit=50)
    pairs = {(s["a"], s["b"]) for s in found}
    assert ("a1", "b1") in pairs
    assert ("a4", "b2") in pairs
    assert all(not g.has_edge(a, b) for a, b in pairs)
    assert ("a1", "b2") not in pairs  # no shared partner
    mine = na.suggestions(g, actor="a1")
    assert [(s["a"], s["b"], s["shared"]) for s in mine] == [("a1", "b1", 1)]


def test_suggestion_scores_are_shared_partners_weighted_by_strength():
    # Brute force on a random weighted graph: the sum over shared partners w of
    # sqrt(strength(a, w) * strength(b, w)), for every unlinked pair, with no cap.
    rng = random.Random(3)
    g = nx.gnm_random_graph(30, 70, seed=3)
    g = nx.relabel_nodes(g, lambda v: f"n{v:02d}")
    for a, b in g.edges():
        g[a][b]["strength"] = rng.choice([0.25, 0.5, 1.0, 1.5])
    expected = {}
    for a in g:
        for b in g:
            if a < b and not g.has_edge(a, b):
                shared = set(g[a]) & set(g[b])
                if shared:
                    expected[(a, b)] = sum((g[a][w]["strength"] * g[b][w]["strength"]) ** 0.5
                                           for w in shared)
    found = na.suggestions(g, limit=10_000, per_actor=None)
    assert {(s["a"], s["b"]): s["score"] for s in found} == {
        pair: round(score, 4) for pair, score in expected.items()}
    one = na.suggestions(g, limit=10_000, actor="n05")
    assert {(s["a"], s["b"]): s["score"] for s in one} == {
        pair: round(score, 4) for pair, score in expected.items() if "n05" in pair}


def _ranked_by_brute_force(g: nx.Graph, limit: int, per_actor: int | None) -> list[tuple]:
    """Every unlinked pair scored, sorted by the documented order, walked with the cap."""
    scored = []
    for a in g:
        for b in g:
            if a < b and not g.has_edge(a, b):
                shared = [w for w in set(g[a]) & set(g[b]) if g.degree(w) > 1]
                if shared:
                    score = sum((g[a][w]["strength"] * g[b][w]["strength"]) ** 0.5
                                for w in shared)
                    scored.append((-round(score, 9), -len(shared), a, b))
    out, named = [], {}
    for _, shared, a, b in sorted(scored):
        if per_actor is not None and max(named.get(a, 0), named.get(b, 0)) >= per_actor:
            continue
        named[a], named[b] = named.get(a, 0) + 1, named.get(b, 0) + 1
        out.append((a, b, -shared))
        if len(out) == limit:
            break
    return out


@pytest.mark.parametrize(("limit", "per_actor"), [(1, 1), (3, 1), (7, 2), (40, 2), (25, None)])
def test_suggestions_rank_exactly_as_scoring_every_pair_would(limit, per_actor):
    # The whole-network list ranks only the best-scoring pairs and widens that cut when the
    # per-actor cap or linked pairs use it up; the order must be that of ranking every pair.
    # Many equal strengths make long ties at the cut; a dense hub uses up the cap early.
    rng = random.Random(11)
    g = nx.relabel_nodes(nx.gnm_random_graph(220, 900, seed=11), lambda v: f"n{v:03d}")
    for a, b in g.edges():
        g[a][b]["strength"] = rng.choice([0.5, 1.0])
    for v in range(1, 120):
        g.add_edge("n000", f"n{v:03d}", strength=1.0)
    found = na.suggestions(g, limit=limit, per_actor=per_actor)
    assert [(s["a"], s["b"], s["shared"]) for s in found] == _ranked_by_brute_force(
        g, limit, per_actor)


def test_suggestions_tied_at_the_cut_come_in_id_order():
    # 40 partners of one hub: 780 pairs with the same score and one shared partner each, far
    # more than the ranked cut, so the cut must keep every tie for ids to decide.
    g = nx.star_graph(["hub"] + [f"p{v:02d}" for v in range(40)])
    nx.set_edge_attributes(g, 1.0, "strength")
    found = na.suggestions(g, limit=3, per_actor=1)
    assert [(s["a"], s["b"], s["score"]) for s in found] == [
        ("p00", "p01", 1.0), ("p02", "p03", 1.0), ("p04", "p05", 1.0)]
    assert [(s["a"], s["b"], s["shared"]) for s in found] == _ranked_by_brute_force(g, 3, 1)


def test_timeline_marks_new_and_strengthened_links_and_rolls_into_link_rows():
    collabs = [{"id": "e1", "start": "2024-01-01", "actors": ["a", "b", "c"]},
               {"id": "e2", "start": "2024-02-01", "actors": ["a", "b"]},
               {"id": "e3", "start": "2024-03-01", "actors": ["d", "a", "b", "a"]}]
    out = growth.timeline(collabs)
    assert out[0].new_links == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert out[1].new_links == []
    assert out[1].strengthened_links == [
        {"pair": ["a", "b"], "before": 1, "after": 2}]
    assert out[2].new_links == [["a", "d"], ["b", "d"]]
    assert out[2].strengthened_links == [{"pair": ["a", "b"], "before": 2, "after": 3}]
    links = {(r["a"], r["b"]): r for r in growth.links(out)}
    # strength: 1/2 (team of three) + 1 (pair) + 1/2 (team of three) = 2
    assert links[("a", "b")] == {"a": "a", "b": "b", "weight": 3, "strength": 2.0,
                                 "first": "2024-01-01", "last": "2024-03-01"}
    assert links[("a", "d")]["weight"] == 1
    assert links[("a", "d")]["strength"] == 0.5


def test_ego_lists_partners_and_links_among_them():
    g = graph_of(CLIQUES)
    view = na.ego(g, "a4")
    assert [p["id"] for p in view["partners"]] == ["a1", "a2", "a3", "b1"]
    assert len(view["links"]) == 4 + 3  # a4's four links plus the triangle a1-a2-a3
    assert na.ego(g, "nobody") == {"partners": [], "links": []}


def test_engagement_network_sums_attendance():
    g = na.engagement_graph([
        {"organisation": "o1", "name": "One", "collaboration": "e1", "title": "E", "attendees": 3},
        {"organisation": "o2", "name": "Two", "collaboration": "e1", "title": "E", "attendees": 0},
        {"organisation": "o1", "name": "One", "collaboration": "e2", "title": "F", "attendees": 4},
    ])
    s = na.engagement_summary(g)
    assert (s["organisations"], s["collaborations"], s["attendees"]) == (2, 2, 7)
    assert s["top"][0] == {"id": "o1", "name": "One", "collaborations": 2, "attendees": 7}


def test_payload_timeline_edges_and_hidden_links():
    collabs = [{"id": "e1", "name": "One", "start": "2024-01-01", "actors": ["a", "b", "c"]},
               {"id": "e2", "name": "Two", "start": "2024-02-01", "actors": ["a", "b", "d"]}]
    steps = growth.timeline(collabs)
    g = na.build_graph([{"id": v, "name": v, "type": "organisation"} for v in "abcd"],
                       growth.links(steps))
    p = network_view.payload(g, na.metrics(g), steps, na.communities(g), edge_budget=1)
    # Edges come in order of creation: the timeline's `new` counts say which run is whose.
    first = [k for k, new in enumerate(p["timeline"]["new"]) for _ in range(new)]
    edges = list(zip(p["edges"]["source"], p["edges"]["target"], p["edges"]["weight"],
                     first, strict=True))
    ids = p["nodes"]["id"]
    named = [(ids[s], ids[t], w, f) for s, t, w, f in edges]
    assert named[:3] == [("a", "b", 2, 0), ("a", "c", 1, 0), ("b", "c", 1, 0)]
    assert sorted(named[3:]) == [("a", "d", 1, 1), ("b", "d", 1, 1)]
    assert p["timeline"]["new"] == [3, 2]
    assert p["timeline"]["strengthened"] == [[], [0]]
    # Strength: each team of three gives its pairs 1/2; a–b gained 1/2 again in e2.
    assert p["edges"]["strength"] == [1.0, 0.5, 0.5, 0.5, 0.5]
    assert p["timeline"]["gain"] == [[], [0.5]]
    # The cards follow the slider: the figures after each collaboration.
    assert p["cards"]["links"] == [3, 5]
    assert p["cards"]["actors"] == [3, 4]
    assert p["cards"]["density"] == [1.0, round(5 / 6, 4)]
    assert p["cards"]["modularity"][-1] == p["network"]["modularity"]
    assert p["nodes"]["since"] == [0, 0, 0, 1]
    assert p["default_min_weight"] == 2  # budget of one link: only a–b shows at first


def test_payload_for_5000_actors_and_50000_links_is_under_2_mb():
    rng = random.Random(7)
    actors = [f"org-{i:05d}" for i in range(5000)]
    groups = [actors[i::60] for i in range(60)]
    collabs = []
    for k in range(3000):
        group = groups[k % 60]
        members = rng.sample(group, 6) + rng.sample(actors, 1)
        collabs.append({"id": f"event-{k:05d}", "name": f"Event number {k}",
                        "start": f"20{10 + k // 365:02d}-01-01", "actors": members})
    steps = growth.timeline(collabs)
    g = na.build_graph([{"id": a, "name": f"Organisation {a} of somewhere", "type": "organisation",
                         "category": "local authority", "nation": "England",
                         "region": "North West"} for a in actors],
                       growth.links(steps))
    assert 50_000 <= g.number_of_edges() <= 60_000, g.number_of_edges()
    parts = [set(group) for group in groups]
    member = {v: i for i, part in enumerate(parts) for v in part}
    computed = {"network": na.summary(g, parts), "actors": [
        {"id": v, "degree": g.degree(v), "weighted_degree": g.degree(v, weight="weight"),
         "strength": g.degree(v, weight="strength"),
         "betweenness": rng.random() / 100, "pagerank": rng.random() / 1000,
         "community": member[v], "broker": rng.random() * 40} for v in g]}
    p = network_view.payload(g, computed, steps, parts)
    size = len(json.dumps(p, separators=(",", ":")).encode())
    assert size < 2 * 1024 * 1024, size
    shown = sum(1 for w in p["edges"]["weight"] if w >= p["default_min_weight"])
    assert 0 < shown <= network_view.EDGE_BUDGET


@pytest.mark.parametrize(("edges", "expected"), [
    ([("moj", "wg")], []),  # one link: no pair shares a partner
    ([("a", "b"), ("b", "c"), ("a", "c")], []),  # every candidate is linked already
    ([("moj", "wg"), ("wg", "x")], [("moj", "x", 1)]),  # exactly one candidate
])
def test_suggestions_of_tiny_networks(edges, expected):
    g = nx.Graph()
    g.add_edges_from(edges, strength=1.0)
    assert [(s["a"], s["b"], s["shared"]) for s in na.suggestions(g, limit=15)] == expected
