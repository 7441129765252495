"""The whole model in and out as one JSON document (see docs/interchange.md).

``import_document`` checks everything first (shape, references, kinds, cycles) and then writes
the whole document in ONE transaction with a handful of UNWIND batches: all of it lands or none
of it does. Importing the same document twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tracker.audit import current_username, entry
from tracker.db import ConstraintError, Database, ManagedTransaction, rows, value
from tracker.interchange import ACTOR_SECTIONS, Checked, against_database, check
from tracker.model import FOLLOW_UP_DAYS
from tracker.problems import Item, Problems
from tracker.repositories import follow_ups
from tracker.services.matching import match

SECTION_OF_LABEL = {label: section for section, label in ACTOR_SECTIONS.items()}
# Properties that the export writes as keys of their own, not as extra properties.
_EVENT_KEYS = ("id", "name", "start", "end")


class EventIdTaken(Problems):
    """An event said to be new already exists, or was created by someone else meanwhile."""

    def __init__(self, event_id: str) -> None:
        super().__init__([("$.events", f"an event with the id {event_id!r} already exists")])
        self.event_id = event_id


_CONSTRAINT_VALUE = re.compile(r"property `id` = '((?:[^'\\]|\\.)*)'")


def check_document(db: Database, doc: Any, allow_similar: bool = False) -> Checked:
    """Check a document's shape and its references in one pass; Problems lists them all.

    Unless ``allow_similar``, a NEW organisation (an id not in the database) whose name the
    matcher confidently matches to an existing organisation of another id is a problem: it is
    probably a duplicate ("ONS" beside govuk-office-for-national-statistics). Use that id, or
    import with allow_similar (``tracker import --allow-similar``) to create it anyway.
    """
    checked, problems = check(doc)
    # What passed the shape checks is checked against the database too, so one run of an
    # import lists every problem (shape and references together).
    found = db.read("interchange/existing_ids", **checked.ids())
    actors = {r["id"]: r["label"] for r in found if r["kind"] == "actor"}
    people = {r["id"] for r in found if r["kind"] == "person"}
    events = {r["id"] for r in found if r["kind"] == "event"}
    problems += against_database(checked, actors, people, events)
    if not problems and not allow_similar:
        problems = _probable_duplicates(db, checked, set(actors))
    if problems:
        raise Problems(problems)
    return checked


# Rows per statement. A whole document is still ONE transaction (all of it lands or none), but
# the server holds one chunk of parameters and query state at a time instead of every row at
# once (see docs/imports.md for the measurements behind the number).
CHUNK = 10_000


Progress = Callable[[str, int, int], None]
Guard = Callable[[ManagedTransaction], None]


def _quiet(_what: str, _done: int, _total: int) -> None:
    """No progress reporting."""


def _chunked(tx: ManagedTransaction, name: str, items: list[dict[str, Any]],
             progress: Progress = _quiet) -> int:
    """Run a `rows`-batch query over items in chunks within tx; the summed count."""
    total = 0
    what = name.rsplit("/", 1)[-1].replace("_", " ")
    for at in range(0, len(items), CHUNK):
        total += int(value(tx, name, rows=items[at:at + CHUNK]) or 0)
        progress(what, min(at + CHUNK, len(items)), len(items))
    return total


def _probable_duplicates(db: Database, checked: Checked, existing: set[str]) -> list[Item]:
    """New organisations of the document that the matcher says already exist under other ids."""
    problems: list[Item] = []
    for org in checked.rows.get("organisations", []):
        if org["id"] in existing:
            continue
        answer = match(db, org.get("name") or "")
        if answer["decision"] != "match":
            continue
        best = answer["matches"][0]
        if best["id"] != org["id"] and best["id"] not in checked.actor_kinds:
            problems.append((
                checked.actor_paths[org["id"]],
                f"{org.get('name')!r} looks like the existing organisation {best['name']!r} "
                f"(id {best['id']!r}; {best['why']}): use that id, or import with "
                "--allow-similar to create it anyway"))
    return problems


def _nothing(_tx: ManagedTransaction) -> None:
    """No check before the write."""


def _write(tx: ManagedTransaction, checked: Checked, replace_events: bool,
           new_events: list[str], progress: Progress = _quiet,
           guard: Guard = _nothing, follow_up_days: int | None = None,
           follow_up_owner: str | None = None) -> dict[str, int]:
    guard(tx)
    data = checked.rows
    counts: dict[str, int] = {}
    if new_events:
        try:
            value(tx, "interchange/create_new_events", ids=new_events)
        except ConstraintError as exc:
            found = _CONSTRAINT_VALUE.search(exc.message or "")
            raise EventIdTaken(found.group(1) if found else new_events[0]) from None
    for section in ACTOR_SECTIONS:
        counts[section] = _chunked(tx, f"interchange/upsert_{section}", data[section], progress)
    counts["people"] = _chunked(tx, "interchange/upsert_people", data["people"], progress)
    counts["memberships"] = _chunked(tx, "interchange/upsert_memberships", data["memberships"], progress)
    events = data["events"]
    counts["events"] = _chunked(tx, "interchange/upsert_events", [
        {k: e[k] for k in ("id", "name", "start", "end", "props")} for e in events], progress)
    _chunked(tx, "interchange/link_event_parents",
             [{"id": e["id"], "parent": e["parent"]} for e in events])
    if replace_events:
        value(tx, "interchange/clear_event_links", ids=[e["id"] for e in events])
    counts["contributions"] = _chunked(tx, "interchange/add_contributions", [
        {"event": e["id"], **c} for e in events for c in e["contributors"]], progress)
    counts["attendance"] = _chunked(tx, "interchange/add_attendance", [
        {"event": e["id"], **a} for e in events for a in e["attendance"]], progress)
    speakers = [{"event": e["id"], "person": p} for e in events for p in e["speakers"]]
    attendees = [{"event": e["id"], "person": p} for e in events for p in e["attendees"]]
    for at in range(0, max(len(speakers), len(attendees), 1), CHUNK):
        value(tx, "interchange/add_people_at_events", speakers=speakers[at:at + CHUNK],
              attendees=attendees[at:at + CHUNK])
    feedback = [{"event": e["id"], **f} for e in events for f in e["feedback"]]
    counts["feedback"] = _chunked(tx, "interchange/add_feedback", feedback, progress)
    user = current_username()
    counts["notes"] = value(tx, "notes/upsert", rows=data["notes"], user=user)
    # The document's own follow-ups first: those with an origin stand for their feedback.
    counts["follow_ups"] = value(tx, "follow_ups/upsert", rows=data["follow_ups"], user=user)
    if follow_up_days is not None:
        counts["follow_ups_from_feedback"] = len(
            follow_ups.from_feedback(tx, feedback, follow_up_days, owner=follow_up_owner))
    cycles = [r["id"] for r in rows(tx, "interchange/event_cycles",
                                    ids=[e["id"] for e in events])]
    if cycles:
        # Raising inside the transaction function rolls the whole document back.
        raise Problems([("$.events", f"event {i!r} would become its own ancestor")
                        for i in sorted(cycles)])
    return counts


def import_document(db: Database, doc: Any, replace_events: bool = False,
                    audit: list[dict[str, Any]] | None = None,
                    new_events: list[str] | None = None,
                    progress: Progress | None = None,
                    allow_similar: bool = False,
                    guard: Guard = _nothing,
                    follow_up_days: int | None = FOLLOW_UP_DAYS,
                    follow_up_owner: str | None = None) -> dict[str, int]:
    """Check and write a whole document in one transaction; returns counts per section.

    With ``replace_events`` the listed events' contributors, attendance, speakers, attendees
    and feedback are replaced by the document's (editing an event); otherwise they are merged.
    ``new_events`` (a form creating events) must not exist yet: the uniqueness constraint
    decides inside the transaction and EventIdTaken is raised, with nothing written.
    ``progress(what, done, total)`` is told as the checks and each chunk of rows finish.
    Without ``allow_similar`` probable duplicates of existing organisations are refused (see
    check_document). ``guard(tx)`` runs first in the write transaction and may refuse it by
    raising (an edit form's version check).
    Feedback saying "would work together again" gets its follow-up (once), due in
    ``follow_up_days`` days, owned by ``follow_up_owner`` (default the current user: a background
    job passes the uploader); None days makes none (the event form re-writes kept feedback).
    """
    say = progress or _quiet
    say("checking", 0, 1)
    checked = check_document(db, doc, allow_similar)
    say("checked", 1, 1)
    if audit is None:
        total = sum(len(v) for v in checked.rows.values())
        audit = [entry("import", "document", "import",
                       {k: len(v) for k, v in checked.rows.items() if v} | {"rows": total})]
    try:
        return db.write_tx(_write, checked, replace_events, list(new_events or []), say,
                           guard, follow_up_days, follow_up_owner, audit=audit)
    except ConstraintError as exc:
        raise Problems.one(str(exc.message or exc), "$") from None


def export_document(db: Database, people: bool = True) -> dict[str, Any]:
    """The whole model as one interchange document, every list sorted by id.

    people=False leaves personal data out (for viewers): the people section stays empty and
    events carry no speakers or attendees; organisation-level numbers are all there.
    """

    def read(tx: ManagedTransaction) -> dict[str, list[dict[str, Any]]]:
        found = {name: rows(tx, f"interchange/export_{name}")
                 for name in ("actors", "people", "memberships", "events")}
        found["notes"] = rows(tx, "notes/export")
        found["follow_ups"] = rows(tx, "follow_ups/export")
        return found

    raw = db.read_tx(read)
    doc: dict[str, Any] = {section: [] for section in
                           ("communities", "sub_communities", "partner_networks",
                            "organisations", "people", "memberships", "events", "notes",
                            "follow_ups")}
    for r in raw["actors"]:
        section = SECTION_OF_LABEL[r["label"]]
        item = _ordered(r["props"], ("id", "name"))
        if section == "sub_communities":
            item["community"] = r["community"]
        doc[section].append(item)
    for r in raw["people"] if people else []:
        item = _ordered(r["props"], ("id", "name"))
        if r["organisation"]:
            item["organisation"] = r["organisation"]
        doc["people"].append(item)
    for r in raw["memberships"]:
        doc["memberships"].append({k: v for k, v in r.items() if v is not None})
    for r in raw["events"]:
        item = _ordered(r["props"], _EVENT_KEYS)
        if r["parent"]:
            item["parent"] = r["parent"]
        item["contributors"] = sorted(r["contributors"], key=lambda c: (c["actor"], c["role"]))
        item["attendance"] = sorted(r["attendance"], key=lambda a: a["organisation"])
        item["speakers"] = sorted(r["speakers"]) if people else []
        item["attendees"] = sorted(r["attendees"]) if people else []
        item["feedback"] = sorted(({k: v for k, v in f.items() if v is not None}
                                   for f in r["feedback"]), key=lambda f: f["organisation"])
        doc["events"].append(item)
    for section in ("notes", "follow_ups"):
        doc[section] = _on_records(raw[section], people)
    return doc


def _on_records(found: list[dict[str, Any]], people: bool) -> list[dict[str, Any]]:
    """Notes or follow-ups as interchange items; those about people (personal data, editors
    only) only when `people`."""
    return [_about(r) for r in found if people or r["kind"] != "person"]


def _about(r: dict[str, Any]) -> dict[str, Any]:
    """A note or follow-up as an interchange item: the record it is about under its kind."""
    item = {k: v for k, v in r.items() if k not in ("kind", "about") and v is not None}
    item[r["kind"]] = r["about"]
    return item


def _ordered(props: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    """Properties with the format's own keys first, then the extras sorted by name."""
    item = {k: props[k] for k in first if props.get(k) is not None}
    item.update({k: props[k] for k in sorted(props) if k not in first and props[k] is not None})
    return item
