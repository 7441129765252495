"""Events (collaborations and their sessions): list, detail, log/edit in one transaction,
delete, feedback.

Logging or editing a collaboration builds one interchange document (the event, its sessions,
any organisations or people typed in for the first time) and hands it to
``tracker.repositories.graph.import_document``, which writes all of it in ONE transaction: the
whole collaboration lands or none of it does.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tracker.audit import entry
from tracker.db import Database, ManagedTransaction, row, rows, value
from tracker.matching import CREATE_NEW, MATCH

# Sort keys offered by the list page, each mapped to a whole prewritten query.
SORTS = {
    "start_desc": "events/list_start_desc",
    "start_asc": "events/list_start_asc",
    "name_asc": "events/list_name_asc",
    "name_desc": "events/list_name_desc",
}
DEFAULT_SORT = "start_desc"
PER_PAGE = 25


class EventProblems(ValueError):
    """The event cannot be written as asked; `problems` are (field path, message) pairs.

    A field path names a form field (``id``, ``contributors-2-actor_name``); an empty path is a
    problem with the form as a whole.
    """

    def __init__(self, problems: list[tuple[str, str]],
                 choices: dict[str, list[dict[str, Any]]] | None = None) -> None:
        super().__init__("; ".join(m for _, m in problems))
        self.problems = problems
        # "Is it one of these?": field path -> the matcher's candidates for a typed name.
        self.choices = choices or {}


# -- reading ---------------------------------------------------------------------------------
def list_events(db: Database, *, q: str | None = None, year: int | None = None,
                role: str | None = None, actor: str | None = None, sessions: bool = False,
                sort: str = DEFAULT_SORT, page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    """One page of events (top-level collaborations unless `sessions`), with the total."""
    name = SORTS.get(sort, SORTS[DEFAULT_SORT])
    page = max(1, page)
    found = db.read_one(name, q=q or None, year=year, role=role or None, actor=actor or None,
                        sessions=bool(sessions), skip=(page - 1) * per_page, limit=per_page)
    total = int(found["total"]) if found else 0
    return {"total": total, "items": found["items"] if found else [], "page": page,
            "pages": max(1, math.ceil(total / per_page)), "per_page": per_page}


def years(db: Database) -> list[int]:
    """Years in which events start, newest first."""
    return [r["year"] for r in db.read("events/years")]


def get(db: Database, event_id: str) -> dict[str, Any] | None:
    """An event with its parent chain, sessions, contributors, attendance, people, feedback."""
    found = db.read_one("events/detail", id=event_id)
    if found is None:
        return None
    own = [a for a in found["attendance"] if a["event"] == event_id]
    by_org: dict[str, dict[str, Any]] = {}
    for a in found["attendance"]:
        slot = by_org.setdefault(a["organisation"], {"organisation": a["organisation"],
                                                     "name": a["name"], "attendees": 0})
        slot["attendees"] += a["attendees"] or 0
    found["attendance_by_organisation"] = sorted(
        by_org.values(), key=lambda r: (-r["attendees"], (r["name"] or "").lower()))
    found["attendance_total"] = sum(r["attendees"] for r in by_org.values())
    found["own_attendance"] = own
    # Where the attendance came from: the spreadsheet imports of the event and its sessions.
    found["attendance_sources"] = db.read("sheets/attendance_sources", event=event_id)
    return found


def delete_preview(db: Database, event_id: str) -> dict[str, Any] | None:
    """What deleting the event would remove (its sessions and attached records)."""
    return db.read_one("events/delete_preview", id=event_id)


def delete(db: Database, event_id: str) -> list[str]:
    """Delete the event and all its sessions; returns the deleted ids."""
    preview = delete_preview(db, event_id)
    if preview is None:
        return []
    audit = [entry("event", event_id, "delete",
                   {"name": preview["name"],
                    "sessions": [s["id"] for s in preview["sessions"]]})]
    audit += [entry("event", s["id"], "delete", {"name": s["name"], "with": event_id})
              for s in preview["sessions"]]
    return db.write_tx(lambda tx: value(tx, "events/delete", id=event_id) or [], audit=audit)


# -- feedback --------------------------------------------------------------------------------
def feedback_context(db: Database, event_id: str, organisation: str | None) -> dict[str, Any] | None:
    """The event, the organisation (if known) and the feedback already given."""
    return db.read_one("events/feedback_context", event=event_id, organisation=organisation or "")


def find_organisation(db: Database, value_: str) -> list[dict[str, Any]]:
    """Organisations whose id or exact name is `value_` (at most two: enough to see a clash)."""
    return db.read("events/organisation_by_name", value=value_)


def set_feedback(db: Database, event_id: str, organisation: str, rating: int,
                 work_together_again: bool, comment: str | None) -> bool:
    """Record one organisation's feedback on an event; False if either does not exist."""
    changes = {"organisation": organisation, "rating": rating,
               "work_together_again": work_together_again, "comment": comment}
    done = db.write_tx(lambda tx: row(tx, "events/set_feedback", event=event_id,
                                      organisation=organisation, rating=rating,
                                      work_together_again=work_together_again, comment=comment),
                       audit=[entry("feedback", event_id, "update", changes)])
    return done is not None


