"""Name search for the searchable pickers (full-text index `names`, at most 20 results)."""

from __future__ import annotations

from typing import Any

from tracker.db import Database
from tracker.repositories.entities import search_terms

# kind -> labels passed as a parameter (never spliced into Cypher)
KINDS = {"actor": ["Actor"], "organisation": ["Organisation"], "person": ["Person"],
         "event": ["Event"], "network": ["PartnerNetwork"], "community": ["Community"],
         "sub_community": ["SubCommunity"],
         # what an organisation can be a member of
         "group": ["PartnerNetwork", "Community", "SubCommunity"]}
KIND_NAMES = {"Organisation": "organisation", "Person": "person", "Event": "event",
              "PartnerNetwork": "network", "Community": "community",
              "SubCommunity": "sub_community"}
LIMIT = 20


def names(db: Database, q: str, kind: str = "actor", limit: int = LIMIT) -> list[dict[str, Any]]:
    """[{id, name, kind}] of `kind` whose names start with the words of q, best first."""
    terms = search_terms(q)
    if not terms or kind not in KINDS:
        return []
    found = db.read("search/names", q=terms, labels=KINDS[kind], limit=min(limit, LIMIT))
    return [{"id": r["id"], "name": r["name"], "kind": KIND_NAMES.get(r["kind"], r["kind"])}
            for r in found]
