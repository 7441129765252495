"""Events (collaborations and their sessions): list, detail, log/edit in one transaction,
delete, feedback.

Logging or editing a collaboration builds one interchange document (the event, its sessions,
any organisations or people typed in for the first time) and hands it to
``tracker.repositories.graph.import_document``, which writes all of it in ONE transaction: the
whole collaboration lands or none of it does.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tracker.audit import entry
from tracker.dates import date_prefix, optional_iso
from tracker.db import Database, ManagedTransaction, row, rows, value
from tracker.matching import CREATE_NEW, MATCH
from tracker.model import FOLLOW_UP_DAYS, text_problem
from tracker.problems import Collector, Problems
from tracker.repositories import follow_ups, versions
from tracker.repositories.graph import EventIdTaken, import_document
from tracker.rows import REPEATED, repeated_rows
from tracker.services import matching
from tracker.text import slugify

K = TypeVar("K")

# Sort keys offered by the list page (an allow-list): each is ($sort, $desc) of events/list.
SORTS = {
    "start_desc": ("start", True),
    "start_asc": ("start", False),
    "name_asc": ("name", False),
    "name_desc": ("name", True),
}
DEFAULT_SORT = "start_desc"
PER_PAGE = 25


# -- reading ---------------------------------------------------------------------------------
def list_events(db: Database, *, q: str | None = None, year: int | None = None,
                role: str | None = None, actor: str | None = None, sessions: bool = False,
                sort: str = DEFAULT_SORT, page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    """One page of events (top-level collaborations unless `sessions`), with the total."""
    key, desc = SORTS.get(sort, SORTS[DEFAULT_SORT])
    page = max(1, page)
    filters = {"q": q or None, "year": year, "role": role or None, "actor": actor or None,
               "sessions": bool(sessions)}

    def work(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], int]:
        items = rows(tx, "events/list", sort=key, desc=desc, skip=(page - 1) * per_page,
                     limit=per_page, **filters)
        return items, int(value(tx, "events/count", **filters) or 0)

    items, total = db.read_tx(work)
    return {"total": total, "items": items, "page": page,
            "pages": max(1, math.ceil(total / per_page)), "per_page": per_page}


def years_in(tx: ManagedTransaction) -> list[int]:
    """Years in which events start, newest first (in tx)."""
    return [r["year"] for r in rows(tx, "events/years")]


def years(db: Database) -> list[int]:
    """Years in which events start, newest first."""
    return db.read_tx(years_in)


def get(db: Database, event_id: str) -> dict[str, Any] | None:
    """An event with its parent chain, sessions, contributors, attendance, people, feedback."""
    found = db.read_one("events/detail", id=event_id)
    if found is None:
        return None
    _shape(found, event_id)
    # Where the attendance came from: the spreadsheet imports of the event and its sessions.
    found["attendance_sources"] = db.read("sheets/attendance_sources", event=event_id)
    return found


def _shape(found: dict[str, Any], event_id: str) -> None:
    """Add the attendance views of an `events/detail` row (per organisation, total, own)."""
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


def edit_state(event: dict[str, Any]) -> dict[str, Any]:
    """What the edit form of an event (from `get`) shows, by id: the state its version covers.

    Display names are left out and rows sorted, so renaming an organisation (which also moves
    it in the name-ordered lists) does not make an open form stale.
    """

    def by_id(rows_: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept = [{k: v for k, v in item.items() if not k.endswith("_name")} for item in rows_]
        return sorted(kept, key=lambda item: sorted((k, str(v)) for k, v in item.items()))

    return {key: by_id(data) if isinstance(data, list) else data
            for key, data in form_data(event).items() if not key.endswith("_name")}


def version(event: dict[str, Any]) -> str:
    """The version of an event from `get`, for its edit form to carry."""
    return versions.fingerprint(edit_state(event))


def _edit_state_in(tx: ManagedTransaction, event_id: str) -> dict[str, Any] | None:
    found = row(tx, "events/detail", id=event_id)
    if found is None:
        return None
    _shape(found, event_id)
    return edit_state(found)


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
                 work_together_again: bool, comment: str | None,
                 follow_up_days: int = FOLLOW_UP_DAYS) -> bool:
    """Record one organisation's feedback on an event; False if either does not exist.

    "Would work together again" also creates its follow-up (once) in the same transaction.
    """
    changes = {"organisation": organisation, "rating": rating,
               "work_together_again": work_together_again, "comment": comment}

    def work(tx: ManagedTransaction) -> dict[str, Any] | None:
        found = row(tx, "events/set_feedback", event=event_id, organisation=organisation,
                    rating=rating, work_together_again=work_together_again, comment=comment)
        if found is not None:
            follow_ups.from_feedback(tx, [{"event": event_id, "organisation": organisation,
                                           "work_together_again": work_together_again}],
                                     follow_up_days)
        return found

    done = db.write_tx(work, audit=[entry("feedback", event_id, "update", changes)])
    return done is not None


def save_feedback(db: Database, event_id: str, picked: str | None, typed: str | None,
                  rating: int, work_together_again: bool, comment: str | None,
                  follow_up_days: int = FOLLOW_UP_DAYS) -> str:
    """Resolve the organisation (a picked id, or an id or exact name typed) and record its
    feedback; returns the organisation's name. Problems on `organisation_name` when no single
    organisation matches."""
    problem = text_problem(comment)
    if problem is not None:
        raise Problems.one(f"This comment {problem}.", "comment")
    text = picked or typed or ""
    found = find_organisation(db, text)
    if picked:
        found = [o for o in found if o["id"] == picked]
    if not found:
        raise Problems.one(f"No organisation has the id or name {text!r}.", "organisation_name")
    if len(found) > 1:
        raise Problems.one(f"Several organisations are called {text!r}: pick one.",
                           "organisation_name")
    set_feedback(db, event_id, found[0]["id"], rating, work_together_again, comment,
                 follow_up_days)
    return str(found[0]["name"])


def delete_feedback(db: Database, event_id: str, organisation: str) -> bool:
    """Remove one organisation's feedback on an event."""
    count = db.write_tx(lambda tx: value(tx, "events/delete_feedback", event=event_id,
                                         organisation=organisation),
                        audit=[entry("feedback", event_id, "delete",
                                     {"organisation": organisation})])
    return bool(count)