def delete_feedback(db: Database, event_id: str, organisation: str) -> bool:
    """Remove one organisation's feedback on an event."""
    count = db.write_tx(lambda tx: value(tx, "events/delete_feedback", event=event_id,
                                         organisation=organisation),
                        audit=[entry("feedback", event_id, "delete",
                                     {"organisation": organisation})])
    return bool(count)


# -- logging and editing ---------------------------------------------------------------------
def slugify(text: str, fallback: str = "item", max_len: int = 60) -> str:
    """'Ministry of Justice (MoJ)' -> 'ministry-of-justice-moj'; ids stay ASCII and URL-safe."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_len].strip("-")
    return slug or fallback


def _free_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _iso(day: dt.date | str | None) -> str | None:
    if day is None or isinstance(day, str):
        return day
    return day.isoformat()


@dataclass
class _Context:
    event_ids: set[str] = field(default_factory=set)
    session_parents: dict[str, str | None] = field(default_factory=dict)
    parents: list[dict[str, Any]] = field(default_factory=list)
    actors_known: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors_named: dict[str, dict[str, Any]] = field(default_factory=dict)
    actor_ids: set[str] = field(default_factory=set)
    people_known: set[str] = field(default_factory=set)
    people_named: dict[str, str] = field(default_factory=dict)
    people_ids: set[str] = field(default_factory=set)
    existing: dict[str, Any] | None = None


def _read_context(tx: ManagedTransaction, *, prefixes: list[str], session_ids: list[str],
                  parent: str | None, actor_ids: list[str], actor_names: list[str],
                  actor_slugs: list[str], person_ids: list[str], person_names: list[str],
                  person_slugs: list[str], existing_id: str | None) -> _Context:
    ctx = _Context()
    ctx.event_ids = set(value(tx, "events/ids_taken", prefixes=prefixes) or []) \
        if prefixes else set()
    if session_ids:
        ctx.session_parents = {r["id"]: r["parent"]
                               for r in rows(tx, "events/session_parents", ids=session_ids)}
    if parent:
        ctx.parents = rows(tx, "events/parent_chain", parent=parent)
    found = row(tx, "events/resolve_actors", ids=actor_ids, names=actor_names, slugs=actor_slugs)
    if found:
        ctx.actors_known = {a["id"]: a for a in found["known"]}
        ctx.actors_named = {a["name"]: a for a in found["named"]}
        ctx.actor_ids = set(found["taken"])
    found = row(tx, "events/resolve_people", ids=person_ids, names=person_names,
                slugs=person_slugs)
    if found:
        ctx.people_known = set(found["known"])
        ctx.people_named = {p["name"]: p["id"] for p in found["named"]}
        ctx.people_ids = set(found["taken"])
    if existing_id:
        ctx.existing = row(tx, "events/detail", id=existing_id)
    return ctx


def _attachments(existing: dict[str, Any] | None, event_id: str) -> dict[str, Any]:
    """What an existing event or session already holds, in interchange shape."""
    if not existing:
        return {"contributors": [], "attendance": [], "speakers": [], "attendees": [],
                "feedback": []}
    return {
        "contributors": [{"actor": c["actor"], "role": c["role"]}
                         for c in existing["contributors"] if c["event"] == event_id],
        "attendance": [{"organisation": a["organisation"], "attendees": a["attendees"]}
                       for a in existing["attendance"] if a["event"] == event_id],
        "speakers": [p["id"] for p in existing["speakers"] if p["event"] == event_id],
        "attendees": [p["id"] for p in existing["attendees"] if p["event"] == event_id],
        # Feedback is edited on its own form; only the event itself carries it here.
        "feedback": [{k: f[k] for k in ("organisation", "rating", "work_together_again",
                                        "comment") if f.get(k) is not None}
                     for f in existing["feedback"]] if existing["event"]["id"] == event_id
        else [],
    }


def plan(db: Database, data: dict[str, Any], event_id: str | None = None,
         notes: list[str] | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Turn form data into (interchange document, audit entries); raises EventProblems.

    `data` is EventForm.to_data(); `event_id` is the event being edited (None to log a new one).
    Rows carry `_row`, their index in the form, so problems point at the right field.

    A typed organisation name that is not exactly an existing actor's id or name goes through
    the matcher: a confident match is used (and "typed → name" appended to `notes`); anything
    else comes back as a problem with the candidates in EventProblems.choices, until the row
    carries a choice (an organisation id, or CREATE_NEW). Nothing is created unasked.
    """
    from tracker.services import matching
    problems: list[tuple[str, str]] = []
    editing = event_id is not None
    eid = event_id or data.get("id") or None
    base_event = eid or slugify(data["name"], "event")
    sessions = data["sessions"]
    new_session_ids = [s["id"] for s in sessions if s.get("id")]
    session_bases = {s["_row"]: f"{base_event}-{slugify(s['name'], 'session', 40)}"
                     for s in sessions if not s.get("id")}
    contributors, attendance, speakers = data["contributors"], data["attendance"], data["speakers"]
    typed_rows = [(c, "actor_name", "actor_choice") for c in contributors if not c.get("actor")]
    typed_rows += [(a, "organisation_name", "organisation_choice") for a in attendance
                   if not a.get("organisation")]
    # Typed text may be an existing id; a choice other than CREATE_NEW is one.
    actor_ids = sorted({c["actor"] for c in contributors if c.get("actor")}
                       | {a["organisation"] for a in attendance if a.get("organisation")}
                       | {r[name_key] for r, name_key, _ in typed_rows if r.get(name_key)}
                       | {r[choice_key] for r, _, choice_key in typed_rows
                          if r.get(choice_key) and r[choice_key] != CREATE_NEW})
    actor_names = sorted({c["actor_name"] for c in contributors if not c.get("actor")}
                         | {a["organisation_name"] for a in attendance
                            if not a.get("organisation")})
    person_ids = sorted({s["person"] for s in speakers if s.get("person")})
    person_names = sorted({s["person_name"] for s in speakers if not s.get("person")})
    parent = data.get("parent") or data.get("parent_name") or None
    ctx = db.read_tx(
        _read_context,
        prefixes=sorted({base_event, *new_session_ids, *session_bases.values()}),
        session_ids=new_session_ids, parent=parent, actor_ids=actor_ids,
        actor_names=actor_names, actor_slugs=sorted({slugify(n, "organisation")
                                                     for n in actor_names}),
        person_ids=person_ids, person_names=person_names,
        person_slugs=sorted({slugify(n, "person") for n in person_names}),
        existing_id=event_id)
    if editing and ctx.existing is None:
        raise EventProblems([("", "This event no longer exists.")])
    # What the matcher makes of each typed name that is neither an id nor an exact name.
    answers = {name: matching.match(db, name)
               for r, name_key, choice_key in typed_rows
               if not r.get(choice_key) and (name := r.get(name_key))
               and name not in ctx.actors_named and name not in ctx.actors_known}
    choices: dict[str, list[dict[str, Any]]] = {}

    # The event's own id.
    taken_events = set(ctx.event_ids)
    if editing:
        assert eid is not None
    elif eid:
        if eid in taken_events:
            problems.append(("id", f"An event with the id {eid!r} already exists: choose "
                                   "another id or edit that event."))
        taken_events.add(eid)
    else:
        eid = _free_id(base_event, taken_events)
    assert eid is not None

    # The parent, and no event that would be its own ancestor.
    parent_id: str | None = None
    if parent:
        matches = [p for p in ctx.parents if p["id"] == parent] or ctx.parents
        field_name = "parent_name"
        if not matches:
            problems.append((field_name, f"No event has the id or name {parent!r}."))
        elif len(matches) > 1:
            problems.append((field_name, f"Several events are called {parent!r}: pick one."))
        else:
            parent_id = matches[0]["id"]
            if eid in matches[0]["chain"]:
                problems.append((field_name, "That would make this event part of itself "
                                             "(an event cannot be its own ancestor)."))

    # Sessions: a typed id is new, or already a session of this very event.
    docs_sessions: list[dict[str, Any]] = []
    own_session_ids = {s["id"] for s in (ctx.existing or {}).get("sessions", [])
                       if s["parent"] == eid}
    for s in sessions:
        sid = s.get("id")
        if sid:
            if sid in ctx.session_parents and sid not in own_session_ids:
                problems.append((f"sessions-{s['_row']}-id",
                                 f"An event with the id {sid!r} already exists: choose "
                                 "another id."))
            elif parent_id and sid in next((p["chain"] for p in ctx.parents
                                            if p["id"] == parent_id), []):
                problems.append((f"sessions-{s['_row']}-id",
                                 "A session cannot be an ancestor of its own event."))
        else:
            sid = _free_id(session_bases[s["_row"]], taken_events)
        session_doc: dict[str, Any] = {"id": sid, "name": s["name"],
                                       "start": _iso(s["start"]), "parent": eid}
        if s.get("end"):
            session_doc["end"] = _iso(s["end"])
        # Keep what an existing session already holds (replacing must not wipe it).
        if ctx.existing and sid in own_session_ids:
            session_doc.update(_attachments(ctx.existing, sid))
        docs_sessions.append(session_doc)

    # Contributors and attendance: picked ids must exist; typed names are reused or created.
    new_orgs: dict[str, dict[str, Any]] = {}
    taken_actor_ids = set(ctx.actor_ids)

    def actor_for(row_: dict[str, Any], id_key: str, name_key: str, path: str,
                  organisation_only: bool, choice_key: str) -> str | None:
        picked = row_.get(id_key)
        if picked:
            known = ctx.actors_known.get(picked)
            if known is None:
                problems.append((path, f"{row_.get(name_key) or picked!r} is not in the "
                                       "database (any more): pick it again."))
                return None
            if organisation_only and known["kind"] != "Organisation":
                problems.append((path, f"{known['name']} is not an organisation: attendance "
                                       "is counted per organisation."))
                return None
            return str(picked)
        name = row_[name_key]
        named = ctx.actors_named.get(name) or ctx.actors_known.get(name)
        if named and (not organisation_only or named["kind"] == "Organisation"):
            return str(named["id"])
        choice = row_.get(choice_key) or ""
        if choice and choice != CREATE_NEW:
            chosen = ctx.actors_known.get(choice)
            if chosen is None or chosen["kind"] != "Organisation":
                problems.append((path, f"The organisation chosen for {name!r} is not in the "
                                       "database (any more): choose again."))
                return None
            return choice
        if not choice:
            answer = answers[name]
            if answer["decision"] == MATCH:
                best = answer["matches"][0]
                if notes is not None and f"{name} → {best['name']}" not in notes:
                    notes.append(f"{name} → {best['name']}")
                return str(best["id"])
            choices[path] = answer["matches"][:5]
            problems.append((path, f"Is {name!r} one of these? Choose one, or choose to create "
                                   "a new organisation." if answer["matches"] else
                                   f"No organisation is called {name!r}: choose to create it "
                                   "as a new organisation, or correct the name."))
            return None
        if name not in new_orgs:
            new_orgs[name] = {"id": _free_id(slugify(name, "organisation"), taken_actor_ids),
                              "name": name}
        return str(new_orgs[name]["id"])

    doc_contributors: list[dict[str, str]] = []
    seen_contributors: set[tuple[str, str]] = set()
    for c in contributors:
        path = f"contributors-{c['_row']}-actor_name"
        actor = actor_for(c, "actor", "actor_name", path, organisation_only=False,
                          choice_key="actor_choice")
        if actor is None:
            continue
        if (actor, c["role"]) in seen_contributors:
            problems.append((path, "This contributor is already listed with this role."))
            continue
        seen_contributors.add((actor, c["role"]))
        doc_contributors.append({"actor": actor, "role": c["role"]})
    doc_attendance: list[dict[str, Any]] = []
    seen_orgs: set[str] = set()
    for a in attendance:
        path = f"attendance-{a['_row']}-organisation_name"
        org = actor_for(a, "organisation", "organisation_name", path, organisation_only=True,
                        choice_key="organisation_choice")
        if org is None:
            continue
        if org in seen_orgs:
            problems.append((path, "This organisation is already listed: put its whole count "
                                   "in one row."))
            continue
        seen_orgs.add(org)
        doc_attendance.append({"organisation": org, "attendees": int(a["attendees"])})

    # Speakers: picked people must exist; typed names are reused or created.
    new_people: dict[str, dict[str, Any]] = {}
    taken_people = set(ctx.people_ids)
    doc_speakers: list[str] = []
    for s in speakers:
        path = f"speakers-{s['_row']}-person_name"
        person = s.get("person")
        if person and person not in ctx.people_known:
            problems.append((path, f"{s.get('person_name') or person!r} is not in the database "
                                   "(any more): pick them again."))
            continue
        if not person:
            name = s["person_name"]
            person = ctx.people_named.get(name)
            if person is None:
                if name not in new_people:
                    new_people[name] = {"id": _free_id(slugify(name, "person"), taken_people),
                                        "name": name}
                person = new_people[name]["id"]
        if person in doc_speakers:
            problems.append((path, "This speaker is already listed."))
            continue
        doc_speakers.append(person)

    if problems:
        raise EventProblems(problems, choices)

    kept = _attachments(ctx.existing, eid)
    event_doc: dict[str, Any] = {
        "id": eid, "name": data["name"], "start": _iso(data["start"]),
        "contributors": doc_contributors, "attendance": doc_attendance,
        "speakers": doc_speakers, "attendees": kept["attendees"], "feedback": kept["feedback"],
    }
    if data.get("end"):
        event_doc["end"] = _iso(data["end"])
    if parent_id:
        event_doc["parent"] = parent_id
    doc: dict[str, Any] = {"events": [event_doc, *docs_sessions]}
    if new_orgs:
        doc["organisations"] = list(new_orgs.values())
    if new_people:
        doc["people"] = list(new_people.values())

    action = "update" if editing else "create"
    audit = [entry("event", eid, action, {
        "name": data["name"], "start": _iso(data["start"]), "end": _iso(data.get("end")),
        "parent": parent_id, "contributors": doc_contributors, "attendance": doc_attendance,
        "speakers": doc_speakers, "sessions": [s["id"] for s in docs_sessions]})]
    audit += [entry("event", s["id"], "update" if s["id"] in own_session_ids else "create",
                    {"name": s["name"], "start": s["start"], "end": s.get("end"),
                     "parent": eid}) for s in docs_sessions]
    audit += [entry("organisation", o["id"], "create", {"name": o["name"], "via": eid})
              for o in new_orgs.values()]
    audit += [entry("person", p["id"], "create", {"name": p["name"], "via": eid})
              for p in new_people.values()]
    return doc, audit


