"""Extension objects, bound to an app with init_app (one of each per process)."""

from __future__ import annotations

from flask import Flask, current_app
from flask_wtf.csrf import CSRFProtect

from tracker.db import Database


class Neo4jExtension:
    """Keeps one Database (one driver) per app in app.extensions['neo4j']."""

    def __init__(self) -> None:
        self._db: Database | None = None

    def init_app(self, app: Flask) -> None:
        db = app.config.get("DATABASE")
        if db is None:
            # One driver per process: apps built in the same process share it.
            if self._db is None:
                self._db = Database(settings=app.config["SETTINGS"])
            db = self._db
        app.extensions["neo4j"] = db


def get_db() -> Database:
    """The current app's Database."""
    db: Database = current_app.extensions["neo4j"]
    return db


neo4j = Neo4jExtension()
csrf = CSRFProtect()
