"""A record's activity: one page of its timeline (notes, events, merges) and its follow-ups.

Organisations, people and events show this on their pages. People's notes and follow-ups are
personal data: the people pages already need an editor, and ``personal=False`` (viewers) leaves
out follow-ups about people wherever they are listed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.db import Database
from tracker.model import TIMELINE_PAGE
from tracker.repositories import follow_ups, timeline


def record(db: Database, kind: str, record_id: str, page: int = 1, personal: bool = True,
           today: dt.date | None = None) -> dict[str, Any]:
    """{"timeline": one page of it, "follow_ups": the record's follow-ups, open first}."""
    return {"timeline": timeline.page(db, kind, record_id, page),
            "follow_ups": follow_ups.listing(db, "any", kind=kind, about=record_id,
                                             personal=personal, today=today,
                                             per_page=TIMELINE_PAGE)}
