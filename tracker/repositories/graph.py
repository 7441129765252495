"""The whole model in and out as one JSON document (see docs/interchange.md, docs/imports.md).

``import_document`` checks everything first (shape, references, kinds, cycles) and then writes
the whole document in ONE transaction, CHUNK rows per statement: all of it lands or none of it
does. A document of LARGE_IMPORT rows or more is written one batch per transaction with an undo
journal (``tracker.repositories.journal``), rolled back on any failure, so it is still all or
nothing for the user. Importing the same document twice changes nothing.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tracker.areas import ReachSubjects
from tracker.audit import current_username, entry
from tracker.db import (
    ConstraintError,
    Database,
    DatabaseUnavailable,
    ManagedTransaction,
    WriteLanded,
    rows,
    value,
)
from tracker.interchange import ACTOR_SECTIONS, Checked, against_database, check
from tracker.matching import decide
from tracker.model import FOLLOW_UP_DAYS
from tracker.problems import Item, Problems
from tracker.repositories import follow_ups, journal
from tracker.services.matching import index

_log = logging.getLogger(__name__)

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
# Documents of at least this many rows are written one batch of CHUNK rows per transaction with
# an undo journal instead of in one transaction (whose state grows with the document and ran out
# of the default heap's transaction memory near 190,000 organisations; docs/imports.md).
LARGE_IMPORT = 50_000


Progress = Callable[[str, int, int], None]
Guard = Callable[[ManagedTransaction], None]


def _quiet(_what: str, _done: int, _total: int) -> None:
    """No progress reporting."""


def _probable_duplicates(db: Database, checked: Checked, existing: set[str]) -> list[Item]:
    """New organisations of the document that the matcher says already exist under other ids."""
    problems: list[Item] = []
    new = [org for org in checked.rows.get("organisations", []) if org["id"] not in existing]
    if not new:
        return problems
    found = index(db)  # one read for the whole document: matching is then pure Python per name
    for org in new:
        answer = decide(found, org.get("name") or "")
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


@dataclass(frozen=True)
class _Step:
    """One kind of row of a document and the named query that writes it, `rows` at a time.

    For the batched import (`_in_batches`), ``ns`` names the namespace of the node each row
    upserts by its "id" (journalled as a node), and ``pairs`` the relationships a row may
    create, change or delete (journalled as pairs, see tracker/cypher/journal/pairs).
    """

    query: str
    rows: list[dict[str, Any]]
    count: str | None = None
    param: str = "rows"
    extra: dict[str, Any] = field(default_factory=dict)
    ns: str | None = None
    pairs: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None
    told: bool = True

    @property
    def what(self) -> str:
        return self.query.rsplit("/", 1)[-1].replace("_", " ")

    def run(self, tx: ManagedTransaction, chunk: list[dict[str, Any]]) -> int:
        return int(value(tx, self.query, **{self.param: chunk, **self.extra}) or 0)


def _pair(frm: str, frm_ns: str, rel: str, to: str | None, to_ns: str,
          to_label: str | None = None, replace: bool = False) -> dict[str, Any]:
    return {"from": frm, "from_ns": frm_ns, "type": rel, "to": to, "to_ns": to_ns,
            "to_label": to_label, "replace": replace}


_SUBJECT_NS = {"organisation": "Actor", "person": "Person", "event": "Event"}


def _steps(data: dict[str, list[dict[str, Any]]], user: str | None) -> list[_Step]:
    """Every step of writing a checked document, in order."""
    events = data["events"]
    steps = [_Step(f"interchange/upsert_{section}", data[section], section, ns="Actor",
                   pairs=(lambda r: [_pair(r["id"], "Actor", "PART_OF", r["community"], "Actor",
                                           "Community", True)])
                   if section == "sub_communities" else None)
             for section in ACTOR_SECTIONS]
    steps += [
        _Step("interchange/upsert_people", data["people"], "people", ns="Person",
              pairs=lambda r: [_pair(r["id"], "Person", "WORKS_AT", r["organisation"], "Actor",
                                     "Organisation", True)] if r.get("organisation") else []),
        _Step("interchange/upsert_memberships", data["memberships"], "memberships",
              pairs=lambda r: [_pair(r["member"], "Actor", "MEMBER_OF", r["of"], "Actor")]),
        _Step("interchange/upsert_events", [{k: e[k] for k in ("id", "name", "start", "end",
                                                                 "props")} for e in events],
              "events", ns="Event"),
        _Step("interchange/link_event_parents",
              [{"id": e["id"], "parent": e["parent"]} for e in events], told=False,
              pairs=lambda r: [_pair(r["id"], "Event", "PART_OF", r["parent"], "Event", "Event",
                                     True)]),
        _Step("interchange/add_contributions",
              [{"event": e["id"], **c} for e in events for c in e["contributors"]],
              "contributions",
              pairs=lambda r: [_pair(r["actor"], "Actor", "CONTRIBUTED", r["event"], "Event")]),
        _Step("interchange/add_attendance",
              [{"event": e["id"], **a} for e in events for a in e["attendance"]], "attendance",
              pairs=lambda r: [_pair(r["organisation"], "Actor", "ATTENDED", r["event"],
                                     "Event")]),
    ]
    for key, pairs in (("speakers", _spoke), ("attendees", _attended)):
        steps.append(_Step(
            "interchange/add_people_at_events",
            [{"event": e["id"], "person": p} for e in events for p in e[key]], param=key,
            extra={k: [] for k in ("speakers", "attendees") if k != key}, told=False,
            pairs=pairs))
    steps.append(_Step("interchange/add_feedback", _feedback(data), "feedback",
                       pairs=lambda r: [_pair(r["organisation"], "Actor", "GAVE_FEEDBACK",
                                              r["event"], "Event")]))
    for section, ns, pairs in (("notes", "Note", _note_about),
                               ("follow_ups", "FollowUp", _follow_up_about)):
        steps.append(_Step(f"{section}/upsert", data[section], section, extra={"user": user},
                           ns=ns, told=False, pairs=pairs))
    return steps


def _spoke(r: dict[str, Any]) -> list[dict[str, Any]]:
    return [_pair(r["person"], "Person", "SPOKE_AT", r["event"], "Event")]


def _attended(r: dict[str, Any]) -> list[dict[str, Any]]:
    return [_pair(r["person"], "Person", "ATTENDED", r["event"], "Event")]


def _note_about(r: dict[str, Any]) -> list[dict[str, Any]]:
    return [_pair(r["id"], "Note", "ABOUT", r["about"], _SUBJECT_NS[r["kind"]], None, True)]


def _follow_up_about(r: dict[str, Any]) -> list[dict[str, Any]]:
    return [_pair(r["id"], "FollowUp", "ABOUT", r["about"], _SUBJECT_NS[r["kind"]], None, True)]


def _feedback(data: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [{"event": e["id"], **f} for e in data["events"] for f in e["feedback"]]


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
    if replace_events:
        value(tx, "interchange/clear_event_links", ids=[e["id"] for e in data["events"]])
    for step in _steps(data, current_username()):
        n = sum(step.run(tx, chunk) for chunk in _told(step, progress))
        if step.count:
            counts[step.count] = n
    counts.update(_finish(tx, data, follow_up_days, follow_up_owner))
    return counts


def _told(step: _Step, progress: Progress) -> Iterator[list[dict[str, Any]]]:
    """The step's rows, CHUNK at a time, telling progress after each chunk."""
    items = step.rows
    for at in range(0, len(items), CHUNK):
        yield items[at:at + CHUNK]
        if step.told:
            progress(step.what, min(at + CHUNK, len(items)), len(items))


