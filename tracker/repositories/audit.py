"""The audit trail: who did what, when (entries are written by Database.write_tx)."""

from __future__ import annotations

import json
import math
from typing import Any

from tracker.audit import SECRET_FIELDS
from tracker.db import Database

PER_PAGE = 50


def _changes(text: str | None) -> dict[str, Any]:
    """The stored JSON text of changed fields as a dict, secrets left out (even old ones)."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {"(unreadable)": text}
    if not isinstance(data, dict):
        return {"value": data}
    return {k: v for k, v in data.items() if k not in SECRET_FIELDS}


def list_entries(db: Database, *, entity: str | None = None, user: str | None = None,
                 page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    """One page of audit entries, newest first, optionally for one entity kind and one user."""
    page = max(1, page)
    found = db.read_one("audit/list", entity=entity or None, user=user or None,
                        skip=(page - 1) * per_page, limit=per_page)
    total = int(found["total"]) if found else 0
    items = [dict(item, changes=_changes(item["changes"])) for item in
             (found["items"] if found else [])]
    return {"total": total, "items": items, "page": page,
            "pages": max(1, math.ceil(total / per_page)), "per_page": per_page}


def facets(db: Database) -> dict[str, list[str]]:
    """The entity kinds and users that appear in the trail (for the filter menus)."""
    found = db.read_one("audit/facets") or {"entities": [], "users": []}
    return {"entities": sorted(found["entities"]), "users": sorted(found["users"])}
