"""A fault drill: kill -9 the database during an import and during a burst of writes, restart
it, and check that nothing acknowledged was lost and nothing unacknowledged is half there.

    .venv/bin/python bench/faults.py [--size M] [--rounds 3] [--writers 8] [--json]

Everything runs on a throwaway Neo4j on 127.0.0.1 (a temporary folder, removed at the end).

Import rounds: ``tracker import`` (the real CLI, in a subprocess) imports bench/generate.py's
document while the database process is killed with SIGKILL after a different delay each round,
then restarted. The CLI either reports success (exit 0) or failure; the check is that the
database then holds the whole document (exactly the counts of a clean import) when the CLI said
so, and none of it when it did not.

Write-burst rounds: ``--writers`` threads create organisations through the repository (as the
web app does: no waiting for the database) until the database is killed. A create that returned
is acknowledged. After the restart every acknowledged organisation must be there with its name
and its audit entry, and every other one either wholly there (node, labels, name and audit
entry: it committed but the answer was lost) or wholly absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))

from generate import SIZES, generate  # noqa: E402

from tracker.db import Database, DatabaseUnavailable  # noqa: E402
from tracker.localdb import LocalServer, port_free  # noqa: E402
from tracker.repositories import backup  # noqa: E402
from tracker.repositories.organisations import ORGANISATIONS  # noqa: E402


def log(message: str) -> None:
    """A progress line on stderr."""
    print(message, file=sys.stderr, flush=True)


def shape(db: Database) -> dict[str, Any]:
    """Counts of nodes per label set and relationships per type, Meta and audit left out."""
    snap = backup.snapshot(db)
    skip = {"Meta", "AuditEntry"}
    keys = {n["key"]: n for n in snap["nodes"]}
    nodes = Counter(":".join(sorted(n["labels"])) for n in snap["nodes"]
                    if not skip & set(n["labels"]))
    rels = Counter(r["type"] for r in snap["relationships"]
                   if not skip & set(keys[r["start"]]["labels"]))
    return {"nodes": dict(nodes), "relationships": dict(rels)}


def kill_database(server: LocalServer) -> None:
    """SIGKILL the Neo4j process (no shutdown, no checkpoint)."""
    pid = server.pid()
    if pid is not None:
        os.kill(pid, signal.SIGKILL)
        while server.pid() is not None:
            time.sleep(0.05)


def restart(server: LocalServer) -> Any:
    """Start the server again on the same port (clients keep their address), once it is free."""
    port = server.port()
    deadline = time.monotonic() + 60
    while port is not None and not port_free(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    return server.start(timeout=300)


def import_round(server: LocalServer, file: Path, delay: float,
                 reference: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """One import killed after `delay` seconds; returns what the CLI said and what is stored."""
    db = Database(server.connection())
    db.clear()
    db.close()
    started = time.monotonic()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "tracker"), "import", str(file)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(delay)
    killed_while_running = proc.poll() is None
    kill_database(server)
    db = Database(restart(server))
    output, _ = proc.communicate(timeout=600)
    stored = shape(db)
    db.close()
    empty = not stored["nodes"]
    whole = stored == reference
    acknowledged = proc.returncode == 0
    ok = (acknowledged and whole) or (not acknowledged and empty)
    return {"delay_s": delay, "killed_while_importing": killed_while_running,
            "cli_exit": proc.returncode, "cli_said": output.strip().splitlines()[-1:],
            "stored": "whole document" if whole else "nothing" if empty else "PARTIAL",
            "ok": ok, "seconds": round(time.monotonic() - started, 1)}


def burst_round(server: LocalServer, conn: Any, writers: int, kill_after: float,
                number: int) -> dict[str, Any]:
    """Writers create organisations until the database is killed; check after the restart."""
    db = Database(conn)  # like the web app: not patient
    acknowledged: list[str] = []
    attempted: list[str] = []
    refused = Counter[str]()
    lock = threading.Lock()
    stop = threading.Event()

    def write(writer: int) -> None:
        n = 0
        while not stop.is_set():
            item = f"burst-{number}-{writer}-{n}"
            n += 1
            with lock:
                attempted.append(item)
            try:
                ORGANISATIONS.create(db, item, {"name": f"Burst {item}", "type": "test",
                                                "nation": "Wales", "region": None,
                                                "website": None})
            except DatabaseUnavailable:
                with lock:
                    refused["unavailable"] += 1
                time.sleep(0.05)
                continue
            except Exception as exc:
                with lock:
                    refused[type(exc).__name__] += 1
                continue
            with lock:
                acknowledged.append(item)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    time.sleep(kill_after)
    kill_database(server)
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    db.close()
    check = Database(restart(server))
    snap = backup.snapshot(check)
    check.close()
    orgs = {n["props"]["id"]: n for n in snap["nodes"] if "Organisation" in n["labels"]}
    audited = {n["props"].get("entity_id") for n in snap["nodes"] if "AuditEntry" in n["labels"]
               and n["props"].get("action") == "create"}

    def whole(item: str) -> bool:
        node = orgs.get(item)
        return (node is not None and {"Organisation", "Actor"} <= set(node["labels"])
                and node["props"].get("name") == f"Burst {item}" and item in audited)

    lost = [i for i in acknowledged if not whole(i)]
    unacknowledged = [i for i in attempted if i not in set(acknowledged)]
    half = [i for i in unacknowledged if (i in orgs or i in audited) and not whole(i)]
    landed_unacked = [i for i in unacknowledged if whole(i)]
    return {"kill_after_s": kill_after, "writers": writers, "attempted": len(attempted),
            "acknowledged": len(acknowledged), "acknowledged_lost": len(lost),
            "unacknowledged": len(unacknowledged), "unacknowledged_half_there": len(half),
            "unacknowledged_but_committed": len(landed_unacked), "refusals": dict(refused),
            "ok": not lost and not half}


def main(argv: list[str] | None = None) -> int:
    """Run the drill and print what it found."""
    parser = argparse.ArgumentParser(description="Kill the database during writes; check.")
    parser.add_argument("--size", choices=list(SIZES), default="M")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="tracker-faults-"))
    server = LocalServer(root / "neo4j-server", heap=args.heap, pagecache="256m")
    env = dict(os.environ, TRACKER_DATA_DIR=str(server.root))
    env.pop("NEO4J_URI", None)
    report: dict[str, Any] = {"size": args.size, "imports": [], "bursts": []}
    try:
        log(f"Starting a throwaway Neo4j in {root}…")
        conn = server.start(timeout=300)
        db = Database(conn)
        db.apply_schema()
        file = root / "doc.json"
        file.write_text(json.dumps(generate(args.size)))
        log("Clean import for the reference counts…")
        started = time.monotonic()
        result = subprocess.run([str(Path(sys.executable).parent / "tracker"), "import",
                                 str(file)], env=env, capture_output=True, text=True)
        clean_seconds = time.monotonic() - started
        if result.returncode != 0:
            raise SystemExit(f"the clean import failed: {result.stdout}{result.stderr}")
        reference = shape(db)
        log(f"  {clean_seconds:.1f} s: {reference['nodes']}")
        for r in range(args.rounds):
            delay = round(clean_seconds * (r + 1) / (args.rounds + 1), 2)
            log(f"Import round {r + 1}: kill -9 after {delay} s…")
            outcome = import_round(server, file, delay, reference, env)
            log(f"  {outcome}")
            report["imports"].append(outcome)
        db = Database(server.connection())
        db.clear()
        db.close()
        for r in range(args.rounds):
            kill_after = 2.0 + r
            log(f"Burst round {r + 1}: {args.writers} writers, kill -9 after {kill_after} s…")
            outcome = burst_round(server, server.connection(), args.writers, kill_after, r)
            log(f"  {outcome}")
            report["bursts"].append(outcome)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    report["ok"] = all(o["ok"] for o in report["imports"] + report["bursts"])
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for o in report["imports"]:
            print(f"import killed after {o['delay_s']} s: CLI exit {o['cli_exit']}, stored "
                  f"{o['stored']} -> {'OK' if o['ok'] else 'FAILED'}")
        for o in report["bursts"]:
            print(f"burst killed after {o['kill_after_s']} s: {o['acknowledged']} acknowledged "
                  f"({o['acknowledged_lost']} lost), {o['unacknowledged']} unacknowledged "
                  f"({o['unacknowledged_half_there']} half there, "
                  f"{o['unacknowledged_but_committed']} committed whole) -> "
                  f"{'OK' if o['ok'] else 'FAILED'}")
        print("nothing lost" if report["ok"] else "SOMETHING WAS LOST OR HALF WRITTEN")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
