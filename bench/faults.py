"""A fault drill: kill -9 the database during an import and during a burst of writes, restart
it, and check that nothing acknowledged was lost and nothing unacknowledged is half there.

    .venv/bin/python bench/faults.py [--size M] [--rounds 3] [--writers 8] [--json]

Everything runs on a throwaway Neo4j on 127.0.0.1 (a temporary folder, removed at the end).

Import rounds: ``tracker import`` (the real CLI, in a subprocess) imports bench/generate.py's
document while the database process is killed with SIGKILL, then restarted: round one when the
CLI reports the end of the write's first step, later rounds at later steps, the last at the end
of the last step (the import is committing). The CLI either reports success (exit 0) or
failure; the check is that the database then holds the whole document (exactly the counts of a
clean import) when the CLI said so, and none of it when it did not.

Write-burst rounds: ``--writers`` threads create organisations through the repository (as the
web app does: no waiting for the database); the database is killed once ``--kill-at`` (times the
round number) creates were acknowledged, so commits are flowing when it dies. A create that
returned is acknowledged; one whose connection was lost while it was in flight is in doubt; one
refused at once (the database already known to be down) was never sent. After the restart
every acknowledged organisation must be there with its name and its audit entry, every one in
doubt either wholly there (node, labels, name and audit entry: it committed but the answer was
lost) or wholly absent, and nothing else of the round may exist. A round in which no write was
in flight at the kill tested nothing and fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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


#: A progress line of ``tracker import`` that ends a step ("  add attendance: 30,000/30,000").
STEP_DONE = re.compile(r"^\s+(.+): ([\d,]+)/\2$")


def steps_done(output: str) -> list[str]:
    """The import's progress lines that end a step, in order (they are always printed)."""
    return [line for line in output.splitlines() if STEP_DONE.match(line)]


def _read_lines(stream: Any, lines: list[tuple[float, str]], target: str,
                reached: threading.Event) -> None:
    """Collect a subprocess's output lines with the time each arrived; set `reached` when the
    target line appears (or the output ends)."""
    for line in stream:
        lines.append((time.monotonic(), line.rstrip()))
        if line.rstrip() == target:
            reached.set()
    reached.set()


def import_round(server: LocalServer, file: Path, target: str,
                 reference: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """One import, the database killed as soon as the CLI printed the progress line `target`
    (the end of one step of the import's write: a transaction is open, or at the last step
    committing); returns what the CLI said (the line it had reached when the database died and
    what it said after) and what is stored."""
    db = Database(server.connection())
    db.clear()
    db.close()
    started = time.monotonic()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "tracker"), "import", str(file)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[tuple[float, str]] = []
    reached = threading.Event()
    reader = threading.Thread(target=_read_lines, args=(proc.stdout, lines, target, reached),
                              daemon=True)
    reader.start()
    reached.wait(900)
    killed_while_running = proc.poll() is None
    killed_at = time.monotonic()
    kill_database(server)
    db = Database(restart(server))
    proc.wait(timeout=900)
    reader.join(timeout=30)
    stored = shape(db)
    db.close()
    empty = not stored["nodes"]
    whole = stored == reference
    acknowledged = proc.returncode == 0
    ok = (acknowledged and whole) or (not acknowledged and empty)
    before = [text for at, text in lines if at <= killed_at and not text.startswith("[#")]
    after = [text for at, text in lines if at > killed_at and not text.startswith("[#")]
    return {"kill_on": target.strip(), "killed_after_s": round(killed_at - started, 1),
            "killed_while_importing": killed_while_running,
            "cli_at_kill": before[-1:], "cli_after_kill": after[-4:],
            "cli_notes_after_kill": [t for t in after if not STEP_DONE.match(t)
                                     and not t.startswith("  ")][:6],
            "cli_exit": proc.returncode,
            "stored": "whole document" if whole else "nothing" if empty else "PARTIAL",
            "ok": ok, "seconds": round(time.monotonic() - started, 1)}


