"""The one organisation matcher as a service: `match(db, name)` for every entry path.

The index (tracker.matching) is built from the organisations in the database plus what the
register files know (abbreviations, Welsh, alternative and former names, splits), and is cached
per data version (tracker.services.cache). The answer's shape is a contract shared by
`tracker match`, `GET /api/v1/match`, the forms, the importers and the spreadsheet import:

    {"query": NAME, "decision": "match" | "ambiguous" | "new",
     "matches": [{"id", "name", "score", "why"}, ...]}   (best first, at most 10)

`suggest_matches` (register entries only, with nation/region/type; the register API) keeps the
older register scoring of tracker.register.best_matches.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tracker import matching
from tracker.db import Database
from tracker.paths import DATA_DIR
from tracker.register import Row, best_matches
from tracker.repositories import organisations, register
from tracker.repositories import search as search_repo
from tracker.services.cache import Snapshot, cached, read

REGISTER_DIR = DATA_DIR / "register"
CURATED = DATA_DIR / "matching" / "aliases.csv"


@lru_cache(maxsize=1)
def _aliases() -> tuple[matching.Alias, ...]:
    """What the shipped register files and the curated file know (read once per process)."""
    return tuple(matching.register_aliases(REGISTER_DIR, CURATED))


@cached("matching.index", ("reach", "actors"))  # names: actors; alternative names: register
def _index(snap: Snapshot) -> matching.MatchIndex:
    return matching.build_index(organisations.names_for_matching(snap.tx), _aliases())


def index(db: Database) -> matching.MatchIndex:
    """The matcher's index for db's current data version (built once per version)."""
    return read(db, _index)


def match(db: Database, name: str, limit: int = matching.MAX_MATCHES,
          exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """{"query", "decision", "matches"} for a typed organisation name (see the module doc).

    Organisations whose ids are in `exclude` are never offered (an organisation is not its
    own duplicate).
    """
    return matching.decide(index(db), name, limit=limit, exclude=exclude)


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


@cached("register.unmatched", ("network", "reach", "actors"), tier="pages")
def _unmatched(snap: Snapshot, page: int, size: int) -> dict[str, Any]:
    total = register.unmatched_count_in(snap.tx)
    pages = max(1, -(-total // size))
    page = max(1, min(page, pages))
    rows = register.unmatched_page_in(snap.tx, skip=(page - 1) * size, limit=size)
    index = _index(snap)
    for org in rows:
        answer = matching.decide(index, org["name"] or "", exclude=frozenset({org["id"]}))
        org["matches"] = answer["matches"][:1] if answer["decision"] == matching.MATCH else []
    return {"rows": rows, "page": page, "pages": pages, "total": total, "size": size}


def unmatched(db: Database, page: int = 1, size: int = 50) -> dict[str, Any]:
    """One page of engaged organisations outside the register, each with at most one
    suggestion: the organisation the matcher is confident it duplicates (else none).

    Only the visible page is read (in id order, from the index) and matched; the page is cached
    per version of the areas it reads, so another user's unrelated write leaves it warm.
    {"rows", "page", "pages", "total", "size"}.
    """
    return read(db, _unmatched, page, size)


# -- register entries only (the register API and the Reach page's register check) ---------------
@cached("register.candidates", ("reach", "actors"))
def _candidates(snap: Snapshot) -> list[Row]:
    return register.candidates(snap.tx)


def _suggest(snap: Snapshot, name: str, limit: int) -> list[dict[str, Any]]:
    return best_matches(name, _candidates(snap), limit=limit)


def suggest_matches(db: Database, name: str, limit: int = 5) -> list[dict[str, Any]]:
    """Open register entries whose name resembles `name`, best first.

    Each match is {id, name, nation, region, type, score (0-100), matched (the name or
    alternative name that matched)}; nothing below a score of 75.
    """
    return read(db, _suggest, name, limit)
