"""GraphML, GEXF and CSV exports load back into networkx with the same nodes, edges, weights."""

from __future__ import annotations

import io
import zipfile

import networkx as nx
import pytest
from click.testing import CliRunner

import tracker.cli as cli_module
from tests.network_scenario import HOSTILE, load
from tracker.dates import BadDate
from tracker.services import exports, network
from tracker.services.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def expected(db, as_of=None):
    graph = network.graph(db, as_of)
    return (sorted(graph.nodes),
            {frozenset((a, b)): w for a, b, w in graph.edges(data="weight")})


def loaded(graph):
    return (sorted(graph.nodes),
            {frozenset((a, b)): int(float(w)) for a, b, w in graph.edges(data="weight")})


def read_back(fmt, source):
    if fmt == "graphml":
        return nx.read_graphml(source)
    if fmt == "gexf":
        return nx.read_gexf(source)
    return exports.read_csv_zip(source)


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_export_to_a_file_round_trips(db, tmp_path, fmt):
    load(db)
    path = tmp_path / f"network.{fmt}"
    exports.write(db, fmt, path)
    graph = read_back(fmt, path)
    nodes, edges = expected(db)
    assert loaded(graph) == (nodes, edges)
    assert edges[frozenset(("c1", "o1"))] == 2
    assert len(nodes) == 7


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_export_as_of_a_date_to_a_stream(db, fmt):
    load(db)
    buffer = io.BytesIO()
    exports.write(db, fmt, buffer, as_of="2023-12-31")
    buffer.seek(0)
    graph = read_back(fmt, buffer)
    assert loaded(graph) == expected(db, "2023-12-31")
    assert len(graph) == 5


def test_graphml_carries_attributes_and_ids(db, tmp_path):
    load(db)
    exports.write(db, "graphml", tmp_path / "n.graphml")
    graph = nx.read_graphml(tmp_path / "n.graphml")
    assert graph.nodes["o2"]["name"] == HOSTILE
    assert graph.nodes["o1"]["nation"] == "Wales"
    assert graph.nodes["o1"]["type"] == "organisation"
    assert graph.nodes["o1"]["degree"] == 4
    assert graph["c1"]["o1"]["first"] == "2023-11-14"
    assert graph["c1"]["o1"]["last"] == "2024-02-01"
    # weight: collaborations in which they worked together; strength: Newman's weighting.
    assert graph["c1"]["o1"]["weight"] == 2
    assert graph["c1"]["o1"]["strength"] == pytest.approx(1 / 3 + 1 / 4 + 1)


def test_gexf_is_dynamic_so_gephi_replays_growth(db, tmp_path):
    load(db)
    exports.write(db, "gexf", tmp_path / "n.gexf")
    text = (tmp_path / "n.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text
    assert 'timeformat="date"' in text
    graph = nx.read_gexf(tmp_path / "n.gexf")
    assert graph.nodes["o3"]["start"] == "2024-05-01"
    assert graph["c1"]["o1"]["start"] == "2023-11-14"
    # The link's weight steps from 1 to 2 at the second shared collaboration, its strength from
    # 1/3 + 1/4 (e1's two sessions) to that plus 1 (e2, a pair).
    # (networkx reads an open-ended interval's missing end back as the text 'None')
    def spells(name):
        return sorted((v, s, None if e in (None, "None") else e)
                      for v, s, e in graph["c1"]["o1"][name])

    assert spells("collaborations") == [(1, "2023-11-14", "2024-02-01"), (2, "2024-02-01", None)]
    assert [(round(v, 4), s, e) for v, s, e in spells("strength")] == [
        (0.5833, "2023-11-14", "2024-02-01"), (1.5833, "2024-02-01", None)]
    assert 'end="None"' not in text
    assert graph.nodes["o2"]["label"] == HOSTILE


def test_csv_zip_holds_nodes_and_edges(db):
    load(db)
    buffer = io.BytesIO()
    exports.write(db, "csv", buffer)

    names = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).namelist()
    assert names == ["nodes.csv", "edges.csv"]


def test_bad_format_and_bad_date_are_refused(db, tmp_path):
    with pytest.raises(exports.UnknownFormat):
        exports.write(db, "xlsx", tmp_path / "x")
    with pytest.raises(BadDate):
        exports.write(db, "csv", tmp_path / "x.zip", as_of="soon")


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_download_routes_round_trip(viewer_client, db, fmt):
    load(db)
    response = viewer_client.get(f"/network/export.{fmt}?as_of=2023-12-31")
    assert response.status_code == 200
    assert response.mimetype == exports.MEDIA_TYPES[fmt]
    assert "2023-12-31" in response.headers["Content-Disposition"]
    assert loaded(read_back(fmt, io.BytesIO(response.data))) == expected(db, "2023-12-31")


def test_download_route_refuses_a_bad_date(viewer_client, db):
    assert viewer_client.get("/network/export.gexf?as_of=x").status_code == 400


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_tracker_export_command_round_trips(cli, db, tmp_path, fmt):
    load(db)
    path = tmp_path / f"out.{fmt}"
    result = cli("export", str(path), "--format", fmt, "--as-of", "2023-12-31")
    assert result.exit_code == 0, result.output
    assert loaded(read_back(fmt, path)) == expected(db, "2023-12-31")


def test_cli_export_with_a_bad_date_exits_non_zero_without_a_traceback(cli, tmp_path):
    result = CliRunner().invoke(cli_module.main, ["export", str(tmp_path / "x.gexf"),
                                                  "--format", "gexf", "--as-of", "31/12/2023"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "31/12/2023" in result.output
    assert not (tmp_path / "x.gexf").exists()