# -- logging and editing ---------------------------------------------------------------------
def _free_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


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


def _read_plan_context(db: Database, data: dict[str, Any], event_id: str | None,
                       base_event: str, session_bases: dict[int, str]) -> _Context:
    """Step 1: read everything the plan needs (ids taken, parents, actors, people) at once.

    Typed organisation text may be an existing id, and a choice other than CREATE_NEW is one,
    so both are read as ids too.
    """
    sessions, speakers = data["sessions"], data["speakers"]
    contributors, attendance = data["contributors"], data["attendance"]
    new_session_ids = [s["id"] for s in sessions if s.get("id")]
    typed = _typed_rows(data)
    actor_names = sorted({c["actor_name"] for c in contributors if not c.get("actor")}
                         | {r["organisation_name"] for r in [*attendance, *speakers]
                            if not r.get("organisation") and r.get("organisation_name")})
    person_names = sorted({s["person_name"] for s in speakers if not s.get("person")})
    return db.read_tx(
        _read_context,
        prefixes=sorted({base_event, *new_session_ids, *session_bases.values()}),
        session_ids=new_session_ids, parent=data.get("parent") or data.get("parent_name") or None,
        actor_ids=sorted({c["actor"] for c in contributors if c.get("actor")}
                         | {r["organisation"] for r in [*attendance, *speakers]
                            if r.get("organisation")}
                         | {r[name_key] for r, name_key, _ in typed if r.get(name_key)}
                         | {r[choice_key] for r, _, choice_key in typed
                            if r.get(choice_key) and r[choice_key] != CREATE_NEW}),
        actor_names=actor_names,
        actor_slugs=sorted({slugify(n, "organisation") for n in actor_names}),
        person_ids=sorted({s["person"] for s in speakers if s.get("person")}),
        person_names=person_names,
        person_slugs=sorted({slugify(n, "person") for n in person_names}),
        existing_id=event_id)