def burst_round(server: LocalServer, conn: Any, writers: int, kill_at: int,
                number: int) -> dict[str, Any]:
    """Writers create organisations until the database is killed, which happens once `kill_at`
    creates were acknowledged (so commits are flowing when it dies); check after the restart.

    Each attempted create ends as one of: acknowledged (it returned); refused at once (the
    database was already known to be down: nothing was sent); in doubt (the connection was lost
    while it was in flight, so the writer cannot know whether it committed)."""
    db = Database(conn)  # like the web app: not patient
    acknowledged: list[str] = []
    in_doubt: list[str] = []
    refused = Counter[str]()
    lock = threading.Lock()
    stop = threading.Event()
    enough = threading.Event()

    def write(writer: int) -> None:
        n = 0
        while not stop.is_set():
            item = f"burst-{number}-{writer}-{n}"
            n += 1
            try:
                ORGANISATIONS.create(db, item, {"name": f"Burst {item}", "type": "test",
                                                "nation": "Wales", "region": None,
                                                "website": None})
            except DatabaseUnavailable as exc:
                with lock:
                    if "a moment ago" in str(exc):  # the breaker: never sent
                        refused["database known to be down"] += 1
                    else:
                        in_doubt.append(item)
                time.sleep(0.05)
                continue
            except Exception as exc:  # a commit cut short: in doubt as well
                with lock:
                    in_doubt.append(item)
                    refused[type(exc).__name__] += 1
                continue
            with lock:
                acknowledged.append(item)
                if len(acknowledged) >= kill_at:
                    enough.set()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    enough.wait(600)
    with lock:
        acked_before_kill = len(acknowledged)
    kill_database(server)
    killed_after = time.monotonic() - started
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

    ours = {i for i in set(orgs) | audited if isinstance(i, str) and i.startswith(f"burst-{number}-")}
    lost = [i for i in acknowledged if not whole(i)]
    half = [i for i in ours if not whole(i)]
    doubt_landed = [i for i in in_doubt if whole(i)]
    stray = [i for i in ours if i not in set(acknowledged) | set(in_doubt)]
    return {"writers": writers, "killed_after_s": round(killed_after, 1),
            "acknowledged_when_killed": acked_before_kill,
            "acknowledged": len(acknowledged), "acknowledged_lost": len(lost),
            "in_doubt": len(in_doubt), "in_doubt_committed_whole": len(doubt_landed),
            "in_doubt_absent": len(in_doubt) - len(doubt_landed),
            "half_there": len(half), "never_attempted_but_stored": len(stray),
            "refusals": dict(refused),
            "ok": not lost and not half and not stray and bool(in_doubt)}


def main(argv: list[str] | None = None) -> int:
    """Run the drill and print what it found."""
    parser = argparse.ArgumentParser(description="Kill the database during writes; check.")
    parser.add_argument("--size", choices=list(SIZES), default="M")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--kill-at", type=int, default=25,
                        help="kill once this many writes (x the round number) were acknowledged")
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
        steps = steps_done(result.stdout + result.stderr)
        if not steps:
            raise SystemExit("the clean import printed no progress lines to kill on")
        for r in range(args.rounds):
            # The first step, then later ones; the last round kills at the last step's end,
            # when the import is committing.
            target = steps[round(r * (len(steps) - 1) / max(1, args.rounds - 1))]
            log(f"Import round {r + 1}: kill -9 when the CLI prints {target.strip()!r}…")
            outcome = import_round(server, file, target, reference, env)
            log(f"  {outcome}")
            report["imports"].append(outcome)
        db = Database(server.connection())
        db.clear()
        db.close()
        for r in range(args.rounds):
            kill_at = args.kill_at * (r + 1)
            log(f"Burst round {r + 1}: {args.writers} writers, kill -9 once {kill_at} writes "
                "were acknowledged…")
            outcome = burst_round(server, server.connection(), args.writers, kill_at, r)
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
            print(f"import killed at {o['kill_on']!r}, {o['killed_after_s']} s in "
                  f"({'while importing' if o['killed_while_importing'] else 'AFTER it ended'}; "
                  f"it was at {o['cli_at_kill']}): afterwards it said {o['cli_after_kill']}; "
                  f"CLI exit {o['cli_exit']}, stored {o['stored']} -> "
                  f"{'OK' if o['ok'] else 'FAILED'}")
        for o in report["bursts"]:
            print(f"burst killed after {o['killed_after_s']} s "
                  f"({o['acknowledged_when_killed']} acknowledged by then): "
                  f"{o['acknowledged']} acknowledged ({o['acknowledged_lost']} lost), "
                  f"{o['in_doubt']} in doubt (in flight at the kill: "
                  f"{o['in_doubt_committed_whole']} committed whole, {o['in_doubt_absent']} "
                  f"absent), {o['half_there']} half there, refused at once "
                  f"{o['refusals']} -> {'OK' if o['ok'] else 'FAILED'}")
        print("nothing lost" if report["ok"] else "SOMETHING WAS LOST OR HALF WRITTEN")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
