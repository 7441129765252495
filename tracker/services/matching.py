"""The one organisation matcher as a service: `match(db, name)` for every entry path.

The index (tracker.matching) is built from the organisations in the database plus what the
register files know (abbreviations, Welsh, alternative and former names, splits), and is kept
per Database until its data version changes. The answer's shape is a contract shared by
`tracker match`, `GET /api/v1/match`, the forms and the importers:

    {"query": NAME, "decision": "match" | "ambiguous" | "new",
     "matches": [{"id", "name", "score", "why"}, ...]}   (best first, at most 10)
"""

from __future__ import annotations

import threading
import weakref
from functools import lru_cache
from typing import Any

from tracker import matching
from tracker.db import Database
from tracker.paths import DATA_DIR
from tracker.repositories import organisations
from tracker.repositories import search as search_repo

REGISTER_DIR = DATA_DIR / "register"
CURATED = DATA_DIR / "matching" / "aliases.csv"

_INDEXES: weakref.WeakKeyDictionary[Database, tuple[str, matching.MatchIndex]] = \
    weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _aliases() -> tuple[matching.Alias, ...]:
    """What the shipped register files and the curated file know (read once per process)."""
    return tuple(matching.register_aliases(REGISTER_DIR, CURATED))


def index(db: Database) -> matching.MatchIndex:
    """The matcher's index for db's current data version (built once per version)."""
    version = db.data_version()
    cached = _INDEXES.get(db)
    if cached is not None and cached[0] == version:
        return cached[1]
    built = matching.build_index(organisations.names_for_matching(db), _aliases())
    # Store only if no write landed while building: a stale index must not outlive its data.
    if db.data_version() == version:
        with _LOCK:
            _INDEXES[db] = (version, built)
    return built


def match(db: Database, name: str, limit: int = matching.MAX_MATCHES,
          exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """{"query", "decision", "matches"} for a typed organisation name (see the module doc).

    Organisations whose ids are in `exclude` are never offered (an organisation is not its
    own duplicate).
    """
    return matching.decide(index(db), name, limit=limit, exclude=exclude)


def unmatched(db: Database, page: int = 1, size: int = 50) -> dict[str, Any]:
    """One page of engaged organisations outside the register, each with at most one
    suggestion: the organisation the matcher is confident it duplicates (else none).

    Only the visible page is matched. {"rows", "page", "pages", "total", "size"}.
    """
    from tracker.repositories import register

    total = register.unmatched_count(db)
    pages = max(1, -(-total // size))
    page = max(1, min(page, pages))
    rows = register.unmatched_page(db, skip=(page - 1) * size, limit=size)
    for org in rows:
        answer = match(db, org["name"] or "", exclude=frozenset({org["id"]}))
        org["matches"] = answer["matches"][:1] if answer["decision"] == matching.MATCH else []
    return {"rows": rows, "page": page, "pages": pages, "total": total, "size": size}


def picker(db: Database, q: str, kind: str = "actor") -> list[dict[str, Any]]:
    """The picker's suggestions: the matcher's organisations first, then full-text hits.

    Abbreviations, Welsh and former names ("ONS", "Ynys Môn", "Highways England") are found
    by the matcher; names being typed ("Office for Nat") by the full-text index.
    """
    found = search_repo.names(db, q, kind)
    if kind not in ("actor", "organisation") or not q.strip():
        return found
    answer = match(db, q)
    first = [{"id": m["id"], "name": m["name"], "kind": "organisation"}
             for m in answer["matches"] if m["score"] >= matching.AMBIGUOUS_CUTOFF]
    seen = {m["id"] for m in first}
    return (first + [r for r in found if r["id"] not in seen])[:search_repo.LIMIT]