def _typed_rows(data: dict[str, Any]) -> list[tuple[dict[str, Any], str, str]]:
    """(row, name key, choice key) of every row with a typed organisation name: contributors,
    attendance and speakers' organisations."""
    typed = [(c, "actor_name", "actor_choice") for c in data["contributors"]
             if not c.get("actor")]
    typed += [(r, "organisation_name", "organisation_choice")
              for r in [*data["attendance"], *data["speakers"]]
              if not r.get("organisation") and r.get("organisation_name")]
    return typed


def _match_typed(db: Database, data: dict[str, Any], ctx: _Context) -> dict[str, Any]:
    """What the matcher makes of each typed name that is neither an id nor an exact name.

    A speaker's organisation counts only for a new person (an existing person keeps theirs).
    """
    return {name: matching.match(db, name)
            for r, name_key, choice_key in _typed_rows(data)
            if not r.get(choice_key) and (name := r.get(name_key))
            and name not in ctx.actors_named and name not in ctx.actors_known
            and not ("person_name" in r and _existing_person(r, ctx))}


def _existing_person(row_: dict[str, Any], ctx: _Context) -> bool:
    """Whether a speaker row names someone already in the database (picked or by name)."""
    return bool(row_.get("person")) or row_.get("person_name") in ctx.people_named


