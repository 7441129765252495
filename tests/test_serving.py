"""Serving: waitress or gunicorn (gthread) from one setting, the driver pool sized to it."""

import importlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tracker import db as db_module
from tracker import serving


def test_the_driver_pool_follows_the_request_threads(monkeypatch):
    monkeypatch.setenv("TRACKER_THREADS", "12")
    assert serving.threads() == 12
    assert db_module.pool_size() == 14
    monkeypatch.delenv("TRACKER_THREADS")
    assert serving.threads() == serving.DEFAULT_THREADS
    assert db_module.pool_size() == serving.DEFAULT_THREADS + 2


def test_gunicorn_config_module_uses_gthread_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRACKER_WORKERS", "3")
    monkeypatch.setenv("TRACKER_THREADS", "5")
    conf = importlib.reload(importlib.import_module("tracker.gunicorn_conf"))
    assert (conf.worker_class, conf.workers, conf.threads) == ("gthread", 3, 5)
    options = serving.gunicorn_options("127.0.0.1", 8000, 2, 4)
    assert options["bind"] == "127.0.0.1:8000"
    assert options["worker_class"] == "gthread"


def test_serve_refuses_an_unknown_server(cli):
    result = cli("serve", "--server", "uwsgi")
    assert result.exit_code == 2
    assert "uwsgi" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("server", ["gunicorn", "waitress"])
def test_tracker_serve_answers_on_both_servers(neo4j_connection, tmp_path, server):
    port = _free_port()
    env = dict(os.environ, NEO4J_URI=neo4j_connection.uri, NEO4J_USER=neo4j_connection.user,
               NEO4J_PASSWORD=neo4j_connection.password,
               NEO4J_DATABASE=neo4j_connection.database, SECRET_KEY="test-serving",
               TRACKER_DATA_DIR=str(tmp_path))
    tracker = str(Path(sys.executable).parent / "tracker")
    process = subprocess.Popen([tracker, "serve", "--server", server, "--port", str(port),
                                "--workers", "1", "--threads", "2"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(
        line.decode() for line in iter(process.stdout.readline, b"")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        body = None
        deadline = time.monotonic() + 90
        while body is None and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    body = json.loads(r.read())
            except OSError:
                time.sleep(0.5)
        assert body is not None
        assert body.get("status") == "ok"
        # Each serving process computes the network payload once at start, in the background.
        while time.monotonic() < deadline and not any("network payload warmed" in line
                                                      for line in lines):
            time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=30)
    output = "".join(lines)
    assert f"({server}, 2 threads" in output
    assert "network payload warmed at start" in output
