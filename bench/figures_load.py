"""Figures for issue 16, item 4: throughput under a bounded mixed load, waitress vs gunicorn.

At each size the app is started twice on 127.0.0.1 against ctx.db's server (``tracker serve
--server waitress`` then ``--server gunicorn``, both with ``TRACKER_THREADS`` threads per
process), a logged-in editor's pages are warmed once, and then :data:`CLIENTS` client threads
send requests for :data:`SECONDS` seconds (or :data:`MAX_REQUESTS`, whichever comes first): the
main pages and APIs in a fixed rotation, and every :data:`WRITE_EVERY`-th request a write (a new
person through the form, CSRF token and all). It stops by itself.

- ``load_rps_<server>`` (requests per second), ``load_errors_<server>`` (5xx, 4xx other than the
  expected redirects, and connection errors), ``load_p95_<server>`` (seconds);
- ``load_l_over_s`` (and ``load_<server>_l_over_s``): throughput at this size over throughput
  at S for the chosen server (:data:`CHOSEN`). Target: at least 0.5, with zero errors.

This is a self-contained driver; when ``bench/load.py`` (the load and fault drill of issue 14)
lands, its request mix can replace :func:`_drill` without changing the figures.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from tracker.repositories import users

CLIENTS = 12
TIMEOUT = 300  # seconds per request: a cold L analysis on a shared machine can take minutes
SECONDS = float(os.environ.get("TRACKER_LOAD_SECONDS", "20"))
MAX_REQUESTS = 20_000
WRITE_EVERY = 25
THREADS = 8
SERVERS = ("waitress", "gunicorn")
CHOSEN = "gunicorn"
USER, PASSWORD = "bench-load", "bench-load-password"
READS = ("/", "/organisations", "/events", "/people", "/growth", "/network",
         "/api/v1/metrics", "/api/v1/network", "/reach", "/organisations/{busiest}")
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Client:
    """A logged-in browser-like client (cookies, CSRF from the form)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=TIMEOUT) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    def post_form(self, path: str, fields: dict[str, str]) -> int:
        status, html = self.get(path)
        match = TOKEN.search(html)
        if status != 200 or not match:
            return status if status != 200 else 599
        data = urllib.parse.urlencode({"csrf_token": match.group(1), **fields}).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=TIMEOUT) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def login(self) -> None:
        status = self.post_form("/login", {"username": USER, "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"bench login failed with {status}")


def _start(ctx: Any, server: str, port: int, folder: Path) -> subprocess.Popen[bytes]:
    conn = ctx.db.connection
    env = dict(os.environ, NEO4J_URI=conn.uri, NEO4J_USER=conn.user,
               NEO4J_PASSWORD=conn.password, NEO4J_DATABASE=conn.database,
               SECRET_KEY="bench-load-secret", TRACKER_DATA_DIR=str(folder),
               TRACKER_THREADS=str(THREADS))
    cmd = [str(Path(sys.executable).parent / "tracker"), "serve", "--server", server,
           "--port", str(port)]
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"{server} did not answer on port {port}")


def _warm(clients: list[_Client], paths: list[str]) -> None:
    """The first request of each page after loading is not part of the drill. Every client
    asks for every page once, all at the same time, so that each server process (gunicorn
    runs several, each with its own cache) has had its first request of each page."""

    def one(client: _Client) -> None:
        for path in paths:
            try:
                client.get(path)
            except OSError as exc:  # a slow warm-up is not an error of the drill; say so
                print(f"  warm-up of {path}: {type(exc).__name__}", file=sys.stderr)

    threads = [threading.Thread(target=one, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _request(client: _Client, path: str, new_person: str | None) -> tuple[bool, object]:
    """One read (new_person None) or one person created; (ok, status or the error)."""
    try:
        if new_person is not None:
            status = client.post_form(path, {"name": new_person})
            return status in (200, 302, 303), status
        status, _ = client.get(path)
        return status == 200, status
    except OSError as exc:
        return False, f"{type(exc).__name__}: {exc}"


def _drill(base: str, paths: list[str], tag: str) -> dict[str, float]:
    """CLIENTS threads for SECONDS: reads in rotation, a person created every WRITE_EVERY."""
    clients = [_Client(base) for _ in range(CLIENTS)]
    for client in clients:
        client.login()
    _warm(clients, paths)
    lock = threading.Lock()
    latencies: list[float] = []
    per_path: dict[str, list[float]] = {}
    errors = [0]
    failures: list[str] = []
    count = [0]
    stop = time.monotonic() + SECONDS

    def work(number: int, client: _Client) -> None:
        i = number
        while time.monotonic() < stop:
            with lock:
                if count[0] >= MAX_REQUESTS:
                    return
                count[0] += 1
                n = count[0]
            started = time.perf_counter()
            write = n % WRITE_EVERY == 0
            path = "/people/new" if write else paths[i % len(paths)]
            ok, status = _request(client, path, f"Load person {tag} {n}" if write else None)
            with lock:
                latencies.append(time.perf_counter() - started)
                per_path.setdefault(path, []).append(latencies[-1])
                if not ok:
                    errors[0] += 1
                    failures.append(f"{path} -> {status}")
            i += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(k, c)) for k, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    for failure in failures[:10]:
        print(f"  load error: {failure}", file=sys.stderr)
    for path, values in sorted(per_path.items()):
        values.sort()
        print(f"  {tag} {path:32} n={len(values):5} p50={_pick(values, 0.50):7.3f} s "
              f"p95={_pick(values, 0.95):7.3f} s p99={_pick(values, 0.99):7.3f} s "
              f"max={values[-1]:7.3f} s", file=sys.stderr)
    return {"rps": round(len(latencies) / elapsed, 2), "errors": errors[0],
            "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else 0.0,
            "median": round(statistics.median(latencies), 3) if latencies else 0.0}


def _pick(ordered: list[float], q: float) -> float:
    """The q-quantile (0-1) of an ordered list, nearest rank."""
    return ordered[int(q * (len(ordered) - 1))]


def figures(ctx: Any) -> dict[str, float]:
    """Throughput, errors and p95 for both servers at this size; L over S for the chosen one."""
    with contextlib.suppress(users.UsernameTaken):
        users.create(ctx.db, USER, "editor", PASSWORD)
    paths = [p.format(busiest=_busiest(ctx)) for p in READS]
    out: dict[str, float] = {}
    for server in SERVERS:
        folder = Path(tempfile.mkdtemp(prefix="tracker-load-"))
        port = _free_port()
        process = _start(ctx, server, port, folder)
        try:
            ctx.log(f"[{ctx.size}] load drill on {server}…")
            result = _drill(f"http://127.0.0.1:{port}", paths, f"{ctx.size} {server}")
        finally:
            process.terminate()
            process.wait(timeout=30)
        out[f"load_rps_{server}"] = result["rps"]
        out[f"load_errors_{server}"] = result["errors"]
        out[f"load_p95_{server}"] = result["p95"]
    base = ctx.results.get("S")
    if ctx.size != "S" and base:
        for server in SERVERS:
            out[f"load_{server}_l_over_s"] = round(out[f"load_rps_{server}"]
                                                   / base[f"load_rps_{server}"], 3)
        out["load_l_over_s"] = out[f"load_{CHOSEN}_l_over_s"]
    return out


def _busiest(ctx: Any) -> str:
    """The organisation with the most attendance and contributions (from the loaded document)."""
    counts: dict[str, int] = {}
    for event in ctx.doc.get("events", []):
        for record in event.get("attendance", []):
            counts[record["organisation"]] = counts.get(record["organisation"], 0) + 1
        for record in event.get("contributors", []):
            counts[record["actor"]] = counts.get(record["actor"], 0) + 1
    orgs = {o["id"] for o in ctx.doc.get("organisations", [])}
    return max((o for o in counts if o in orgs), key=lambda o: (counts[o], o))