class _Planner:
    """Turns form data into an interchange document, one named step per part of the form.

    Each step records what the user can fix in `problems` (path, message) and carries on, so
    one submission lists every problem. `answers` are the matcher's answers for typed names;
    `choices` (field path -> candidates) go back to the form with the problems; confident
    matches are noted in `notes` ("typed → name").
    """

    def __init__(self, ctx: _Context, data: dict[str, Any], event_id: str | None,
                 answers: dict[str, Any], notes: list[str] | None) -> None:
        self.ctx = ctx
        self.data = data
        self.editing = event_id is not None
        self.problems = Collector()
        self.answers = answers
        self.notes = notes
        self.choices: dict[str, list[dict[str, Any]]] = {}
        self.taken_events = set(ctx.event_ids)
        self.taken_actors = set(ctx.actor_ids)
        self.taken_people = set(ctx.people_ids)
        self.new_orgs: dict[str, dict[str, Any]] = {}
        self.new_people: dict[str, dict[str, Any]] = {}
        self.own_sessions: set[str] = set()

    def event_id(self, eid: str | None, base_event: str) -> str:
        """The event's own id: the edited one, a free typed one, or one offered from the name."""
        if self.editing and eid is not None:
            return eid
        if eid:
            if eid in self.taken_events:
                self.problems.add("id", f"An event with the id {eid!r} already exists: choose "
                                        "another id or edit that event.")
            self.taken_events.add(eid)
            return eid
        return _free_id(base_event, self.taken_events)

    def parent(self, eid: str) -> str | None:
        """The parent's id, refusing an unknown or ambiguous one and any ancestry loop."""
        parent = self.data.get("parent") or self.data.get("parent_name") or None
        if not parent:
            return None
        matches = [p for p in self.ctx.parents if p["id"] == parent] or self.ctx.parents
        if not matches:
            self.problems.add("parent_name", f"No event has the id or name {parent!r}.")
            return None
        if len(matches) > 1:
            self.problems.add("parent_name", f"Several events are called {parent!r}: pick one.")
            return None
        if eid in matches[0]["chain"]:
            self.problems.add("parent_name", "That would make this event part of itself "
                                             "(an event cannot be its own ancestor).")
        return str(matches[0]["id"])

    def sessions(self, eid: str, parent_id: str | None,
                 session_bases: dict[int, str]) -> list[dict[str, Any]]:
        """Session documents: a typed id is new, or already a session of this very event."""
        existing = self.ctx.existing or {}
        self.own_sessions = {s["id"] for s in existing.get("sessions", [])
                             if s["parent"] == eid}
        ancestors: list[str] = next((p["chain"] for p in self.ctx.parents
                                     if p["id"] == parent_id), [])
        docs: list[dict[str, Any]] = []
        for s in self.data["sessions"]:
            sid = s.get("id")
            path = f"sessions-{s['_row']}-id"
            if not sid:
                sid = _free_id(session_bases[s["_row"]], self.taken_events)
            elif sid in self.ctx.session_parents and sid not in self.own_sessions:
                self.problems.add(path, f"An event with the id {sid!r} already exists: choose "
                                        "another id.")
            elif parent_id and sid in ancestors:
                self.problems.add(path, "A session cannot be an ancestor of its own event.")
            doc: dict[str, Any] = {"id": sid, "name": s["name"], "start": optional_iso(s["start"]),
                                   "parent": eid}
            if s.get("end"):
                doc["end"] = optional_iso(s["end"])
            if self.ctx.existing and sid in self.own_sessions:
                # Keep what an existing session already holds (replacing must not wipe it).
                doc.update(_attachments(self.ctx.existing, sid))
            docs.append(doc)
        return docs

    def actor(self, row_: dict[str, Any], keys: tuple[str, str, str], path: str,
              organisation_only: bool) -> str | None:
        """A picked actor (which must exist) or a typed name (an existing actor, the chosen
        organisation, the matcher's confident match, or a new organisation when so chosen).

        `keys` are the row's (id, name, choice) keys.
        """
        id_key, name_key, choice_key = keys
        picked = row_.get(id_key)
        if picked:
            return self.picked_actor(picked, row_.get(name_key), path, organisation_only)
        name = row_[name_key]
        named = self.ctx.actors_named.get(name) or self.ctx.actors_known.get(name)
        if named and (not organisation_only or named["kind"] == "Organisation"):
            return str(named["id"])
        choice = row_.get(choice_key) or ""
        if not choice:
            return self.matched(name, path)
        if choice != CREATE_NEW:
            chosen = self.ctx.actors_known.get(choice)
            if chosen is None or chosen["kind"] != "Organisation":
                self.problems.add(path, f"The organisation chosen for {name!r} is not in the "
                                        "database (any more): choose again.")
                return None
            return str(choice)
        if name not in self.new_orgs:
            self.new_orgs[name] = {"id": _free_id(slugify(name, "organisation"),
                                                  self.taken_actors), "name": name}
        return str(self.new_orgs[name]["id"])

    def picked_actor(self, picked: str, name: str | None, path: str,
                     organisation_only: bool) -> str | None:
        """A picked actor id, which must exist (and be an organisation where one is needed)."""
        known = self.ctx.actors_known.get(picked)
        if known is None:
            self.problems.add(path, f"{name or picked!r} is not in the database (any more): "
                                    "pick it again.")
            return None
        if organisation_only and known["kind"] != "Organisation":
            self.problems.add(path, f"{known['name']} is not an organisation: attendance "
                                    "is counted per organisation.")
            return None
        return picked

    def matched(self, name: str, path: str) -> str | None:
        """The matcher's confident match for a typed name, or a question with its candidates."""
        answer = self.answers[name]
        if answer["decision"] == MATCH:
            best = answer["matches"][0]
            if self.notes is not None and f"{name} → {best['name']}" not in self.notes:
                self.notes.append(f"{name} → {best['name']}")
            return str(best["id"])
        self.choices[path] = answer["matches"][:5]
        self.problems.add(path, f"Is {name!r} one of these? Choose one, or choose to create "
                                "a new organisation." if answer["matches"] else
                                f"No organisation is called {name!r}: choose to create it "
                                "as a new organisation, or correct the name.")
        return None

    def person(self, row_: dict[str, Any], path: str) -> str | None:
        """A picked person (who must exist) or a typed name (reused, or a new person)."""
        person = row_.get("person")
        if person:
            if person not in self.ctx.people_known:
                self.problems.add(path, f"{row_.get('person_name') or person!r} is not in the "
                                        "database (any more): pick them again.")
                return None
            return str(person)
        name = row_["person_name"]
        found = self.ctx.people_named.get(name)
        if found is not None:
            return found
        if name not in self.new_people:
            self.new_people[name] = {"id": _free_id(slugify(name, "person"), self.taken_people),
                                     "name": name}
            organisation = self.speaker_organisation(row_)
            if organisation is not None:
                self.new_people[name]["organisation"] = organisation
        return str(self.new_people[name]["id"])

    def speaker_organisation(self, row_: dict[str, Any]) -> str | None:
        """A new speaker's organisation, resolved like any typed organisation (or none)."""
        if not (row_.get("organisation") or row_.get("organisation_name")):
            return None
        return self.actor(row_, ("organisation", "organisation_name", "organisation_choice"),
                          f"speakers-{row_['_row']}-organisation_name", organisation_only=True)

    def contributors(self) -> list[dict[str, str]]:
        """Contributor rows with resolved actors; one row per (actor, role)."""
        resolved = [(f"contributors-{c['_row']}-actor_name",
                     self.actor(c, ("actor", "actor_name", "actor_choice"),
                                f"contributors-{c['_row']}-actor_name",
                                organisation_only=False), c["role"])
                    for c in self.data["contributors"]]
        kept = self.unique([(path, (actor, role)) for path, actor, role in resolved
                            if actor is not None], REPEATED["contributors"])
        return [{"actor": actor, "role": role} for actor, role in kept]

    def attendance(self) -> list[dict[str, Any]]:
        """Attendance rows with resolved organisations; one row per organisation."""
        counts: dict[str, int] = {}
        keyed = []
        for a in self.data["attendance"]:
            path = f"attendance-{a['_row']}-organisation_name"
            org = self.actor(a, ("organisation", "organisation_name", "organisation_choice"),
                             path, organisation_only=True)
            if org is not None:
                counts.setdefault(org, int(a["attendees"]))
                keyed.append((path, org))
        kept = self.unique(keyed, REPEATED["attendance"])
        return [{"organisation": org, "attendees": counts[org]} for org in kept]

    def speakers(self) -> list[str]:
        """Speaker ids, each once."""
        keyed = [(path, person) for path, person in
                 ((f"speakers-{s['_row']}-person_name",
                   self.person(s, f"speakers-{s['_row']}-person_name"))
                  for s in self.data["speakers"]) if person is not None]
        return self.unique(keyed, REPEATED["speakers"])

    def unique(self, keyed: list[tuple[str, K]], message: str) -> list[K]:
        """The keys in order, each once; a repeat is a problem on its own row."""
        repeats = repeated_rows(keyed)
        for path in repeats:
            self.problems.add(path, message)
        return [key for path, key in keyed if path not in repeats]


