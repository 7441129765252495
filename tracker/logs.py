"""Logging for the app and the CLI: tracker's records on stderr at the configured level.

Modules log through ``logging.getLogger(__name__)``; ``TRACKER_LOG_LEVEL=DEBUG`` also shows each
named query with its row count and duration (tracker/db.py).
"""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(level: str) -> None:
    """Set the `tracker` loggers' level; add a stderr handler unless a host already set one up."""
    logger = logging.getLogger("tracker")
    logger.setLevel(level)
    if logger.handlers or logging.getLogger().handlers:
        return  # gunicorn, pytest or an embedding program decides where records go
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
