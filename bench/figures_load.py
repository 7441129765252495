"""Figures for issue 16, item 4: throughput under a bounded mixed load, waitress vs gunicorn.

The app is started on 127.0.0.1 (``tracker serve --server waitress``, then ``--server
gunicorn``, both with ``TRACKER_THREADS`` threads per process), a logged-in editor's pages are
warmed, and then :data:`CLIENTS` client threads send requests for a window of
:data:`SECONDS` seconds (or :data:`MAX_REQUESTS` requests): the main pages and APIs in a fixed
rotation, and every :data:`WRITE_EVERY`-th request a write (a new person through the form, CSRF
token and all). It stops by itself.

At S one app runs against the S database. At larger sizes two apps run at once, one against
this size's database and one against the S side (``bench/s_side.py``: the S document on a
second server), and their windows take turns, S, L, S, L, … (:data:`ROUNDS` each), so that
both sides of the ratio share the machine's load at the same moments.

- ``load_rps_<server>`` (requests per second), ``load_errors_<server>`` (5xx, 4xx other than the
  expected redirects, and connection errors), ``load_p95_<server>`` (seconds), and at larger
  sizes the S side's ``load_rps_<server>_s_side`` / ``load_errors_<server>_s_side`` from the
  same run;
- ``load_l_over_s`` (and ``load_<server>_l_over_s``): throughput at this size over the S side's
  throughput in the same run, for the chosen server (:data:`CHOSEN`). Target: at least 0.5,
  with zero errors on both sides.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import s_side

from tracker.db import Database
from tracker.repositories import users

CLIENTS = 12
TIMEOUT = 300  # seconds per request: a cold L analysis on a shared machine can take minutes
SECONDS = float(os.environ.get("TRACKER_LOAD_SECONDS", "20"))
MAX_REQUESTS = 20_000
WRITE_EVERY = 25
THREADS = 8
ROUNDS = 3  # windows per side at sizes other than S, taking turns with the S side
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


def _start(db: Database, server: str, port: int, folder: Path) -> subprocess.Popen[bytes]:
    conn = db.connection
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


class _Drill:
    """One app under load: logged-in, warmed clients, and what its windows measured."""

    def __init__(self, base: str, paths: list[str], tag: str) -> None:
        self.paths, self.tag = paths, tag
        self.clients = [_Client(base) for _ in range(CLIENTS)]
        for client in self.clients:
            client.login()
        _warm(self.clients, paths)
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.per_path: dict[str, list[float]] = {}
        self.failures: list[str] = []
        self.count = 0
        self.elapsed = 0.0

    def window(self, seconds: float) -> None:
        """CLIENTS threads for `seconds`: reads in rotation, a person created every
        WRITE_EVERY requests. Requests started in the window are waited for and counted."""
        stop = time.monotonic() + seconds
        started = time.perf_counter()
        threads = [threading.Thread(target=self._work, args=(k, c, stop))
                   for k, c in enumerate(self.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.elapsed += time.perf_counter() - started

    def _work(self, number: int, client: _Client, stop: float) -> None:
        i = number + self.count
        while time.monotonic() < stop:
            with self.lock:
                if self.count >= MAX_REQUESTS:
                    return
                self.count += 1
                n = self.count
            started = time.perf_counter()
            write = n % WRITE_EVERY == 0
            path = "/people/new" if write else self.paths[i % len(self.paths)]
            ok, status = _request(client, path, f"Load person {self.tag} {n}" if write else None)
            with self.lock:
                self.latencies.append(time.perf_counter() - started)
                self.per_path.setdefault(path, []).append(self.latencies[-1])
                if not ok:
                    self.failures.append(f"{path} -> {status}")
            i += 1

    def summary(self) -> dict[str, float]:
        """Requests per second over all windows, errors, p95 and median; per-page lines on
        stderr."""
        latencies = sorted(self.latencies)
        for failure in self.failures[:10]:
            print(f"  load error: {failure}", file=sys.stderr)
        for path, values in sorted(self.per_path.items()):
            values.sort()
            print(f"  {self.tag} {path:32} n={len(values):5} p50={_pick(values, 0.50):7.3f} s "
                  f"p95={_pick(values, 0.95):7.3f} s p99={_pick(values, 0.99):7.3f} s "
                  f"max={values[-1]:7.3f} s", file=sys.stderr)
        return {"rps": round(len(latencies) / self.elapsed, 2) if self.elapsed else 0.0,
                "errors": len(self.failures),
                "p95": _pick(latencies, 0.95) if latencies else 0.0,
                "median": round(statistics.median(latencies), 3) if latencies else 0.0}


def _pick(ordered: list[float], q: float) -> float:
    """The q-quantile (0-1) of an ordered list, nearest rank."""
    return round(ordered[int(q * (len(ordered) - 1))], 3)


@dataclass
class _App:
    """One app process serving one database."""

    db: Database
    paths: list[str]
    tag: str


def _drive(apps: list[_App], server: str, log: Any) -> list[dict[str, float]]:
    """Start `server` once per app, then the apps' load windows in turns (one window each at
    S, ROUNDS each otherwise); the summary of each app."""
    processes: list[subprocess.Popen[bytes]] = []
    try:
        drills = []
        for app in apps:
            port = _free_port()
            processes.append(_start(app.db, server, port, Path(tempfile.mkdtemp(
                prefix="tracker-load-"))))
            drills.append(_Drill(f"http://127.0.0.1:{port}", app.paths, f"{app.tag} {server}"))
        rounds = 1 if len(apps) == 1 else ROUNDS
        for round_ in range(rounds):
            for drill in drills:
                drill.window(SECONDS / rounds if len(apps) == 1 else SECONDS)
            log(f"  {server} round {round_ + 1}: " + ", ".join(
                f"{d.tag} {d.count} requests" for d in drills))
        return [d.summary() for d in drills]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def figures(ctx: Any) -> dict[str, float]:
    """Throughput, errors and p95 for both servers at this size; at larger sizes the S side in
    turns with it, and L over S for the chosen server."""
    if ctx.size == "S":
        s_side.ensure(ctx.doc, ctx.log)  # for the larger sizes
    apps = [_App(ctx.db, _paths(ctx.doc), ctx.size)]
    if ctx.size != "S":
        apps.insert(0, _App(s_side.database(), _paths(s_side.document()), "S side"))
    for app in apps:
        with contextlib.suppress(users.UsernameTaken):
            users.create(app.db, USER, "editor", PASSWORD)
    out: dict[str, float] = {}
    for server in SERVERS:
        ctx.log(f"[{ctx.size}] load drill on {server}…")
        results = _drive(apps, server, ctx.log)
        here = results[-1]
        out[f"load_rps_{server}"] = here["rps"]
        out[f"load_errors_{server}"] = here["errors"]
        out[f"load_p95_{server}"] = here["p95"]
        if len(results) == 2:
            base = results[0]
            out[f"load_rps_{server}_s_side"] = base["rps"]
            out[f"load_errors_{server}_s_side"] = base["errors"]
            out[f"load_{server}_l_over_s"] = round(here["rps"] / base["rps"], 3)
    if ctx.size != "S":
        out["load_l_over_s"] = out[f"load_{CHOSEN}_l_over_s"]
    return out


def _paths(doc: dict[str, Any]) -> list[str]:
    return [p.format(busiest=_busiest(doc)) for p in READS]


def _busiest(doc: dict[str, Any]) -> str:
    """The organisation with the most attendance and contributions (from the loaded document)."""
    counts: dict[str, int] = {}
    for event in doc.get("events", []):
        for record in event.get("attendance", []):
            counts[record["organisation"]] = counts.get(record["organisation"], 0) + 1
        for record in event.get("contributors", []):
            counts[record["actor"]] = counts.get(record["actor"], 0) + 1
    orgs = {o["id"] for o in doc.get("organisations", [])}
    return max((o for o in counts if o in orgs), key=lambda o: (counts[o], o))
