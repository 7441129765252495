"""The S side: a second throwaway Neo4j holding the S document until the run ends.

Figures that compare a larger size with S time both sides in turn (S, L, S, L, …) in the same
run, so that the two sides of a ratio share the machine's load at the same moments: the cores
are shared with other work, and a ratio of two halves timed minutes apart carries that noise.
``bench/run.py`` loads S first; the first figures module to call :func:`ensure` at S starts
this server and loads the S document into it, and every module then uses the same one
(``figures_load``, ``figures_pages``, ``figures_small_import``). Modules may write to it (new
people, user accounts, small imports): each figure measures what it needs after its own writes.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tracker.db import Database
from tracker.localdb import LocalServer
from tracker.repositories.graph import import_document

_server: LocalServer | None = None
_root: Path | None = None
_db: Database | None = None
_doc: dict[str, Any] = {}


def ensure(doc: dict[str, Any], log: Any) -> None:
    """Start the S side with `doc` unless it is running already (called at S)."""
    global _server, _root, _db, _doc
    if _db is not None:
        return
    _root = Path(tempfile.mkdtemp(prefix="tracker-bench-s-side-"))
    _server = LocalServer(_root, heap="1g", pagecache="512m")
    log(f"[S] starting the S side for interleaved timings in {_root}…")
    _db = Database(_server.start(timeout=300))
    _db.apply_schema()
    import_document(_db, doc)
    _doc = doc
    atexit.register(stop)


def database() -> Database:
    """The S side's database; it must have been started at S."""
    if _db is None:
        raise RuntimeError("the S side is started at the S size first (bench/run.py runs it)")
    return _db


def document() -> dict[str, Any]:
    """The document the S side was loaded with."""
    database()
    return _doc


def stop() -> None:
    """Stop the S side and remove its files (idempotent)."""
    global _server, _root, _db
    if _db is not None:
        _db.close()
        _db = None
    if _server is not None:
        _server.stop()
        _server = None
    if _root is not None:
        shutil.rmtree(_root, ignore_errors=True)
        _root = None
