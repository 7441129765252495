"""Reversible merges of organisations: preview, merge (recorded), list, undo.

A merge moves every relationship of the *source* organisation to the *target* (attendance at
the same event adds up, memberships widen, see ``organisations.MERGE_STEPS``), fills the
target's missing properties from the source and removes the source, all in one transaction.
The same transaction stores a ``(:Merge)`` node holding a serialised snapshot of both
organisations as they were (labels, typed properties, every relationship with its typed
properties and the other end) and a fingerprint of the target just after the merge.

Undo restores both from the snapshot in one transaction: the JSON export after merge + undo
equals the export before (audit entries and the Merge node aside). It is refused, with nothing
changed, when the target changed after the merge (undo would lose those changes), when the
source's id was taken again, when an organisation or event at the other end of a moved
relationship is gone, or when the merge was already undone.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from tracker.areas import ReachSubjects
from tracker.audit import current_username, entry
from tracker.db import Database, ManagedTransaction, row, value
from tracker.problems import Problems
from tracker.repositories.entities import EntityError

RECENT = 50


class MergeError(Problems):
    """A merge or an undo that cannot be done as asked; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__([("", message)])


def preview(db: Database, source_id: str, target_id: str) -> dict[str, Any] | None:
    """Both organisations and what would move (relationship counts by type), or None."""
    return db.read_one("organisations/merge_preview", keep=target_id, drop=source_id)


def check(db: Database, source_id: str, target_id: str) -> dict[str, str]:
    """{id: name} of both organisations; EntityError ("drop" or "keep") when they are the same
    or either is not an organisation."""
    if source_id == target_id:
        raise EntityError("drop", "An organisation cannot be merged with itself.")
    found = {r["id"]: r["name"] for r in db.read("organisations/exists",
                                                 ids=[source_id, target_id])}
    for field_name, org_id in (("keep", target_id), ("drop", source_id)):
        if org_id not in found:
            raise EntityError(field_name, f"There is no organisation with the id {org_id!r}.")
    return found


def _fingerprint(state: dict[str, Any] | None) -> str:
    """A canonical text of an organisation's whole state (to notice later changes).

    Property and relationship order is not part of the state (keys() and relationship scans
    may list them differently after the commit), so both are sorted.
    """
    if state is None:
        return "null"

    def text(item: Any) -> str:
        return json.dumps(item, sort_keys=True, default=str)

    return text({"labels": sorted(state["labels"]),
                 "props": sorted(text(p) for p in state["props"]),
                 "rels": sorted(text({**r, "props": sorted(text(p) for p in r["props"])})
                                for r in state["rels"])})


def merge(db: Database, source_id: str, target_id: str) -> dict[str, Any]:
    """Merge `source_id` into `target_id`, recorded for undo; returns what moved.

    {"merge": MERGE_ID, "source", "target", "source_name", "target_name", "moved": {type: n}}.
    Raises EntityError (field "drop" or "keep") when the two are the same or either is missing.
    """
    from tracker.repositories.organisations import MERGE_STEPS  # noqa: PLC0415

    found = check(db, source_id, target_id)
    merge_id = f"merge-{uuid.uuid4().hex[:12]}"  # made outside the (retryable) transaction
    user = current_username()

    def work(tx: ManagedTransaction) -> dict[str, int]:
        source = row(tx, "merges/snapshot", id=source_id)
        target = row(tx, "merges/snapshot", id=target_id)
        if source is None or target is None:
            raise MergeError("One of the organisations was removed meanwhile; nothing changed.")
        moved = {label: int(value(tx, name, keep=target_id, drop=source_id) or 0)
                 for label, name in MERGE_STEPS}
        moved["properties filled"] = int(value(tx, "organisations/merge_fill",
                                               keep=target_id, drop=source_id) or 0)
        if int(value(tx, "organisations/merge_remove", drop=source_id) or 0) != 1:
            raise MergeError("The organisation to merge in was removed meanwhile.")
        after = row(tx, "merges/snapshot", id=target_id)
        value(tx, "merges/record", id=merge_id, source=source_id, target=target_id,
              source_name=found[source_id], target_name=found[target_id],
              snapshot=json.dumps({"source": source, "target": target}, default=str),
              after=_fingerprint(after), moved=json.dumps(moved), user=user)
        return moved

    summary = {"merge": merge_id, "source": source_id, "target": target_id,
               "source_name": found[source_id], "target_name": found[target_id]}
    moved = db.write_tx(work, audit=[
        entry("organisation", target_id, "merge", {**summary, "keep": target_id,
                                                   "drop": source_id}),
        entry("organisation", source_id, "delete", {"merged_into": target_id,
                                                    "name": found[source_id],
                                                    "merge": merge_id}),
    ])
    return {**summary, "moved": moved}