def save(db: Database, data: dict[str, Any], event_id: str | None = None,
         notes: list[str] | None = None) -> str:
    """Log (or edit) a collaboration in ONE transaction; returns its id.

    Raises EventProblems for anything the user can fix; nothing is written in that case.
    Typed names the matcher resolved confidently are appended to `notes` ("ONS → Office for
    National Statistics").
    """
    from tracker.repositories.graph import EventIdTaken, ImportProblems, import_document

    doc, audit = plan(db, data, event_id, notes)
    # Events this save creates: the constraint refuses them if they exist by commit time (two
    # editors creating one id at the same moment: one wins, the other is told, nothing merges).
    new_events = [a["entity_id"] for a in audit
                  if a["entity"] == "event" and a["action"] == "create"]
    try:
        # The person chose to create every new organisation in the document.
        import_document(db, doc, replace_events=event_id is not None, audit=audit,
                        new_events=new_events, allow_similar=True)
    except EventIdTaken as exc:
        field_name = "id" if exc.event_id == doc["events"][0]["id"] else ""
        raise EventProblems([(field_name, f"An event with the id {exc.event_id!r} already exists "
                                          "(someone created it a moment ago): choose another id "
                                          "or edit that event.")]) from None
    except ImportProblems as exc:
        raise EventProblems([("", str(p)) for p in exc.problems]) from None
    return str(doc["events"][0]["id"])


def form_data(event: dict[str, Any]) -> dict[str, Any]:
    """An event from `get` in the shape EventForm takes as `data` (for the edit form)."""
    eid = event["event"]["id"]
    parent = event["ancestors"][-1] if event["ancestors"] else None
    return {
        "id": eid, "name": event["event"].get("name"),
        "start": _date(event["event"].get("start")), "end": _date(event["event"].get("end")),
        "parent": parent["id"] if parent else "", "parent_name": parent["name"] if parent else "",
        "contributors": [{"actor": c["actor"], "actor_name": c["name"], "role": c["role"]}
                         for c in event["contributors"] if c["event"] == eid],
        "attendance": [{"organisation": a["organisation"], "organisation_name": a["name"],
                        "attendees": a["attendees"]} for a in event["own_attendance"]],
        "sessions": [{"id": s["id"], "name": s["name"], "start": _date(s["start"]),
                      "end": _date(s["end"])} for s in event["sessions"] if s["parent"] == eid],
        "speakers": [{"person": p["id"], "person_name": p["name"]}
                     for p in event["speakers"] if p["event"] == eid],
    }


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
