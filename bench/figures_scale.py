"""Figures for issue 16, item 3: the network analytics past 20,000 actors.

- ``metrics_cold_20k_vs_networkx``: the app's cold ``tracker.services.network.metrics`` (cache dropped:
  data version, Cypher, building the graph, every metric on the igraph engine) at 20,000 actors
  and about 230,000 links, divided by networkx alone computing the same metrics
  (``analytics.metrics(graph, engine="networkx")``) on the same graph already in memory.
  Target: at most 0.25. Both sides are measured in the same run, one after the other.
- ``metrics_cold_20k_seconds``, ``metrics_networkx_20k_seconds``: the two sides.
- ``network_20k_actors``, ``network_20k_links``: the size actually measured.

Runs once per ``bench/run.py`` (its ``final`` hook, on an emptied database) because it loads its
own generated network (``figures_metrics.generated_document``). On its own:
``.venv/bin/python bench/run.py --size S --only scale``.
"""

from __future__ import annotations

import time
from typing import Any

from figures_metrics import generated_document

from tracker.analytics import network as analytics
from tracker.repositories.graph import import_document
from tracker.services import network
from tracker.services.cache import cache

ACTORS, COLLABORATIONS = 20_000, 6_000  # about 230,000 links


def figures(ctx: Any) -> dict[str, float]:
    """Nothing per size: everything happens in :func:`final`."""
    return {}


def final(ctx: Any) -> dict[str, float]:
    """Load the 20,000-actor network, then time the app's cold path and networkx alone."""
    db = ctx.db
    ctx.log(f"[final] generating and importing {ACTORS} actors / {COLLABORATIONS} collaborations…")
    started = time.perf_counter()
    import_document(db, generated_document(ACTORS, COLLABORATIONS))
    ctx.log(f"[final] imported in {time.perf_counter() - started:.0f} s")
    cache.clear()
    network.metrics(db)  # warms Neo4j's plans and page cache, as a running server has them

    def cold() -> None:
        cache.clear()
        network.metrics(db)

    app = ctx.timeit(cold, repeat=2)
    graph = network.graph(db)
    reference = ctx.timeit(lambda: analytics.metrics(graph, engine="networkx"), repeat=1)
    cache.clear()
    return {
        "metrics_cold_20k_vs_networkx": round(app / reference, 3),
        "metrics_cold_20k_seconds": round(app, 3),
        "metrics_networkx_20k_seconds": round(reference, 3),
        "network_20k_actors": graph.number_of_nodes(),
        "network_20k_links": graph.number_of_edges(),
    }
