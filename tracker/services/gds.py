"""Neo4j Graph Data Science, when the server has it: PageRank, Louvain and betweenness computed
inside the database through the ``graphdatascience`` client, for networks too large to copy into
one Python process (``docs/scaling.md``).

Nothing here is needed on one machine: the app's own path (:mod:`tracker.analytics.engine`)
handles 100,000 actors. This module is the way past it, and it guards itself: :func:`status`
says whether both the Python client and the server plugin are there, and why not if not;
:func:`metrics` raises :class:`GdsUnavailable` with that reason instead of failing half-way.
"""

from __future__ import annotations

import importlib.util
import uuid
from dataclasses import dataclass
from typing import Any

from tracker.db import Database

CLIENT = "graphdatascience"
INSTALL_HINT = "pip install 'partner-tracker[gds]'"


class GdsUnavailable(RuntimeError):
    """Graph Data Science cannot be used here; the message says why and what to do."""


@dataclass(frozen=True)
class Status:
    """Whether GDS can be used, and if not, the one reason a person can act on."""

    available: bool
    reason: str


def decide(client_installed: bool, server_procedures: list[str], uri: str) -> Status:
    """The guard's decision from what was found (pure: the tests cover every combination).

    Examples
    --------
    >>> decide(True, ["gds.version"], "bolt://db:7687").available
    True
    >>> decide(True, [], "bolt://db:7687").reason.startswith("The Neo4j server at bolt://db")
    True
    """
    if not client_installed:
        return Status(False, f"The Python client '{CLIENT}' is not installed ({INSTALL_HINT}).")
    if "gds.version" not in server_procedures:
        return Status(False, f"The Neo4j server at {uri} has no Graph Data Science plugin "
                             "(no gds.version procedure): install the plugin or use Neo4j Aura "
                             "with Graph Analytics; the app's own analytics keep working.")
    return Status(True, "Graph Data Science is available.")


def client_installed() -> bool:
    """Whether the graphdatascience package can be imported."""
    return importlib.util.find_spec(CLIENT) is not None


def status(db: Database) -> Status:
    """Ask the server (one read) and the Python environment whether GDS can be used."""
    found = db.read_one("gds/version") or {}
    return decide(client_installed(), list(found.get("procedures") or []), db.connection.uri)


def metrics(db: Database, as_of: str | None = None) -> dict[str, dict[str, Any]]:
    """PageRank, Louvain community and normalised betweenness per actor id, computed by GDS.

    Raises :class:`GdsUnavailable` (with :func:`status`'s reason) where GDS is not there.
    """
    found = status(db)
    if not found.available:
        raise GdsUnavailable(found.reason)
    from graphdatascience import GraphDataScience  # noqa: PLC0415 (an optional dependency, [gds])

    conn = db.connection
    gds = GraphDataScience(conn.uri, auth=(conn.user, conn.password), database=conn.database)
    name = f"tracker-{uuid.uuid4().hex[:12]}"
    try:
        db.read("gds/project", name=name, as_of=as_of)
        graph = gds.graph.get(name)
        n = graph.node_count()
        rank = gds.page_rank.stream(graph, relationship_weight_property="weight",
                                    damping_factor=0.85, max_iterations=100)
        # One thread: GDS Louvain takes no seed, but single-threaded it is deterministic.
        louvain = gds.louvain.stream(graph, relationship_weight_property="weight", concurrency=1)
        between = gds.betweenness_centrality.stream(graph)
        ids = _ids(gds, rank["nodeId"].tolist())
        scale = 1.0 / ((n - 1) * (n - 2) / 2) if n > 2 else 0.0
        out: dict[str, dict[str, Any]] = {v: {} for v in ids.values()}
        for row in rank.itertuples():
            out[ids[int(row.nodeId)]]["pagerank"] = float(row.score)
        for row in louvain.itertuples():
            out[ids[int(row.nodeId)]]["community"] = int(row.communityId)
        for row in between.itertuples():
            out[ids[int(row.nodeId)]]["betweenness"] = float(row.score) * scale
        return out
    finally:
        gds.graph.drop(name, fail_if_missing=False)
        gds.close()


def _ids(gds: Any, node_ids: list[int]) -> dict[int, str]:
    """GDS node ids -> actor ids."""
    nodes = gds.util.asNodes(node_ids)
    return {int(i): node["id"] for i, node in zip(node_ids, nodes, strict=True)}
