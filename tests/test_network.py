"""The collaboration network on the real Neo4j: Cypher rows, as-of, cache, CLI, API, pages."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from tests.network_scenario import FIRST_FIVE, HOSTILE, extra_event, load
from tracker import dates
from tracker.analytics import growth, network_view
from tracker.analytics import network as analytics
from tracker.services import network
from tracker.services.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, so hit and miss counts are its own."""
    cache.clear()
    yield
    cache.clear()


def links(db, as_of=None):
    return {(r["a"], r["b"]): r for r in growth.links(network.history(db, as_of))}


def test_links_follow_the_team_rule(db):
    load(db)
    found = links(db)
    assert len(found) == 11
    # o2 spoke in a session of a session of e1: it is in a team with e1's host. Teams of e1:
    # {c1, rap} (e1), {c1, rap, o1, sc1} (s1), {c1, rap, o1, sc1, o2} (s1a); strength of
    # c1–o2 comes from s1a only: 1/(5-1).
    assert found[("c1", "o2")] == {"a": "c1", "b": "o2", "weight": 1, "strength": 0.25,
                                   "first": "2023-11-14", "last": "2023-11-14"}
    # c1–rap: 1 (e1) + 1/3 (s1) + 1/4 (s1a); c1–o1: 1/3 (s1) + 1/4 (s1a), then 1 (e2).
    assert found[("c1", "rap")]["strength"] == round(1 + 1 / 3 + 1 / 4, 6)
    assert found[("c1", "o1")]["strength"] == round(1 / 3 + 1 / 4 + 1, 6)
    assert found[("c1", "o1")]["weight"] == 2
    assert found[("c1", "o1")]["last"] == "2024-02-01"
    assert found[("o3", "o4")]["weight"] == 1
    # Attending is not contributing: o3 attended e1 but has no link from it.
    assert ("c1", "o3") not in found
    nodes = dict(network.graph(db).nodes(data=True))
    assert sorted(nodes) == ["c1", "o1", "o2", "o3", "o4", "rap", "sc1"]
    assert nodes["o1"] == {"name": "Welsh Government", "type": "organisation",
                           "category": "devolved government", "nation": "Wales",
                           "region": "Wales"}
    assert nodes["sc1"]["type"] == "sub_community"
    assert nodes["rap"]["type"] == "partner_network"


def test_the_timeline_query_returns_each_collaborations_teams(db):
    load(db)
    rows = db.read("collaborations/timeline")
    assert [r["id"] for r in rows] == ["e1", "e2", "e3"]
    assert [sorted(team) for team in rows[0]["teams"]] == [
        ["c1", "rap"], ["c1", "o1", "rap", "sc1"], ["c1", "o1", "o2", "rap", "sc1"]]
    assert sorted({a for team in rows[0]["teams"] for a in team}) == FIRST_FIVE


def test_graph_strength_is_newmans_collaboration_weighting(db):
    load(db)
    # The same input as a bipartite graph of actors and teams, projected by networkx.
    bip = nx.Graph()
    actors = set()
    for row in db.read("collaborations/timeline"):
        for k, team in enumerate(row["teams"]):
            for actor in team:
                bip.add_edge(actor, ("team", row["id"], k))
                actors.add(actor)
    projected = bipartite.collaboration_weighted_projected_graph(bip, actors)
    graph = network.graph(db)
    assert {frozenset(e) for e in graph.edges} == {frozenset(e) for e in projected.edges}
    for a, b, data in projected.edges(data=True):
        assert graph[a][b]["strength"] == pytest.approx(data["weight"], abs=1e-6)


def _teams_document() -> dict:
    """x1 is one team of four; later, a and b work with e and f, c and d with g and h."""
    orgs = [{"id": v, "name": f"Org {v}", "type": "local authority", "nation": "England"}
            for v in "abcdefgh"]
    teams = [("x1", "2024-01-01", "abcd"), ("x2", "2024-02-01", "abef"),
             ("x3", "2024-03-01", "abef"), ("x4", "2024-04-01", "cdgh"),
             ("x5", "2024-05-01", "cdgh")]
    events = [{"id": i, "name": i, "start": start,
               "contributors": [{"actor": v, "role": "speaker"} for v in team]}
              for i, start, team in teams]
    return {"organisations": orgs, "events": events}