def _finish(tx: ManagedTransaction, data: dict[str, list[dict[str, Any]]],
            follow_up_days: int | None, follow_up_owner: str | None) -> dict[str, int]:
    """Follow-ups of the feedback, then the cycle check (a cycle rolls everything back)."""
    counts: dict[str, int] = {}
    if follow_up_days is not None:
        counts["follow_ups_from_feedback"] = len(
            follow_ups.from_feedback(tx, _feedback(data), follow_up_days, owner=follow_up_owner))
    cycles = [r["id"] for r in rows(tx, "interchange/event_cycles",
                                    ids=[e["id"] for e in data["events"]])]
    if cycles:
        # Raising inside the transaction function rolls the whole document back.
        raise Problems([("$.events", f"event {i!r} would become its own ancestor")
                        for i in sorted(cycles)])
    return counts


def row_count(checked: Checked) -> int:
    """Rows a checked document writes (sections plus the lists inside its events)."""
    events = checked.rows.get("events", [])
    inner = sum(len(e[k]) for e in events
                for k in ("contributors", "attendance", "speakers", "attendees", "feedback"))
    return sum(len(v) for v in checked.rows.values()) + inner


def import_document(db: Database, doc: Any, replace_events: bool = False,
                    audit: list[dict[str, Any]] | None = None,
                    new_events: list[str] | None = None,
                    progress: Progress | None = None,
                    allow_similar: bool = False,
                    guard: Guard = _nothing,
                    follow_up_days: int | None = FOLLOW_UP_DAYS,
                    follow_up_owner: str | None = None,
                    batches: bool | None = None,
                    file: str = "document") -> dict[str, int]:
    """Check and write a whole document, all or nothing; returns counts per section.

    A document of fewer than LARGE_IMPORT rows is written in ONE transaction. A larger one
    (or any, with ``batches=True``) is written one batch of CHUNK rows per transaction with an
    undo journal (``_in_batches``): any failure, Ctrl-C included, rolls it back before the
    error is raised, and an import killed outright is rolled back by ``tracker import
    --recover``. Forms (``new_events``, ``replace_events``, ``guard``) always use one
    transaction.

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
    simple = bool(new_events) or replace_events or guard is not _nothing
    if batches or (batches is None and not simple and row_count(checked) >= LARGE_IMPORT):
        return _in_batches(db, checked, _Run(file, follow_up_days, follow_up_owner, audit), say)
    try:
        # A form's save names its events in its audit entries; an import says what it touches.
        return db.write_tx(_write, checked, replace_events, list(new_events or []), say,
                           guard, follow_up_days, follow_up_owner, audit=audit,
                           reach=None if simple else reach_of(checked, may_append=True))
    except ConstraintError as exc:
        raise Problems.one(str(exc.message or exc), "$") from None


def reach_of(checked: Checked, may_append: bool = False) -> ReachSubjects:
    """Whose first reaching collaboration importing a checked document may change: the
    organisations reaching its events' collaborations (before and after the import), the
    employers of its people, and its organisations (``tracker.db.Database.write_tx``).

    With ``may_append``, its events may only append collaborations to the timeline (so a cached
    timeline is extended, ``meta/note_tail``) when none of them and none of its people existed
    before: what else a document holds (organisations' and groups' properties, memberships,
    notes, follow-ups, feedback on its events) is not part of the timeline.
    """
    data = checked.rows
    events = tuple(e["id"] for e in data["events"])
    return ReachSubjects(events=events,
                         people=tuple(p["id"] for p in data["people"]),
                         organisations=tuple(o["id"] for o in data["organisations"]),
                         appended=events if may_append else ())


@dataclass(frozen=True)
class _Run:
    """What a batched import needs besides the rows."""

    file: str
    follow_up_days: int | None
    follow_up_owner: str | None
    audit: list[dict[str, Any]]


class _Journal:
    """The Python side of one batched import's journal: which nodes it created and which pairs
    it has journalled, so that a relationship is journalled once, and never when one of its
    ends is a node this import created (deleting that node takes it away on undo)."""

    def __init__(self, import_id: str) -> None:
        self.id = import_id
        self.created: set[tuple[str, str]] = set()
        self.seen: set[tuple[Any, ...]] = set()
        self.existing: dict[str, set[str]] = {}

    def read_existing(self, db: Database, checked: Checked) -> None:
        """Which of the document's actors, people and events exist: read once after the head
        is created (other writes refuse from then on), so a batch asks the database only about
        those (an import into an empty database journals just the ids it creates)."""
        self.existing = {"Actor": set(), "Person": set(), "Event": set()}
        kinds = {"actor": "Actor", "person": "Person", "event": "Event"}
        for r in db.read("interchange/existing_ids", **checked.ids()):
            self.existing[kinds[r["kind"]]].add(r["id"])

    def batch(self, tx: ManagedTransaction, step: _Step, chunk: list[dict[str, Any]]) -> int:
        """Journal one chunk of a step, then write it (in tx)."""
        if step.ns:
            created = journal.record_nodes(tx, self.id, step.ns, [r["id"] for r in chunk],
                                           self.existing.get(step.ns))
            self.created.update((step.ns, i) for i in created)
        if step.pairs:
            journal.record_pairs(tx, self.id, [p for r in chunk for p in step.pairs(r)
                                               if self._new(p)])
        return step.run(tx, chunk)

    def _new(self, p: dict[str, Any]) -> bool:
        if (p["from_ns"], p["from"]) in self.created or \
                (not p["replace"] and (p["to_ns"], p["to"]) in self.created):
            return False
        key = (p["from_ns"], p["from"], p["type"], p["replace"],
               p["to_label"] if p["replace"] else (p["to_ns"], p["to"]))
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


def _in_batches(db: Database, checked: Checked, run: _Run, say: Progress) -> dict[str, int]:
    """Write a checked document one batch per transaction with an undo journal (see
    tracker.repositories.journal); on any failure roll it back, then raise."""
    user = current_username()
    log = _Journal(uuid.uuid4().hex)
    journal.begin(db, log.id, run.file, run.follow_up_owner or user)
    try:
        log.read_existing(db, checked)
        reach = _reach_before(db, checked)
        counts = _write_batches(db, checked, log, user, say)

        def finish(tx: ManagedTransaction) -> dict[str, int]:
            found = _finish(tx, checked.rows, run.follow_up_days, run.follow_up_owner)
            journal.mark_committed(tx, log.id)
            return found

        counts.update(db.write_tx(finish, audit=run.audit, reach=reach))
    except WriteLanded:
        _clean_up(db, log.id, say)  # the last transaction committed after all: it landed
        raise
    except BaseException as exc:
        _roll_back(db, log.id, say, exc)
        if isinstance(exc, ConstraintError):
            raise Problems.one(str(exc.message or exc), "$") from None
        raise
    _clean_up(db, log.id, say)
    return counts


def _reach_before(db: Database, checked: Checked) -> ReachSubjects:
    """A batched import's subjects (:func:`reach_of`) with the organisations they reach before
    its first batch (read once the journal's head refuses other writes): its last transaction
    refreshes the kept first reach of those and of the ones reached after, so the batches
    leave ``FirstReach`` as it was and a roll-back has nothing of it to undo."""
    subjects = reach_of(checked)
    before = db.read_value("first_reach/candidates", events=list(subjects.events),
                           people=list(subjects.people),
                           organisations=list(subjects.organisations))
    return ReachSubjects(subjects.events, subjects.people, tuple(before or ()))


def _clean_up(db: Database, import_id: str, say: Progress) -> None:
    """Delete a landed import's journal; if the database goes away meanwhile, the import has
    still landed (`tracker import --recover` deletes the rest, and writes are not refused)."""
    try:
        journal.discard(db, import_id, say)
    except DatabaseUnavailable:
        _log.warning("import %s landed; its journal is left for `tracker import --recover`",
                     import_id)


def _write_batches(db: Database, checked: Checked, log: _Journal, user: str | None,
                   say: Progress) -> dict[str, int]:
    counts: dict[str, int] = {}
    for step in _steps(checked.rows, user):
        n = 0
        for at in range(0, len(step.rows), CHUNK):
            chunk = step.rows[at:at + CHUNK]
            n += db.run_write(log.batch, step, chunk)
            say(f"{step.what} (batches of {CHUNK:,})", min(at + CHUNK, len(step.rows)),
                len(step.rows))
        if step.count:
            counts[step.count] = n
    return counts


class RollBackPending(DatabaseUnavailable):
    """A batched import failed and the database went away before it was rolled back."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(f"the import was interrupted ({cause}) and the database went away "
                         "before it could be rolled back; changes are refused until "
                         "`tracker import --recover` has rolled it back")


def _roll_back(db: Database, import_id: str, say: Progress, cause: BaseException) -> None:
    """Undo a failed batched import; when even that fails, say how to finish it later."""
    _log.warning("import %s failed (%s); rolling it back", import_id, type(cause).__name__)
    try:
        if isinstance(cause, DatabaseUnavailable) and db.patient:
            db.wait_until_available()
        journal.undo(db, import_id, say)
    except DatabaseUnavailable as exc:
        _log.exception("import %s: the roll-back did not finish", import_id)
        raise RollBackPending(exc) from cause


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
