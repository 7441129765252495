"""A bounded mixed read/write load against the tracker on 127.0.0.1, with latency percentiles.

    .venv/bin/python bench/load.py --size S [--size L] [--duration 30] [--requests 3000]
                                   [--threads 8] [--write-share 0.2] [--json]

For each size a throwaway Neo4j (in a temporary folder) is loaded with bench/generate.py's
document, the real app is served by waitress on a free 127.0.0.1 port, and ``--threads`` clients
(each logged in as an editor, with its own session and CSRF token) send a mix of page views, API
calls and writes (new organisations and edits of them, through the real forms) until either
``--duration`` seconds have passed or ``--requests`` requests were sent: it always stops by
itself. Printed per size: throughput, error count and p50/p95/p99 per endpoint. Everything is
on 127.0.0.1; ``--url`` (an already running tracker, with ``--user`` and
``--password-file``) is refused unless it is on 127.0.0.1 too.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

from waitress import create_server

from tracker import create_app
from tracker.db import Database
from tracker.localdb import LocalServer
from tracker.repositories import users
from tracker.repositories.graph import import_document

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))

from generate import SIZES, generate  # noqa: E402

PASSWORD = "load-test-password-123"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def log(message: str) -> None:
    """A progress line on stderr."""
    print(message, file=sys.stderr, flush=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a redirect as the response (a 302 after a form post is the success)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    """One logged-in browser-like session: cookies and a CSRF token."""

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())
        page = self.get("/login")[1]
        self.csrf = _CSRF.search(page).group(1)  # type: ignore[union-attr]
        status, _ = self.post("/login", {"username": username, "password": password})
        if status != 302:
            raise RuntimeError(f"login as {username} failed ({status})")

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
        except OSError as exc:  # a timeout or a refused connection is an error, not a crash
            return 0, f"{type(exc).__name__}: {exc}"

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode({"csrf_token": self.csrf, **data}).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, method="POST"))


class Load:
    """Shared state of one run: the budget, the samples and the ids the writers created."""

    def __init__(self, duration: float, budget: int, org_ids: list[str], event_ids: list[str],
                 write_share: float) -> None:
        self.deadline = time.monotonic() + duration
        self.budget = budget
        self.sent = 0
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_examples: list[str] = []
        self.org_ids = org_ids
        self.event_ids = event_ids
        self.write_share = write_share
        self.created: list[str] = []

    def take(self) -> bool:
        """Reserve one request of the budget; False when the run is over."""
        with self.lock:
            if self.sent >= self.budget or time.monotonic() >= self.deadline:
                return False
            self.sent += 1
            return True

    def record(self, endpoint: str, seconds: float, ok: bool, detail: str) -> None:
        with self.lock:
            self.samples[endpoint].append(seconds)
            if not ok:
                self.errors[endpoint] += 1
                if len(self.error_examples) < 5:
                    self.error_examples.append(f"{endpoint}: {detail}")


READS = [
    ("GET /", lambda load, rng: "/"),
    ("GET /organisations", lambda load, rng: "/organisations"),
    ("GET /organisations/<id>", lambda load, rng: f"/organisations/{rng.choice(load.org_ids)}"),
    ("GET /events", lambda load, rng: "/events"),
    ("GET /events/<id>", lambda load, rng: f"/events/{rng.choice(load.event_ids)}"),
    ("GET /growth", lambda load, rng: "/growth"),
    ("GET /reach", lambda load, rng: "/reach"),
    ("GET /api/v1/growth", lambda load, rng: "/api/v1/growth"),
    ("GET /healthz", lambda load, rng: "/healthz"),
]


def worker(load: Load, client: Client, number: int) -> None:
    """Send requests until the budget or the time is used up."""
    rng = random.Random(number)
    made = 0
    while load.take():
        if rng.random() < load.write_share:
            if made and rng.random() < 0.5:
                item = f"load-{number}-{rng.randrange(made)}"
                endpoint, path = "POST /organisations/<id>/edit", f"/organisations/{item}/edit"
                data = {"id": item, "name": f"Load test organisation {item} v{rng.random():.6f}"}
            else:
                item = f"load-{number}-{made}"
                endpoint, path = "POST /organisations/new", "/organisations/new"
                data = {"id": item, "name": f"Load test organisation {item}",
                        "nation": "Wales", "create_anyway": "y"}
            started = time.perf_counter()
            status, body = client.post(path, data)
            ok = status == 302
            if ok and endpoint.endswith("/new"):
                made += 1
                with load.lock:
                    load.created.append(item)
        else:
            endpoint, make = rng.choice(READS)
            started = time.perf_counter()
            status, body = client.get(make(load, rng))
            ok = status == 200
        load.record(endpoint, time.perf_counter() - started, ok, f"{status} {body[:120]!r}")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values, nearest rank."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def drive(base: str, username: str, password: str, org_ids: list[str], event_ids: list[str],
          threads: int, duration: float, budget: int, write_share: float) -> dict[str, Any]:
    """Run the load against base and summarise it."""
    clients = [Client(base, username, password) for _ in range(threads)]
    load = Load(duration, budget, org_ids, event_ids, write_share)
    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(load, c, i), daemon=True)
            for i, c in enumerate(clients)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    total = sum(len(v) for v in load.samples.values())
    endpoints = {
        name: {"count": len(v), "errors": load.errors.get(name, 0),
               "p50_ms": round(percentile(v, 50) * 1000, 1),
               "p95_ms": round(percentile(v, 95) * 1000, 1),
               "p99_ms": round(percentile(v, 99) * 1000, 1),
               "mean_ms": round(statistics.fmean(v) * 1000, 1)}
        for name, v in sorted(load.samples.items())}
    return {"requests": total, "seconds": round(elapsed, 2),
            "throughput_rps": round(total / elapsed, 1) if elapsed else 0.0,
            "errors": sum(load.errors.values()), "error_examples": load.error_examples,
            "threads": threads, "written": len(load.created), "endpoints": endpoints}


def serve_app(db: Any) -> tuple[str, Any]:
    """The real app under waitress on a free 127.0.0.1 port, in a daemon thread."""
    app = create_app({"DATABASE": db})
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", server


def run_size(size: str, args: argparse.Namespace) -> dict[str, Any]:
    """Load one size into a throwaway server, serve the app, drive the load, clean up."""
    root = Path(tempfile.mkdtemp(prefix="tracker-load-"))
    server = LocalServer(root, heap=args.heap, pagecache=args.pagecache)
    try:
        log(f"[{size}] starting a throwaway Neo4j in {root}…")
        db = Database(server.start(timeout=300))
        db.apply_schema()
        doc = generate(size)
        started = time.perf_counter()
        import_document(db, doc)
        log(f"[{size}] imported in {time.perf_counter() - started:.1f} s")
        users.create(db, "load-editor", "editor", PASSWORD)
        base, http_server = serve_app(db)
        org_ids = [o["id"] for o in doc["organisations"]]
        event_ids = [e["id"] for e in doc["events"]]
        drive(base, "load-editor", PASSWORD, org_ids, event_ids, 2, 3, 40, 0.0)  # warm caches
        log(f"[{size}] load: {args.threads} clients, {args.duration} s or {args.requests} "
            "requests…")
        result = drive(base, "load-editor", PASSWORD, org_ids, event_ids, args.threads,
                       args.duration, args.requests, args.write_share)
        result["size"] = size
        http_server.close()
        db.close()
        return result
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def print_result(result: dict[str, Any]) -> None:
    """A readable table of one run."""
    print(f"size {result.get('size', '?')}: {result['requests']} requests in {result['seconds']} s"
          f" = {result['throughput_rps']} req/s, {result['errors']} errors, "
          f"{result['written']} organisations created, {result['threads']} clients")
    print(f"  {'endpoint':32} {'count':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, e in result["endpoints"].items():
        print(f"  {name:32} {e['count']:>6} {e['errors']:>4} {e['p50_ms']:>8} {e['p95_ms']:>8}"
              f" {e['p99_ms']:>8}")
    for example in result["error_examples"]:
        print(f"  error: {example}")


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run each size, print."""
    parser = argparse.ArgumentParser(description="Bounded mixed load on 127.0.0.1.")
    parser.add_argument("--size", action="append", choices=list(SIZES))
    parser.add_argument("--duration", type=float, default=30.0, help="seconds (upper bound)")
    parser.add_argument("--requests", type=int, default=3000, help="requests (upper bound)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--write-share", type=float, default=0.2)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="512m")
    parser.add_argument("--url", help="an already running tracker on 127.0.0.1 instead")
    parser.add_argument("--user", default="load-editor")
    parser.add_argument("--password-file", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.requests <= 0 or args.threads <= 0:
        parser.error("--duration, --requests and --threads must be positive")
    results = []
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            parser.error("--url must be on 127.0.0.1: this tool never loads another machine")
        if args.password_file is None:
            parser.error("--url needs --password-file for --user")
        password = args.password_file.read_text().strip()
        probe = Client(args.url.rstrip("/"), args.user, password)
        page = probe.get("/organisations")[1]
        org_ids = sorted(set(re.findall(r'href="/organisations/([^"/?]+)"', page))) or ["none"]
        page = probe.get("/events")[1]
        event_ids = sorted(set(re.findall(r'href="/events/([^"/?]+)"', page))) or ["none"]
        results.append(drive(args.url.rstrip("/"), args.user, password, org_ids, event_ids,
                             args.threads, args.duration, args.requests, args.write_share))
    else:
        for size in args.size or ["S"]:
            results.append(run_size(size, args))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for result in results:
            print_result(result)
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