def test_the_modularity_card_at_each_step_is_that_of_the_network_as_of_its_date(db):
    load(db, _teams_document())
    page = network.page(db)
    assert page["cards_own_communities"] is True
    cards = page["cards"]["modularity"]
    # The page as of a collaboration's date finds its own communities: the card agrees.
    assert cards == [network.metrics(db, as_of=d)["network"]["modularity"]
                     for d in page["timeline"]["date"]]
    # After x1 alone (a four-clique, strength 1/3 per pair) Louvain keeps one community: 0.
    assert cards[0] == 0.0
    # Today's communities ({a, b, e, f} and {c, d, g, h}) scored after x1 split the clique in
    # two pairs: 2 x (1/3 / 2 - (2/4)^2) = -1/6, the kind of number the card showed before.
    graph = network.graph(db)
    fixed, own = network_view.modularity_by_step(graph, network.history(db),
                                                 analytics.communities(graph), budget=0)
    assert own is False
    assert fixed[0] == round(-1 / 6, 4)
    assert fixed[-1] == cards[-1]  # the last step has today's communities either way


def test_as_of_filters_collaborations_by_date(db):
    load(db)
    early = network.metrics(db, "2023-12-31")
    assert early["network"] == {"actors": 5, "links": 10, "density": 1.0, "components": 1,
                                "largest_component_share": 1.0, "modularity": 0.0}
    assert [a["id"] for a in early["actors"]] == FIRST_FIVE
    assert links(db, "2023-12-31")[("c1", "o1")]["weight"] == 1
    assert network.metrics(db, "2023-11-13")["network"]["actors"] == 0
    everything = network.metrics(db)["network"]
    assert (everything["actors"], everything["links"], everything["components"]) == (7, 11, 2)
    assert everything["largest_component_share"] == round(5 / 7, 4)


def test_empty_database_gives_an_empty_network(db):
    assert network.metrics(db)["network"]["actors"] == 0
    payload = network.page(db)
    assert payload["timeline"]["id"] == []
    assert payload["nodes"]["id"] == []


def test_results_are_cached_until_any_write(db):
    load(db)
    first = network.metrics(db)
    misses = cache.misses
    assert network.metrics(db) is first  # warm: served from the cache
    assert cache.misses == misses
    load(db, extra_event())  # any write bumps the data version
    after = network.metrics(db)
    assert cache.misses > misses
    assert after["network"]["actors"] == 8
    by_id = {a["id"]: a for a in after["actors"]}
    assert by_id["o4"]["degree"] == 2
    assert by_id["o4"]["weighted_degree"] == 3


def test_emptying_the_database_never_serves_old_results(db):
    load(db)
    version = db.read_one("meta/version")["version"]
    key = db.data_version()
    assert network.metrics(db)["network"]["actors"] == 7
    db.clear()  # the version restarts from 0...
    load(db, {"organisations": [{"id": "x", "name": "X"}, {"id": "y", "name": "Y"}],
              "events": [{"id": "e", "name": "E", "start": "2024-01-01",
                          "contributors": [{"actor": "x", "role": "host"},
                                           {"actor": "y", "role": "partner"}]}]})
    assert db.read_one("meta/version")["version"] == version  # ...and reaches the same number
    assert db.data_version() != key  # but the epoch differs, so the cache key does too
    assert network.metrics(db)["network"]["actors"] == 2  # the new epoch keeps them apart


def test_cache_is_per_as_of_date(db):
    load(db)
    assert network.metrics(db, "2023-12-31") is not network.metrics(db)
    assert network.metrics(db, "2023-12-31")["network"]["actors"] == 5


