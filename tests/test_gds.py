"""Graph Data Science: the guard (always tested) and equal answers where a server has it."""

import pytest

from tracker.analytics import network as na
from tracker.repositories.graph import import_document
from tracker.services import gds
from tracker.services import network as network_service

URI = "bolt://db.example:7687"


def test_no_client_package_is_the_first_reason_given():
    found = gds.decide(False, ["gds.version"], URI)
    assert not found.available
    assert "graphdatascience" in found.reason
    assert "pip install" in found.reason


def test_a_server_without_the_plugin_is_named_with_what_to_do():
    found = gds.decide(True, [], URI)
    assert not found.available
    assert URI in found.reason
    assert "Graph Data Science plugin" in found.reason
    assert "Aura" in found.reason


def test_client_and_plugin_together_make_it_available():
    assert gds.decide(True, ["gds.version"], URI) == gds.Status(
        True, "Graph Data Science is available.")


def test_the_test_server_is_asked_and_has_no_plugin(db):
    """The session's Neo4j Community has no GDS: status says so from the server's answer."""
    found = gds.status(db)
    assert not found.available
    if gds.client_installed():
        assert db.connection.uri in found.reason
        assert "no gds.version procedure" in found.reason


def test_metrics_refuses_with_the_reason_and_writes_nothing(db):
    version = db.data_version()
    with pytest.raises(gds.GdsUnavailable) as caught:
        gds.metrics(db)
    assert str(caught.value) == gds.status(db).reason
    assert db.data_version() == version


SMALL = {
    "organisations": [{"id": f"o{i}", "name": f"Org {i}"} for i in range(8)],
    "events": [
        {"id": "e1", "name": "One", "start": "2024-01-01",
         "contributors": [{"actor": a, "role": "host"} for a in ("o0", "o1", "o2")]},
        {"id": "e2", "name": "Two", "start": "2024-02-01",
         "contributors": [{"actor": a, "role": "host"} for a in ("o2", "o3")]},
        {"id": "e3", "name": "Three", "start": "2024-03-01",
         "contributors": [{"actor": a, "role": "host"} for a in ("o3", "o4", "o5", "o6")]},
        {"id": "e4", "name": "Four", "start": "2024-04-01",
         "contributors": [{"actor": a, "role": "host"} for a in ("o6", "o7", "o0")]},
    ],
}


def test_gds_answers_equal_the_apps_where_a_server_has_it(db):
    """Equal answers on a server with the plugin (NEO4J_URI pointing at one); on a server
    without it, the same data is refused with the guard's reason and nothing is written."""
    import_document(db, SMALL)
    if not gds.status(db).available:
        version = db.data_version()
        with pytest.raises(gds.GdsUnavailable) as caught:
            gds.metrics(db)
        assert str(caught.value) == gds.status(db).reason
        assert db.data_version() == version
        return
    graph = network_service.graph(db)
    theirs = gds.metrics(db)
    exact = na.betweenness(graph)
    rank = na.pagerank(graph)
    assert set(theirs) == set(graph)
    total = sum(t["pagerank"] for t in theirs.values())  # GDS scores are not normalised
    for actor in graph:
        assert theirs[actor]["betweenness"] == pytest.approx(exact[actor], abs=1e-9)
        assert theirs[actor]["pagerank"] / total == pytest.approx(rank[actor], abs=1e-3)
    parts: dict[int, set[str]] = {}
    for actor, values in theirs.items():
        parts.setdefault(values["community"], set()).add(actor)
    assert na.modularity(graph, list(parts.values())) >= \
        na.modularity(graph, na.communities(graph)) - 0.02