def recent(db: Database, limit: int = RECENT) -> list[dict[str, Any]]:
    """The latest merges, newest first: id, source, target, names, moved, user, at, undone_at."""
    found = db.read("merges/recent", limit=limit)
    for r in found:
        r["moved"] = json.loads(r["moved"] or "{}")
    return found


def get(db: Database, merge_id: str) -> dict[str, Any] | None:
    """One merge (without its snapshot), or None."""
    found = db.read_one("merges/get", id=merge_id)
    if found is None:
        return None
    found.pop("snapshot", None)
    found.pop("after", None)
    found["moved"] = json.loads(found["moved"] or "{}")
    return found


def unmerge(db: Database, merge_id: str) -> dict[str, Any]:
    """Undo a merge exactly (see the module docstring); raises MergeError with nothing changed."""
    user = current_username()

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        record = row(tx, "merges/get", id=merge_id)
        if record is None:
            raise MergeError(f"There is no merge with the id {merge_id!r}.")
        if record["undone_at"]:
            raise MergeError(f"The merge {merge_id!r} was already undone.")
        snapshot = json.loads(record["snapshot"])
        source, target = snapshot["source"], snapshot["target"]
        now = row(tx, "merges/snapshot", id=record["target"])
        if now is None:
            raise MergeError(f"{record['target_name']!r} no longer exists: the merge cannot be "
                             "undone.")
        if _fingerprint(now) != record["after"]:
            raise MergeError(f"{record['target_name']!r} changed after the merge (a later "
                             "edit, merge or event): undoing would lose that change, so "
                             "nothing was undone.")
        if value(tx, "merges/source_taken", id=record["source"]):
            raise MergeError(f"The id {record['source']!r} is in use again: the merge cannot "
                             "be undone.")
        value(tx, "merges/reset_target", id=record["target"])
        value(tx, "merges/restore_node", id=record["target"], labels=target["labels"],
              props=target["props"])
        value(tx, "merges/restore_node", id=record["source"], labels=source["labels"],
              props=source["props"])
        # Links between the two are in both snapshots: the source's copy recreates them.
        source_element = {r["other"] for r in target["rels"]
                          if r["other_id"] == record["source"]}
        target_rels = [r for r in target["rels"] if r["other"] not in source_element]
        for org_id, rels_ in ((record["target"], target_rels),
                              (record["source"], source["rels"])):
            if rels_ and int(value(tx, "merges/restore_rels", id=org_id, rels=rels_) or 0) \
                    != len(rels_):
                raise MergeError("Something a moved relationship pointed at is gone: the "
                                 "merge cannot be undone exactly, so nothing was undone.")
        value(tx, "merges/mark_undone", id=merge_id, user=user)
        return {"merge": merge_id, "source": record["source"], "target": record["target"],
                "source_name": record["source_name"], "target_name": record["target_name"]}

    record = db.read_one("merges/get", id=merge_id) or {}
    # Only the two organisations' edges move back (a merge record never changes).
    pair = tuple(str(i) for i in (record.get("source"), record.get("target")) if i)
    return db.write_tx(work, reach=ReachSubjects(organisations=pair), audit=[
        entry("merge", merge_id, "undo", {"source": record.get("source"),
                                          "target": record.get("target")}),
        entry("organisation", str(record.get("source") or ""), "create",
              {"unmerged_from": record.get("target"), "merge": merge_id}),
    ])


__all__ = ["MergeError", "get", "merge", "preview", "recent", "unmerge"]
