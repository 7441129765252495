"""The built-in demo: the November 2023 Showcase, loaded by the ordinary JSON importer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.audit import entry
from tracker.db import Database
from tracker.paths import DATA_DIR
from tracker.repositories.graph import import_document

DEMO_FILE = DATA_DIR / "demo" / "showcase-2023.json"


def read_demo(path: Path = DEMO_FILE) -> dict[str, Any]:
    """The demo document as plain data."""
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def notice(path: Path = DEMO_FILE) -> str:
    """The demo's own warning about what in it is invented."""
    return str(read_demo(path).get("_notice", ""))


def load_demo(db: Database, path: Path = DEMO_FILE) -> dict[str, int]:
    """Import the demo (idempotent: it merges by id); returns the importer's counts."""
    doc = read_demo(path)
    # The demo is curated: its organisations are what they say (no duplicate check).
    return import_document(db, doc, audit=[entry("import", "demo", "load demo",
                                                 {"file": path.name})], allow_similar=True)
