"""How fast pages and the API answer while the database is down, over real HTTP.

    .venv/bin/python bench/outage.py [--repeat 5] [--json]

A throwaway Neo4j (a temporary folder, removed at the end) with the S document; the app served
by waitress on 127.0.0.1; a logged-in editor. The database process is killed (SIGKILL), then
each path is requested ``--repeat`` times: printed per path are the statuses and the slowest
and median seconds to answer. Then the database is started again and the time until the
dashboard answers 200 again (no restart of the app) is printed. Issue 14 item 4: 503 within 1 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))

from faults import kill_database, restart  # noqa: E402
from generate import generate  # noqa: E402
from load import PASSWORD, Client, serve_app  # noqa: E402

from tracker.db import Database  # noqa: E402
from tracker.localdb import LocalServer  # noqa: E402
from tracker.repositories import users  # noqa: E402
from tracker.repositories.graph import import_document  # noqa: E402

PATHS = ("/", "/organisations", "/network", "/reach", "/api/v1/growth", "/api/v1/metrics",
         "/healthz")


def measure(client: Client, repeat: int) -> dict[str, Any]:
    """Each path `repeat` times: statuses, slowest and median seconds."""
    out: dict[str, Any] = {}
    for path in PATHS:
        took, statuses = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            status, _ = client.get(path)
            took.append(time.perf_counter() - started)
            statuses.append(status)
        out[path] = {"statuses": sorted(set(statuses)), "max_s": round(max(took), 3),
                     "median_s": round(statistics.median(took), 3)}
    return out


def main(argv: list[str] | None = None) -> int:
    """Start, load, serve, kill the database, time the answers, restart, time the recovery."""
    parser = argparse.ArgumentParser(description="Answers while the database is down.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="tracker-outage-"))
    server = LocalServer(root / "neo4j-server", heap="1g", pagecache="256m")
    try:
        db = Database(server.start(timeout=300))
        db.apply_schema()
        import_document(db, generate("S"))
        users.create(db, "outage-editor", "editor", PASSWORD)
        base, http_server = serve_app(db)
        client = Client(base, "outage-editor", PASSWORD)
        report: dict[str, Any] = {"up": measure(client, 1)}
        kill_database(server)
        report["down"] = measure(client, args.repeat)
        started = time.monotonic()
        restart(server)
        while client.get("/")[0] != 200:
            time.sleep(0.2)
        report["back_after_restart_s"] = round(time.monotonic() - started, 1)
        http_server.close()
        db.close()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    down = report["down"]
    report["slowest_down_s"] = max(v["max_s"] for v in down.values())
    report["all_503_down"] = all(v["statuses"] == [503] for v in down.values())
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for path, v in down.items():
            print(f"{path:20} down: {v['statuses']} slowest {v['max_s']:.3f} s, "
                  f"median {v['median_s']:.3f} s")
        print(f"slowest answer while down: {report['slowest_down_s']:.3f} s; every answer 503: "
              f"{report['all_503_down']}; pages back {report['back_after_restart_s']} s after "
              "the database was started again (the app was not restarted)")
    return 0 if report["all_503_down"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
