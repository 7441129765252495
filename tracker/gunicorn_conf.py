"""gunicorn settings (``gunicorn -c python:tracker.gunicorn_conf tracker.wsgi:app``): gthread
workers sized by ``TRACKER_WORKERS`` and ``TRACKER_THREADS`` (see :mod:`tracker.serving`)."""

from tracker import serving
from tracker.config import Settings

bind = Settings.from_env().bind
worker_class = "gthread"
workers = serving.workers()
threads = serving.threads()
timeout = serving.TIMEOUT
keepalive = serving.KEEPALIVE
post_worker_init = serving.post_worker_init
