"""The collaboration network for other tools: GraphML, dynamic GEXF (Gephi) and CSV.

``write(db, fmt, target, as_of=None)`` writes one format to a path or a binary stream:

- ``graphml``: node ids are the actors' ids; node attributes name, type, category, nation,
  region and the metrics; edge attributes ``weight`` (collaborations in which the pair worked
  together), ``strength`` (Newman tie strength), ``first`` and ``last`` (ISO dates).
- ``gexf``: the same, in dynamic mode: every actor starts at its first collaboration's date,
  every link at its first shared collaboration, and the link's ``collaborations`` (its weight)
  and ``strength`` attributes change at each later one, so Gephi's timeline replays the
  growth. The static edge weight is the weight as of the export.
- ``csv``: always a ZIP archive holding ``nodes.csv`` and ``edges.csv`` (UTF-8, header row).
  Text cells that a spreadsheet would run as a formula (starting ``= + - @``) get a leading
  ``'``; ids are written as they are so that the files join back to the database.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import IO

import networkx as nx

from tracker import model
from tracker.analytics.growth import Step
from tracker.dates import parse_as_of
from tracker.db import Database
from tracker.services import network
from tracker.services.cache import Snapshot, read
from tracker.text import spreadsheet_safe

FORMATS = ("graphml", "gexf", "csv")
MEDIA_TYPES = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
               "csv": "application/zip"}
FILE_NAMES = {"graphml": "network.graphml", "gexf": "network.gexf", "csv": "network-csv.zip"}
NODE_TEXT = ("name", "type", "category", "nation", "region")
METRICS = tuple(model.METRICS)
NODE_COLUMNS = ("id", *NODE_TEXT, *METRICS)
EDGE_COLUMNS = ("source", "target", "weight", "strength", "first", "last")


class UnknownFormat(ValueError):
    """A format other than graphml, gexf or csv."""


def export_graph(db: Database, as_of: str | None = None) -> nx.Graph:
    """A fresh copy of the collaboration graph with metrics as node attributes (no None values)."""
    return read(db, _export_graph, as_of)


def _export_graph(snap: Snapshot, as_of: str | None) -> nx.Graph:
    graph = nx.Graph()
    source = network.graph_in(snap, as_of)
    metrics = {row["id"]: row for row in network.metrics_in(snap, as_of)["actors"]}
    for node, data in source.nodes(data=True):
        attrs = {k: data[k] for k in NODE_TEXT if data.get(k) is not None}
        attrs.update({k: metrics[node][k] for k in METRICS})
        graph.add_node(node, **attrs)
    for a, b, data in source.edges(data=True):
        graph.add_edge(a, b, **{k: v for k, v in data.items() if v is not None})
    return graph


def _dynamic(graph: nx.Graph, history: list[Step]) -> nx.Graph:
    """Add GEXF time data: node and edge start dates, each link's weight and strength over time."""
    node_start: dict[str, str] = {}
    steps: dict[tuple[str, str], dict[str, tuple[int, float]]] = defaultdict(dict)
    weight: dict[tuple[str, str], int] = defaultdict(int)
    strength: dict[tuple[str, str], float] = defaultdict(float)
    for step in history:
        when = step.date
        for actor in step.contributors:
            node_start.setdefault(actor, when)
        for pair, gain in step.gains.items():
            weight[pair] += 1
            strength[pair] += gain
            # Same-day collaborations collapse to the last.
            steps[pair][when] = (weight[pair], round(strength[pair], 6))
    out = graph.copy()
    out.graph["mode"] = "dynamic"
    for node, data in out.nodes(data=True):
        if node in node_start:
            data["start"] = node_start[node]
        data["label"] = data.pop("name", str(node))
    for a, b, data in out.edges(data=True):
        pair = (a, b) if str(a) < str(b) else (b, a)
        dates = sorted(steps.get(pair, {}))
        if dates:
            data["start"] = dates[0]
            spells = [(steps[pair][d], d, dates[i + 1] if i + 1 < len(dates) else None)
                      for i, d in enumerate(dates)]
            data["collaborations"] = [(w, start, end) for (w, _), start, end in spells]
            data["strength"] = [(s, start, end) for (_, s), start, end in spells]
        data.pop("first", None)
        data.pop("last", None)
    return out


def _csv_zip(graph: nx.Graph, stream: IO[bytes]) -> None:
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        nodes = io.StringIO()
        writer = csv.writer(nodes, lineterminator="\n")
        writer.writerow(NODE_COLUMNS)
        for node in sorted(graph.nodes, key=str):
            data = graph.nodes[node]
            writer.writerow([node] + [spreadsheet_safe(data.get(k, "")) for k in NODE_TEXT]
                            + [data.get(k, "") for k in METRICS])
        archive.writestr("nodes.csv", nodes.getvalue())
        edges = io.StringIO()
        writer = csv.writer(edges, lineterminator="\n")
        writer.writerow(EDGE_COLUMNS)
        for a, b in sorted(((min(u, v, key=str), max(u, v, key=str)) for u, v in graph.edges()),
                           key=lambda p: (str(p[0]), str(p[1]))):
            data = graph[a][b]
            writer.writerow([a, b, data["weight"], data["strength"], data.get("first", ""),
                             data.get("last", "")])
        archive.writestr("edges.csv", edges.getvalue())


def write(db: Database, fmt: str, target: str | Path | IO[bytes], as_of: str | None = None) -> None:
    """Write the collaboration network as of a date in one format to a path or binary stream.

    Raises UnknownFormat for a format other than graphml, gexf, csv, and
    tracker.dates.BadDate for an as-of that is not YYYY-MM-DD.
    """
    if fmt not in FORMATS:
        raise UnknownFormat(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    graph = read(db, _graph_for, fmt, parse_as_of(as_of))  # one snapshot for graph and replay
    if isinstance(target, (str, Path)):
        with open(target, "wb") as stream:
            _write(fmt, graph, stream)
    else:
        _write(fmt, graph, target)


def _graph_for(snap: Snapshot, fmt: str, as_of: str | None) -> nx.Graph:
    graph = _export_graph(snap, as_of)
    return _dynamic(graph, network.history_in(snap, as_of)) if fmt == "gexf" else graph


def _write(fmt: str, graph: nx.Graph, stream: IO[bytes]) -> None:
    if fmt == "graphml":
        nx.write_graphml(graph, stream)
    elif fmt == "gexf":
        nx.write_gexf(graph, stream)
    else:
        _csv_zip(graph, stream)


def read_csv_zip(stream: IO[bytes] | str | Path) -> nx.Graph:
    """Load a CSV export back into networkx (ids as text, weight as int)."""
    graph = nx.Graph()
    with zipfile.ZipFile(stream) as archive:
        with archive.open("nodes.csv") as raw:
            for r in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                graph.add_node(r.pop("id"), **r)
        with archive.open("edges.csv") as raw:
            for r in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                graph.add_edge(r["source"], r["target"], weight=int(r["weight"]),
                               strength=float(r["strength"]), first=r["first"], last=r["last"])
    return graph
