"""Personal data (UK GDPR): answer a subject access request, erase a person, review retention.

A person's data is their Person node (name, job title and any extra properties), its
relationships and the notes and follow-ups about them; the audit trail may also hold it in
recorded changes (never a note's text or a follow-up's title). Organisation-level data
(attendance numbers, contributions, feedback by organisations) is not about a person and stays.
See docs/privacy.md.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from tracker.areas import ReachSubjects
from tracker.audit import entry
from tracker.db import Database, ManagedTransaction, row, rows, value


class NoSuchPerson(LookupError):
    """There is no person with that id."""


def _strings(person: dict[str, Any]) -> list[str]:
    """The person's values as they may appear in audit text (raw and JSON-escaped), longest first."""
    found: set[str] = set()
    for v in person.values():
        for s in (v if isinstance(v, list) else [v]):
            if isinstance(s, str) and len(s.strip()) >= 3:
                found.add(s)
                found.add(json.dumps(s)[1:-1])
    return sorted(found, key=lambda s: (-len(s), s))


def _audit_item(a: dict[str, Any]) -> dict[str, Any]:
    try:
        changes = json.loads(a["changes"] or "{}")
    except json.JSONDecodeError:
        changes = a["changes"]
    return {**a, "changes": changes}


def export_person(db: Database, person_id: str) -> dict[str, Any]:
    """Everything held on one person, as one JSON-ready document (a subject access request)."""

    def read(tx: ManagedTransaction) -> dict[str, Any] | None:
        found = row(tx, "privacy/person_record", id=person_id)
        if found is None:
            return None
        audit = rows(tx, "privacy/audit_about", id=person_id, strings=_strings(found["person"]))
        notes = row(tx, "privacy/person_notes", id=person_id) or {}
        return {**found, "audit": audit, "notes": notes.get("notes") or [],
                "follow_ups": notes.get("follow_ups") or []}

    found = db.read_tx(read)
    if found is None:
        raise NoSuchPerson(f"There is no person with the id {person_id!r}.")
    rels = found["relationships"]

    def of(kind: str) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k not in ("type", "direction") and v is not None}
                for r in rels if r["type"] == kind]

    # Notes and follow-ups about the person come whole in their own sections.
    known = {"WORKS_AT", "SPOKE_AT", "ATTENDED", "GAVE_FEEDBACK", "ABOUT"}
    return {
        "subject_access_request": {
            "person_id": person_id,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "controller_note": "Everything Partner Tracker holds on this person. See "
                               "docs/privacy.md for why it is held and for how long.",
        },
        "person": found["person"],
        "works_at": of("WORKS_AT"),
        "spoke_at": of("SPOKE_AT"),
        "attended": of("ATTENDED"),
        "feedback_given": of("GAVE_FEEDBACK"),
        "notes": found["notes"],
        "follow_ups": found["follow_ups"],
        "other_relationships": [r for r in rels if r["type"] not in known],
        "audit_entries": [_audit_item(a) for a in found["audit"]],
    }


def erase_person(db: Database, person_id: str, reason: str = "") -> dict[str, int]:
    """Erase a person: the node, its links, and their data in the audit trail, in one transaction.

    Organisation-level numbers do not change (attendance counts sit on the organisations). The
    erasure itself is recorded without the erased data: who, when, how many entries redacted.
    """

    def work(tx: ManagedTransaction) -> dict[str, int] | None:
        found = row(tx, "privacy/person_record", id=person_id)
        if found is None:
            return None
        redacted = int(value(tx, "privacy/redact_audit", id=person_id,
                             strings=_strings(found["person"])) or 0)
        links = len(found["relationships"])
        about = [r["label"] for r in found["relationships"] if r["type"] == "ABOUT"]
        rows(tx, "people/delete", id=person_id)  # with the notes and follow-ups about them
        counts = {"relationships_removed": links, "audit_entries_redacted": redacted,
                  "notes_removed": about.count("Note"),
                  "follow_ups_removed": about.count("FollowUp")}
        details: dict[str, Any] = dict(counts)
        if reason:
            details["reason"] = reason[:200]
        rows(tx, "audit/record", entries=[entry("person", "erased", "erase", details)])
        return counts

    # Checked first: a refused erasure writes nothing, not even a data version bump.
    if db.read_one("privacy/person_record", id=person_id) is None:
        raise NoSuchPerson(f"There is no person with the id {person_id!r}.")
    # The erasure's entry does not name the person; their employers are whose first reach
    # may change (gathered before the person goes).
    done = db.write_tx(work, reach=ReachSubjects(people=(person_id,)))
    if done is None:
        raise NoSuchPerson(f"There is no person with the id {person_id!r}.")
    return done


def months_before(today: date, months: int) -> date:
    """The same day `months` months earlier (clamped to the month's last day)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def review(db: Database, older_than_months: int, today: date | None = None) -> list[dict[str, Any]]:
    """People whose last engagement is more than `older_than_months` ago (or who have none)."""
    cutoff = months_before(today or date.today(), older_than_months)
    return db.read("privacy/review", cutoff=cutoff.isoformat())
