"""The built-in demo: the November 2023 Showcase, loaded by the ordinary JSON importer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.audit import entry
from tracker.db import Database
from tracker.paths import DATA_DIR
from tracker.repositories import demo as repo
from tracker.repositories.graph import import_document
from tracker.services.cache import Snapshot, cached, read

DEMO_FILE = DATA_DIR / "demo" / "showcase-2023.json"

#: What in the demo is invented, in the words every page that shows it uses.
INVENTED = ("the attendance figures", "feedback", "people", "session titles",
            "which session each speaker spoke in", "the speakers the story does not name",
            "network memberships", "every collaboration other than the 2023 Showcase")
#: The demo's notice: the one text the file's "_notice", `tracker demo`, `tracker setup`, the
#: about page and the pages that show the demo as a story (templates/_demo_notice.html) carry.
NOTICE = ("Demo data: the November 2023 Data Science Community Showcase follows the real story "
          "(who hosted, co-curated and promoted it; who co-ran day two; who ran the meet-ups, the "
          "joint session with the Emerging Technology community and Splink in Action). These are "
          f"invented: {', '.join(INVENTED[:-1])} and {INVENTED[-1]}.")


def read_demo(path: Path = DEMO_FILE) -> dict[str, Any]:
    """The demo document as plain data."""
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def load_demo(db: Database, path: Path = DEMO_FILE) -> dict[str, int]:
    """Import the demo (idempotent: it merges by id); returns the importer's counts."""
    doc = read_demo(path)
    # The demo is curated: its organisations are what they say (no duplicate check).
    return import_document(db, doc, audit=[entry("import", "demo", "load demo",
                                                 {"file": path.name})], allow_similar=True)


# Events carry the demo mark, so only a write to the network area can change the answer.
@cached("demo.loaded", ("network",), tier="pages")
def _loaded(snap: Snapshot) -> bool:
    return repo.loaded_in(snap.tx)


def loaded(db: Database) -> bool:
    """Whether the demo is loaded (any event marked as the demo's); cached."""
    return read(db, _loaded)
