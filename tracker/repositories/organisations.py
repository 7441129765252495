"""Organisations: pages, memberships of networks and communities, merging duplicates."""

from __future__ import annotations

from datetime import date
from typing import Any

from rapidfuzz import fuzz, utils

from tracker.audit import entry
from tracker.dates import BadDate, optional_iso
from tracker.db import Database, ManagedTransaction, row, rows
from tracker.repositories.entities import (
    EntityError,
    EntityKind,
    NoRow,
    required,
    search_terms,
)

ORGANISATIONS = EntityKind(
    folder="organisations", entity="organisation",
    fields=("name", "type", "nation", "region", "website"),
    sorts=("name", "type", "nation", "region", "events"),
    filters=("type", "nation", "region"),
    sections=(("events", "organisations/events"), ("partners", "organisations/partners"),
              ("people", "organisations/people")),
    ordered=True,
)

SHORTLIST = 20
SIMILAR_CUTOFF = 75  # token_sort_ratio: "Welsh Govt" ~ "Welsh Government" is 77

# Order matters: named relationship types first (each with its own rule for clashes), then any
# other type generically, then the leftover properties, then the dropped node itself.
MERGE_STEPS = (
    ("CONTRIBUTED", "organisations/merge_contributed"),
    ("ATTENDED", "organisations/merge_attended"),
    ("WORKS_AT", "organisations/merge_works_at"),
    ("MEMBER_OF", "organisations/merge_member_of"),
    ("GAVE_FEEDBACK", "organisations/merge_feedback"),
    ("SUCCEEDED_BY", "organisations/merge_succeeded_by"),
    ("other outgoing", "organisations/merge_other_out"),
    ("other incoming", "organisations/merge_other_in"),
)


def get(db: Database, org_id: str, pages: dict[str, int] | None = None) -> dict[str, Any] | None:
    """The organisation page in one read: its head (memberships, successors, first and last
    engagement) and one page of each section (events, partners, people), each cut in Cypher;
    ``sections[name]`` is {page, pages, total} for the pager."""
    return ORGANISATIONS.get(db, org_id, pages)


def facets_in(tx: ManagedTransaction) -> dict[str, list[str]]:
    """Distinct types, nations and regions (sorted), for the list filters (in tx)."""
    found = row(tx, "organisations/facets") or {}
    return {k: sorted(v for v in found.get(k, []) if v) for k in ("types", "nations", "regions")}


def facets(db: Database) -> dict[str, list[str]]:
    """Distinct types, nations and regions (sorted), for the list filters."""
    return db.read_tx(facets_in)


def similar(db: Database, name: str, limit: int = 5) -> list[dict[str, Any]]:
    """Existing organisations whose names resemble `name` (score 0-100, best first).

    The full-text index shortlists names sharing a word; rapidfuzz then keeps close ones only,
    so that a common word ("Council") alone does not count as a match.
    """
    terms = search_terms(name)
    if not terms:
        return []
    shortlist = db.read("organisations/similar", q=terms.replace(" AND ", " OR "),
                        limit=SHORTLIST)
    scored = [{**r, "score": round(fuzz.token_sort_ratio(name, r["name"] or "",
                                                          processor=utils.default_process), 1)}
              for r in shortlist]
    close = [r for r in scored if r["score"] >= SIMILAR_CUTOFF]
    return sorted(close, key=lambda r: (-r["score"], r["id"]))[:limit]


# -- memberships ------------------------------------------------------------------------------
def _iso(day: date | str | None, field_name: str) -> str | None:
    """A date (or YYYY-MM-DD text) as ISO text; EntityError for anything else."""
    try:
        return optional_iso(day, field_name)
    except BadDate:
        raise EntityError(field_name, "Dates must be YYYY-MM-DD.") from None


def set_membership(db: Database, member: str, of: str, since: date | str | None = None,
                   until: date | str | None = None) -> dict[str, Any]:
    """Record that organisation `member` is (or was) a member of group `of`, with dates."""
    since_s, until_s = _iso(since, "since"), _iso(until, "until")
    if since_s and until_s and until_s < since_s:
        raise EntityError("until", "The end date must not be before the start date.")
    if member == of:
        raise EntityError("of", "An organisation cannot be a member of itself.")
    params = {"member": member, "of": of, "since": since_s, "until": until_s}
    def work(tx: Any) -> dict[str, Any]:
        found = row(tx, "memberships/upsert", **params)
        if found is None:
            raise NoRow("memberships/upsert")  # roll back, audit included
        return found

    try:
        return db.write_tx(work, audit=[entry("membership", f"{member}->{of}", "set",
                                              {"member": member, "of": of, "since": since_s,
                                               "until": until_s})])
    except NoRow:
        raise EntityError("of", "Pick an existing organisation and an existing network, "
                                "community or sub-community.") from None


def get_membership(db: Database, member: str, of: str) -> dict[str, Any] | None:
    """One membership, or None."""
    return db.read_one("memberships/get", member=member, of=of)


def membership_names(db: Database, member: str, of: str) -> dict[str, Any]:
    """The names of both ends of a membership (None for an end that does not exist)."""
    return db.read_one("memberships/names", member=member, of=of) or {}


def remove_membership(db: Database, member: str, of: str) -> int:
    """Remove a membership link; returns how many were removed (0 or 1)."""
    try:
        return int(db.write_tx(lambda tx: required(tx, "memberships/remove", member=member,
                                                   of=of),
                               audit=[entry("membership", f"{member}->{of}", "remove",
                                            {"member": member, "of": of})]))
    except NoRow:  # nothing to remove: nothing to audit either
        return 0


# -- merge ------------------------------------------------------------------------------------
def merge_preview(db: Database, keep_id: str, drop_id: str) -> dict[str, Any] | None:
    """Both organisations and what the merge would move, or None if either is missing."""
    return db.read_one("organisations/merge_preview", keep=keep_id, drop=drop_id)


def merge(db: Database, keep_id: str, drop_id: str) -> dict[str, Any]:
    """Merge organisation `drop_id` into `keep_id` in one transaction; returns moved counts.

    Every relationship moves to the survivor (attendance at the same event adds up), missing
    properties are copied over, the dropped organisation is removed, and both are audited.
    The merge is recorded and can be undone exactly (tracker.repositories.merges).
    """
    from tracker.repositories import merges  # noqa: PLC0415

    done = merges.merge(db, drop_id, keep_id)
    return {"merge": done["merge"], "keep": keep_id, "drop": drop_id,
            "drop_name": done["source_name"], "keep_name": done["target_name"],
            "moved": done["moved"]}


def names_for_matching(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """[{id, name, alt_names}] of every organisation (the name matcher's index)."""
    return rows(tx, "matching/organisations")
