"""The cost curve of the network path in memory: time and peak memory per size (docs/scaling.md).

    .venv/bin/python bench/scaling.py [--sizes 3000,5000,20000,100000] [--networkx-up-to 5000]

For each size, a child process generates the heavy-tailed history of
``figures_metrics.generated_document`` (actors, collaborations = actors * 3 / 10), counts its
links, builds the networkx graph (:func:`tracker.analytics.network.build_graph`), copies it into
igraph and computes every metric (:func:`tracker.analytics.network.metrics` with the communities),
then prints one JSON line: wall and CPU seconds per step (CPU time does not grow when other
programs share the cores) and the child's peak resident memory (ru_maxrss).
With ``--networkx-up-to N``, sizes up to N also time the networkx reference engine. The Cypher
fetch is not included (see figures_scale.py for the whole cold path at 20,000 actors).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from figures_metrics import generated_document  # noqa: E402

from tracker.analytics import engine as fast  # noqa: E402
from tracker.analytics import network as analytics  # noqa: E402


def measure(actors: int, reference: bool) -> dict[str, float]:
    """One size, in this process (run it in a fresh child for an honest peak memory)."""
    doc = generated_document(actors, actors * 3 // 10)
    weights: Counter[tuple[str, str]] = Counter()
    for event in doc["events"]:
        ids = sorted({c["actor"] for c in event["contributors"]})
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                weights[(a, b)] += 1
    nodes = [{"id": o["id"], "name": o["name"], "type": "organisation"} for o in doc["organisations"]]
    edges = [{"a": a, "b": b, "weight": w} for (a, b), w in weights.items()]
    del doc, weights
    out: dict[str, float] = {"actors": actors}
    started, cpu = time.perf_counter(), time.process_time()
    graph = analytics.build_graph(nodes, edges)
    out["links"] = graph.number_of_edges()
    out["build_s"] = round(time.perf_counter() - started, 2)
    out["build_cpu_s"] = round(time.process_time() - cpu, 2)
    started, cpu = time.perf_counter(), time.process_time()
    view = fast.Indexed(graph)
    parts = analytics.communities(graph, view=view)
    analytics.metrics(graph, parts, view=view)
    out["metrics_igraph_s"] = round(time.perf_counter() - started, 2)
    out["metrics_igraph_cpu_s"] = round(time.process_time() - cpu, 2)
    if reference:
        started, cpu = time.perf_counter(), time.process_time()
        analytics.metrics(graph, engine="networkx")
        out["metrics_networkx_s"] = round(time.perf_counter() - started, 2)
        out["metrics_networkx_cpu_s"] = round(time.process_time() - cpu, 2)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run each size in a child process and print its JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3000,5000,20000,100000")
    parser.add_argument("--networkx-up-to", type=int, default=5000)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reference", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.reference)), flush=True)
        return 0
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--child", str(size)]
        if size <= args.networkx_up_to:
            cmd.append("--reference")
        subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
