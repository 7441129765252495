"""A record's timeline: its notes with its events and merges, newest first, one page at a time."""

from __future__ import annotations

import math
from typing import Any

from tracker.db import Database
from tracker.model import TIMELINE_PAGE

# Record kind -> its timeline query (an allow-list: the kind never reaches Cypher).
QUERIES = {"organisation": "timeline/organisation", "person": "timeline/person",
           "event": "timeline/event"}


def page(db: Database, kind: str, record_id: str, page_no: int = 1,
         per_page: int = TIMELINE_PAGE) -> dict[str, Any]:
    """One page of the record's timeline: {total, entries, page, pages}."""
    page_no = max(1, page_no)
    found = db.read_one(QUERIES[kind], id=record_id, skip=(page_no - 1) * per_page,
                        limit=per_page) or {}
    total = int(found.get("total") or 0)
    return {"total": total, "entries": found.get("items") or [], "page": page_no,
            "pages": max(1, math.ceil(total / per_page))}
