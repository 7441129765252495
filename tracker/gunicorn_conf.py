"""gunicorn settings (``gunicorn -c python:tracker.gunicorn_conf tracker.wsgi:app``): gthread
workers sized by ``TRACKER_WORKERS`` and ``TRACKER_THREADS`` (see :mod:`tracker.serving`)."""

import os

from tracker import serving

bind = os.environ.get("TRACKER_BIND", "0.0.0.0:5000")
worker_class = "gthread"
workers = serving.workers()
threads = serving.threads()
timeout = serving.TIMEOUT
keepalive = serving.KEEPALIVE
