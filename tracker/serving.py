"""How the app is served: waitress (one process, threads) or gunicorn (gthread workers).

One setting, ``TRACKER_THREADS`` (request threads per process), sizes both the server and the
Neo4j driver's connection pool (:func:`tracker.db.pool_size`): every request thread holds at most
one session at a time, so the pool never makes a request wait for a connection, and it stays
small enough that ``workers x pool`` fits the server's connection limit. ``TRACKER_WORKERS`` is
gunicorn's process count. The measured comparison (``bench/figures_load.py``) is in
``docs/scaling.md``.

    gunicorn -c python:tracker.gunicorn_conf tracker.wsgi:app  # the Dockerfile's command
    tracker serve --server gunicorn --workers 2 --threads 8  # the same from the CLI
"""

from __future__ import annotations

from typing import Any

from tracker.config import Settings

SERVERS = ("waitress", "gunicorn")
DEFAULT_THREADS = Settings.threads
DEFAULT_WORKERS = Settings.workers


def threads() -> int:
    """Request threads per process (``TRACKER_THREADS``, default 8)."""
    return Settings.from_env().threads


def workers() -> int:
    """gunicorn worker processes (``TRACKER_WORKERS``, default 2: one per core here)."""
    return Settings.from_env().workers


TIMEOUT = 120  # seconds: a cold analysis of a very large network may take tens of seconds
KEEPALIVE = 5


def post_worker_init(worker: Any) -> None:
    """gunicorn hook: each worker, once it has loaded the app, warms its own network cache."""
    from tracker.services import network  # noqa: PLC0415 (importing the services must not happen in gunicorn's master)

    network.warm(worker.wsgi.extensions["neo4j"])


def gunicorn_options(host: str, port: int, n_workers: int, n_threads: int) -> dict[str, Any]:
    """The settings `tracker serve --server gunicorn` passes to gunicorn."""
    return {"bind": f"{host}:{port}", "workers": n_workers, "threads": n_threads,
            "worker_class": "gthread", "timeout": TIMEOUT, "keepalive": KEEPALIVE,
            "accesslog": None, "post_worker_init": post_worker_init}


def serve_gunicorn(app: Any, host: str, port: int, n_workers: int, n_threads: int) -> None:
    """Run the app under gunicorn's gthread workers (blocks until stopped)."""
    from gunicorn.app.base import BaseApplication  # noqa: PLC0415 (optional: the Docker image installs it)

    class Application(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in gunicorn_options(host, port, n_workers, n_threads).items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    Application().run()
