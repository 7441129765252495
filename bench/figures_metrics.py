"""Benchmark figures of the network analytics (issue 6), measured in one run on one server.

- ``metrics_cold_vs_networkx``: a cold ``tracker.services.network.metrics`` (data version, Cypher,
  building the graph, every metric) divided by networkx computing the same metrics on the same
  graph already in memory. Target: at most 1.5.
- ``metrics_warm_vs_cold``: a cached request divided by a cold one. Target: at most 0.05.
- ``network_payload_mb``: the network page's JSON payload (as served, compact) in MB (10^6
  bytes); ``network_payload_actors`` says how many actors it held. Target: under 2 for 5,000.

``figures(ctx)`` is called by bench/run.py with ``ctx.db`` loaded at the chosen size. Run this
file on its own (``.venv/bin/python bench/figures_metrics.py``) to measure on a generated network
of about 5,000 actors and 50,000 links in a throwaway Neo4j.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from itertools import accumulate
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.analytics import network as analytics
from tracker.db import Database
from tracker.localdb import LocalServer
from tracker.repositories.graph import import_document
from tracker.services import network
from tracker.services.cache import cache


def figures(ctx: Any) -> dict[str, float]:
    """The three figures (plus the payload's actor count) for ctx.db."""
    db = ctx.db
    cache.clear()

    def cold() -> None:
        cache.clear()
        network.metrics(db)

    cold_s = ctx.timeit(cold, repeat=3)
    cache.clear()
    graph = network.graph(db)  # the same graph, already in memory
    analysis_s = ctx.timeit(lambda: analytics.metrics(graph, engine="networkx"), repeat=3)
    network.metrics(db)  # fill the cache
    warm_s = ctx.timeit(lambda: network.metrics(db), repeat=5)
    payload = network.page(db)
    size = len(json.dumps(payload, separators=(",", ":"), sort_keys=True,
                          ensure_ascii=False).encode("utf-8"))
    return {
        "metrics_cold_vs_networkx": round(cold_s / analysis_s, 3),
        "metrics_warm_vs_cold": round(warm_s / cold_s, 5),
        "network_payload_mb": round(size / 1_000_000, 3),
        "network_payload_actors": len(payload["nodes"]["id"]),
    }


def generated_document(actors: int = 5000, collaborations: int = 1500,
                       seed: int = 6) -> dict[str, Any]:
    """A heavy-tailed history: a few networks in most collaborations, most organisations rare."""
    rng = random.Random(seed)
    nets = [{"id": f"net-{i:02d}", "name": f"Partner network {i}"} for i in range(20)]
    nations = ["England", "Scotland", "Wales", "Northern Ireland"]
    orgs = [{"id": f"org-{i:05d}", "name": f"Organisation {i}", "type": "local authority",
             "nation": nations[i % 4], "region": f"Region {i % 12}"}
            for i in range(actors - len(nets))]
    # Cumulative weights once (the same draws as weights=..., without an O(n) sum per call).
    cum_weights = list(accumulate(1 / (i + 1) ** 0.8 for i in range(len(orgs))))
    events = []
    for k in range(collaborations):
        group = rng.sample(nets, rng.choice([1, 1, 2, 3]))
        members = {o["id"] for o in rng.choices(orgs, cum_weights=cum_weights, k=rng.randint(2, 7))}
        # Make sure every organisation appears at least once over the history.
        for j in range(k, len(orgs), collaborations):
            members.add(orgs[j]["id"])
        contributors = [{"actor": n["id"], "role": "partner"} for n in group]
        contributors += [{"actor": m, "role": "speaker"} for m in sorted(members)]
        events.append({"id": f"event-{k:05d}", "name": f"Collaboration {k}",
                       "start": f"{2015 + k // 300}-{1 + (k // 25) % 12:02d}-{1 + k % 25:02d}",
                       "contributors": contributors})
    return {"partner_networks": nets, "organisations": orgs, "events": events}


def _standalone() -> None:
    """Measure on a generated network in a throwaway local Neo4j, then stop it."""
    from run import Context  # noqa: PLC0415 (importable only when this file runs as a script)

    root = Path(tempfile.mkdtemp(prefix="tracker-bench-metrics-"))
    server = LocalServer(root)
    try:
        db = Database(server.start(timeout=180))
        db.apply_schema()
        doc = generated_document()
        import_document(db, doc)
        graph = network.graph(db)
        print(f"generated: {graph.number_of_nodes()} actors, {graph.number_of_edges()} links",
              file=sys.stderr)
        for name, value in figures(Context(db=db, size="generated", doc=doc)).items():
            print(f"{name}: {value}")
        db.close()
    finally:
        server.stop()


if __name__ == "__main__":
    _standalone()