def test_parse_as_of():
    assert dates.parse_as_of(" 2024-02-29 ") == "2024-02-29"
    assert dates.parse_as_of("") is None
    assert dates.parse_as_of(None) is None
    for bad in ("2023-02-30", "yesterday", "2024-1-1", "2024-01-01T00:00", "'; DROP"):
        with pytest.raises(dates.BadDate):
            dates.parse_as_of(bad)


# -- CLI ------------------------------------------------------------------------------------
def test_cli_metrics_json_has_the_exact_shape(cli, db):
    load(db)
    result = cli("metrics", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {"network", "actors"}
    assert set(doc["network"]) == {"actors", "links", "density", "components",
                                   "largest_component_share", "modularity"}
    assert all(set(a) == {"id", "name", "type", "degree", "weighted_degree", "strength",
                          "betweenness", "pagerank", "community", "broker"}
               for a in doc["actors"])
    o1 = next(a for a in doc["actors"] if a["id"] == "o1")
    assert (o1["degree"], o1["weighted_degree"], o1["type"]) == (4, 5, "organisation")
    early = json.loads(cli("metrics", "--as-of", "2023-12-31", "--json").output)
    assert early["network"]["actors"] == 5


def test_cli_metrics_table_and_bad_date(cli, db):
    load(db)
    result = cli("metrics")
    assert result.exit_code == 0
    assert "7 actors, 11 links" in result.output
    assert "2 components, largest holds" in result.output
    one = cli("metrics", "--as-of", "2023-12-31")
    assert "1 component, largest holds 100.0%" in one.output  # one, not "1 component(s)"
    assert "Welsh Government" in result.output
    bad = cli("metrics", "--as-of", "31/12/2023")
    assert bad.exit_code != 0
    assert "YYYY-MM-DD" in bad.output
    assert "Traceback" not in bad.output


# -- API ------------------------------------------------------------------------------------
def test_api_metrics_matches_the_cli(viewer_client, cli, db):
    load(db)
    response = viewer_client.get("/api/v1/metrics")
    assert response.status_code == 200
    assert response.get_json() == json.loads(cli("metrics", "--json").output)
    early = viewer_client.get("/api/v1/metrics?as_of=2023-12-31").get_json()
    assert early["network"]["actors"] == 5


def test_api_refuses_bad_dates_with_json_400(viewer_client, db):
    for path in ("/api/v1/metrics", "/api/v1/network", "/api/v1/network/ego/o1",
                 "/api/v1/network/engagement"):
        response = viewer_client.get(path + "?as_of=2023-13-01")
        assert response.status_code == 400, path
        assert "YYYY-MM-DD" in response.get_json()["error"]


def test_api_needs_a_login(client, db):
    for path in ("/api/v1/metrics", "/api/v1/network", "/api/v1/network/ego/o1"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.get_json()["error"]


def test_api_network_payload_replays_the_timeline(viewer_client, db):
    load(db)
    payload = viewer_client.get("/api/v1/network").get_json()
    ids = payload["nodes"]["id"]
    assert ids == ["c1", "o1", "o2", "o3", "o4", "rap", "sc1"]
    assert payload["timeline"]["id"] == ["e1", "e2", "e3"]
    assert payload["timeline"]["new"] == [10, 0, 1]
    (strengthened,) = payload["timeline"]["strengthened"][1]
    pair = {ids[payload["edges"]["source"][strengthened]],
            ids[payload["edges"]["target"][strengthened]]}
    assert pair == {"c1", "o1"}
    assert payload["edges"]["weight"][strengthened] == 2
    assert payload["edges"]["strength"][strengthened] == 1.583  # 1/3 + 1/4 + 1, 4 digits
    assert payload["timeline"]["gain"][1] == [1.0]
    assert payload["cards"]["links"] == [10, 10, 11]
    assert payload["cards"]["components"] == [1, 1, 2]
    assert payload["nodes"]["since"][ids.index("o3")] == 2
    assert payload["nodes"]["name"][ids.index("o2")] == HOSTILE  # stored and sent literally
    assert payload["codes"]["type"] == ["community", "organisation", "partner_network",
                                        "sub_community"]
    assert len(payload["nodes"]["x"]) == 7
    assert "effective size" in payload["broker_explanation"]


def test_api_ego_view(viewer_client, db):
    load(db)
    ego = viewer_client.get("/api/v1/network/ego/c1").get_json()
    assert ego["actor"] == {"id": "c1", "name": "Data Science Community", "type": "community"}
    # By strength: o1 and rap 1.5833 (tie, by id), sc1 0.5833, o2 0.25.
    assert [p["id"] for p in ego["partners"]] == ["o1", "rap", "sc1", "o2"]
    assert ego["partners"][0]["weight"] == 2
    assert len(ego["links"]) == 10
    # An actor that never collaborated is known but has no partners.
    lonely = viewer_client.get("/api/v1/network/ego/o5").get_json()
    assert lonely["partners"] == []
    assert lonely["actor"]["name"] == "Quiet Council"
    missing = viewer_client.get("/api/v1/network/ego/nobody")
    assert missing.status_code == 404
    assert "nobody" in missing.get_json()["error"]


def test_api_engagement_network(viewer_client, db):
    load(db)
    found = viewer_client.get("/api/v1/network/engagement").get_json()
    assert found["organisations"] == 1
    assert found["attendees"] == 10
    assert found["top"] == [{"id": "o3", "name": "NHS Wales", "collaborations": 1,
                             "attendees": 10}]


# -- pages ----------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["viewer", "editor", "admin"])
def test_every_role_can_see_the_network_page(client_as, db, role):
    load(db)
    html = client_as(role).get("/network").get_data(as_text=True)
    assert "vendor/cytoscape.min.js" in html
    assert "js/network.js" in html
    assert 'id="net-slider"' in html
    assert "effective size" in html


def test_network_page_needs_a_login_and_a_good_date(client, viewer_client, db):
    assert client.get("/network").status_code == 302
    response = viewer_client.get("/network?as_of=not-a-date")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.get_data(as_text=True)
    html = viewer_client.get("/network?as_of=2023-12-31").get_data(as_text=True)
    assert "as_of=2023-12-31" in html


def test_metrics_csv_download_is_spreadsheet_safe(viewer_client, db):
    load(db)
    response = viewer_client.get("/network/metrics.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["id"] for r in rows] == ["c1", "o1", "o2", "o3", "o4", "rap", "sc1"]
    assert next(r for r in rows if r["id"] == "o2")["name"] == HOSTILE  # starts with '<'
    lonely = {"organisations": [{"id": "o9", "name": "=1+1"}],
              "events": [{"id": "e9", "name": "Solo", "start": "2024-01-01",
                          "contributors": [{"actor": "o9", "role": "host"}]}]}
    load(db, lonely)
    rows = list(csv.DictReader(io.StringIO(viewer_client.get("/network/metrics.csv")
                                           .get_data(as_text=True))))
    assert next(r for r in rows if r["id"] == "o9")["name"] == "'=1+1"


def test_ego_page_renders_the_partial(viewer_client, db):
    load(db)
    html = viewer_client.get("/network/ego/o2").get_data(as_text=True)
    assert 'data-ego-url="/api/v1/network/ego/o2"' in html
    assert "js/ego.js" in html
    assert ": partners&#39; network</h1>" in html or ": partners' network</h1>" in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert viewer_client.get("/network/ego/nobody").status_code == 404


def test_unknown_export_format_is_404(viewer_client, db):
    assert viewer_client.get("/network/export.xlsx").status_code == 404


def test_organisation_page_includes_the_ego_view(viewer_client, db):
    load(db)
    html = viewer_client.get("/organisations/o1").get_data(as_text=True)
    assert 'data-ego-url="/api/v1/network/ego/o1"' in html
    assert "js/ego.js" in html
