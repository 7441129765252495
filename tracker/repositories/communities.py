"""Communities and their sub-communities (each sub-community is PART_OF one community)."""

from __future__ import annotations

from typing import Any

from tracker.db import Database
from tracker.repositories.entities import EntityKind

COMMUNITIES = EntityKind(
    folder="communities", entity="community", fields=("name", "description"),
    sorts=("name", "members"),
    sections=(("members", "groups/members"), ("events", "groups/events")),
)

SUB_COMMUNITIES = EntityKind(
    folder="sub_communities", entity="sub_community",
    fields=("name", "description", "community"),
    sorts=("name", "community", "members"),
    filters=("community",),
    refs=("community",),
    missing_ref={"community": "There is no community with that id."},
    sections=(("members", "groups/members"), ("events", "groups/events")),
)


def options(db: Database) -> list[dict[str, Any]]:
    """Every community's id and name (the parent choice for sub-communities)."""
    return db.read("communities/options")