def plan(db: Database, data: dict[str, Any], event_id: str | None = None,
         notes: list[str] | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Turn form data into (interchange document, audit entries); raises Problems.

    `data` is EventForm.to_data(); `event_id` is the event being edited (None to log a new one).
    Rows carry `_row`, their index in the form, so problems point at the right field.

    A typed organisation name that is not exactly an existing actor's id or name goes through
    the matcher: a confident match is used (and "typed → name" appended to `notes`); anything
    else comes back as a problem with the candidates in Problems.choices, until the row
    carries a choice (an organisation id, or CREATE_NEW). Nothing is created unasked.
    """
    base_event = event_id or data.get("id") or slugify(data["name"], "event")
    session_bases = {s["_row"]: f"{base_event}-{slugify(s['name'], 'session', 40)}"
                     for s in data["sessions"] if not s.get("id")}
    ctx = _read_plan_context(db, data, event_id, base_event, session_bases)
    if event_id is not None and ctx.existing is None:
        raise Problems.one("This event no longer exists.")
    planner = _Planner(ctx, data, event_id, _match_typed(db, data, ctx), notes)
    eid = planner.event_id(event_id or data.get("id") or None, base_event)
    parent_id = planner.parent(eid)
    sessions = planner.sessions(eid, parent_id, session_bases)
    contributors = planner.contributors()
    attendance = planner.attendance()
    speakers = planner.speakers()
    planner.problems.raise_any(planner.choices)

    kept = _attachments(ctx.existing, eid)
    event_doc: dict[str, Any] = {
        "id": eid, "name": data["name"], "start": optional_iso(data["start"]),
        "contributors": contributors, "attendance": attendance,
        "speakers": speakers, "attendees": kept["attendees"], "feedback": kept["feedback"],
    }
    if data.get("end"):
        event_doc["end"] = optional_iso(data["end"])
    if parent_id:
        event_doc["parent"] = parent_id
    doc: dict[str, Any] = {"events": [event_doc, *sessions]}
    if planner.new_orgs:
        doc["organisations"] = list(planner.new_orgs.values())
    if planner.new_people:
        doc["people"] = list(planner.new_people.values())
    return doc, _audit(planner, event_doc, sessions)


def _audit(planner: _Planner, event_doc: dict[str, Any],
           sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The audit entries of a plan: the event, each session, each new organisation or person."""
    eid = event_doc["id"]
    audit = [entry("event", eid, "update" if planner.editing else "create", {
        "name": event_doc["name"], "start": event_doc["start"], "end": event_doc.get("end"),
        "parent": event_doc.get("parent"), "contributors": event_doc["contributors"],
        "attendance": event_doc["attendance"], "speakers": event_doc["speakers"],
        "sessions": [s["id"] for s in sessions]})]
    audit += [entry("event", s["id"], "update" if s["id"] in planner.own_sessions else "create",
                    {"name": s["name"], "start": s["start"], "end": s.get("end"),
                     "parent": eid}) for s in sessions]
    audit += [entry("organisation", o["id"], "create", {"name": o["name"], "via": eid})
              for o in planner.new_orgs.values()]
    audit += [entry("person", p["id"], "create", {"name": p["name"], "via": eid})
              for p in planner.new_people.values()]
    return audit


def save(db: Database, data: dict[str, Any], event_id: str | None = None,
         notes: list[str] | None = None, version: str | None = None) -> str:
    """Log (or edit) a collaboration in ONE transaction; returns its id.

    Raises Problems for anything the user can fix; nothing is written in that case. An edit
    given the ``version`` its form was opened at is refused with StaleEdit (nothing written)
    when the event has changed since.
    Typed names the matcher resolved confidently are appended to `notes` ("ONS → Office for
    National Statistics").
    """
    doc, audit = plan(db, data, event_id, notes)
    # Events this save creates: the constraint refuses them if they exist by commit time (two
    # editors creating one id at the same moment: one wins, the other is told, nothing merges).
    new_events = [a["entity_id"] for a in audit
                  if a["entity"] == "event" and a["action"] == "create"]
    try:
        # The person chose to create every new organisation in the document.
        # The form re-writes the feedback it keeps; it records none, so it makes no follow-ups.
        import_document(db, doc, replace_events=event_id is not None, audit=audit,
                        new_events=new_events, allow_similar=True,
                        guard=_guard(event_id, version), follow_up_days=None)
    except versions.StaleEdit:
        raise
    except EventIdTaken as exc:
        field_name = "id" if exc.event_id == doc["events"][0]["id"] else ""
        raise Problems.one(f"An event with the id {exc.event_id!r} already exists (someone "
                           "created it a moment ago): choose another id or edit that event.",
                           field_name) from None
    except Problems as exc:  # JSON paths mean nothing on the form: show them on the whole form
        raise Problems(("", line) for line in exc.messages) from None
    return str(doc["events"][0]["id"])


def _guard(event_id: str | None, version: str | None) -> Callable[[ManagedTransaction], None]:
    """The version check a save runs first in its transaction (none when creating)."""

    def guard(tx: ManagedTransaction) -> None:
        if event_id is not None:
            versions.check(tx, "event", event_id, version, lambda t: _edit_state_in(t, event_id))

    return guard


def form_data(event: dict[str, Any]) -> dict[str, Any]:
    """An event from `get` in the shape EventForm takes as `data` (for the edit form)."""
    eid = event["event"]["id"]
    parent = event["ancestors"][-1] if event["ancestors"] else None
    return {
        "id": eid, "name": event["event"].get("name"),
        "start": date_prefix(event["event"].get("start")), "end": date_prefix(event["event"].get("end")),
        "parent": parent["id"] if parent else "", "parent_name": parent["name"] if parent else "",
        "contributors": [{"actor": c["actor"], "actor_name": c["name"], "role": c["role"]}
                         for c in event["contributors"] if c["event"] == eid],
        "attendance": [{"organisation": a["organisation"], "organisation_name": a["name"],
                        "attendees": a["attendees"]} for a in event["own_attendance"]],
        "sessions": [{"id": s["id"], "name": s["name"], "start": date_prefix(s["start"]),
                      "end": date_prefix(s["end"])} for s in event["sessions"] if s["parent"] == eid],
        "speakers": [{"person": p["id"], "person_name": p["name"]}
                     for p in event["speakers"] if p["event"] == eid],
    }
