"""The JSON interchange format: shape checks with JSON paths (pure, no database).

The format is documented in docs/interchange.md and schemas/interchange.schema.json. A document
is checked whole; every problem is reported with its JSON path, and nothing is written unless
there are none (see tracker.repositories.graph.import_document).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from tracker.dates import iso_date, iso_datetime
from tracker.model import (
    MAX_COMMENT,
    MAX_ID,
    MAX_NAME,
    MAX_NOTE,
    ROLES,
    id_problem,
    text_problem,
)
from tracker.problems import Item, say

SECTIONS = ("communities", "sub_communities", "partner_networks", "organisations", "people",
            "memberships", "events", "notes", "follow_ups")
# Sections whose ids share the actor namespace, and the label each kind is stored under.
ACTOR_SECTIONS = {"communities": "Community", "sub_communities": "SubCommunity",
                  "partner_networks": "PartnerNetwork", "organisations": "Organisation"}
MEMBERSHIP_TARGETS = ("Community", "SubCommunity", "PartnerNetwork")
# Keys the format defines; any other scalar key is kept as an extra property.
KNOWN_KEYS = {
    "communities": {"id", "name"},
    "sub_communities": {"id", "name", "community"},
    "partner_networks": {"id", "name"},
    "organisations": {"id", "name", "type", "nation", "region"},
    "people": {"id", "name", "organisation"},
    "events": {"id", "name", "start", "end", "parent", "contributors", "attendance",
               "speakers", "attendees", "feedback"},
}
# What a note or follow-up is about: exactly one of these keys, the id of that kind of record.
SUBJECT_REFS = {"organisation": "Organisation", "person": "Person", "event": "Event"}
# Properties the database keeps for itself and never takes from a file.
RESERVED = {"id", "name", "start", "end", "community", "organisation", "parent"}
# The keys of a membership and of the objects in an event's lists: nothing else can be stored,
# so any other key (a typo such as "atendees") is refused rather than silently dropped.
ROW_KEYS = {
    "membership": ("member", "of", "since", "until"),
    "contributor": ("actor", "role"),
    "attendance row": ("organisation", "attendees"),
    "feedback row": ("organisation", "rating", "work_together_again", "comment"),
}


@dataclass
class Checked:
    """A document that passed the shape checks, normalised for writing."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Every id the document refers to: kind -> {id: first JSON path}.
    external: dict[str, dict[str, str]] = field(default_factory=dict)
    # What the document itself defines.
    actor_kinds: dict[str, str] = field(default_factory=dict)
    actor_paths: dict[str, str] = field(default_factory=dict)
    people: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)

    def ids(self) -> dict[str, list[str]]:
        """Every id the document mentions, by kind, for one look-up in the database."""
        actors = set(self.actor_kinds)
        for kind in ("Actor", "MembershipTarget", *ACTOR_SECTIONS.values()):
            actors |= set(self.external.get(kind, {}))
        return {"actors": sorted(actors),
                "people": sorted(self.people | set(self.external.get("Person", {}))),
                "events": sorted(self.events | set(self.external.get("Event", {})))}


def _is_text(value: Any) -> TypeGuard[str]:
    return isinstance(value, str)


def _storable(value: Any) -> bool:
    """A value Neo4j stores as a property: a scalar, or a list of scalars of one type."""
    scalars = (str, int, float, bool)
    if isinstance(value, scalars):
        return True
    return isinstance(value, list) and all(isinstance(v, scalars) for v in value) \
        and len({type(v) for v in value}) <= 1


def text_problems(doc: Any) -> list[Item]:
    r"""Every key and text of a document holding a character no stored text may hold.

    >>> [(path, problem[:32]) for path, problem in text_problems({"people": [{"name": "A\x07"}]})]
    [('$.people[0].name', 'has the control character U+0007')]
    """
    problems: list[Item] = []
    stack: list[tuple[Any, str]] = [(doc, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                problems.append((path, problem))
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = text_problem(key)
                if problem:
                    problems.append((f"{path}.{key!r}", f"the key {problem}"))
                stack.append((item, f"{path}.{key}"))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
    return sorted(problems)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Item] = []
        self.checked = Checked()
        self.defined: dict[str, dict[str, str]] = {k: {} for k in
                                                    ("actor", "person", "event", "note",
                                                     "follow_up")}
        self.actor_kind: dict[str, str] = {}

    def problem(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def extras(self, item: dict[str, Any], section: str, path: str) -> dict[str, Any]:
        """Extra keys with scalar (or list-of-one-type) values, kept as node properties; an
        extra key whose value cannot be stored is a problem (it would be lost)."""
        out: dict[str, Any] = {}
        for key, value in item.items():
            if key in KNOWN_KEYS.get(section, set()) or key in RESERVED or key.startswith("_") \
                    or value is None:
                continue
            if _storable(value):
                out[key] = value
            else:
                self.problem(f"{path}.{key}", "an extra key is kept only with a string, number, "
                                              "boolean or a list of one of those; this value "
                                              "would be lost")
        return out

    def known_keys(self, item: dict[str, Any], path: str, what: str) -> None:
        """Refuse keys a membership or an event's row does not have (notes `_...` aside)."""
        allowed = ROW_KEYS[what]
        for key in item:
            if key not in allowed and not key.startswith("_"):
                self.problem(f"{path}.{key}", f"unknown key: a {what} has "
                                              + ", ".join(allowed))

    def text(self, item: dict[str, Any], key: str, path: str, required: bool,
             limit: int) -> str | None:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "is required")
            return None
        if not _is_text(value):
            self.problem(f"{path}.{key}", f"must be a string, not {type(value).__name__}")
            return None
        if required and not value.strip():
            self.problem(f"{path}.{key}", "must not be empty")
            return None
        if len(value) > limit:
            self.problem(f"{path}.{key}", f"is longer than {limit} characters")
            return None
        return value

    def ident(self, item: dict[str, Any], path: str) -> str | None:
        value = self.text(item, "id", path, True, MAX_ID)
        if value is not None and value != value.strip():
            self.problem(f"{path}.id", "must not start or end with spaces")
            return None
        problem = id_problem(value) if value is not None else None
        if problem is not None:
            self.problem(f"{path}.id", problem)
            return None
        return value

    def ref(self, kind: str, value: Any, path: str) -> str | None:
        """Remember a reference to check once every definition is known."""
        if not _is_text(value) or not value.strip():
            self.problem(path, f"must be the id of a {kind} (a non-empty string)")
            return None
        self.checked.external.setdefault(kind, {}).setdefault(value, path)
        return value

    def items(self, doc: dict[str, Any], section: str) -> Iterable[tuple[str, dict[str, Any]]]:
        value = doc.get(section, [])
        if not isinstance(value, list):
            self.problem(f"$.{section}", "must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            path = f"$.{section}[{i}]"
            if not isinstance(item, dict):
                self.problem(path, "must be an object")
                continue
            out.append((path, item))
        return out

    def define(self, kind: str, ident: str, path: str, actor_kind: str | None = None) -> bool:
        seen = self.defined[kind]
        if ident in seen:
            self.problem(f"{path}.id", f"duplicate id {ident!r} (first at {seen[ident]})")
            return False
        seen[ident] = path
        if actor_kind:
            self.actor_kind[ident] = actor_kind
        return True


def validate(doc: Any) -> tuple[Checked, list[str]]:
    """Check a whole document; returns the normalised rows and every problem as a line."""
    checked, items = check(doc)
    return checked, [say(p, m) for p, m in items]


def check(doc: Any) -> tuple[Checked, list[Item]]:
    """Check a whole document; returns the normalised rows and every (JSON path, problem)."""
    c = _Checker()
    if not isinstance(doc, dict):
        return c.checked, [("$", "the document must be a JSON object")]
    for key in doc:
        if key not in SECTIONS and not str(key).startswith("_"):
            c.problem(f"$.{key}", "unknown section: the sections are " + ", ".join(SECTIONS))
    c.problems.extend(text_problems(doc))
    _check_actors(c, doc)
    _check_people(c, doc)
    _check_memberships(c, doc)
    _check_events(c, doc)
    _check_notes(c, doc)
    _check_follow_ups(c, doc)
    c.checked.actor_kinds = dict(c.actor_kind)
    c.checked.actor_paths = dict(c.defined["actor"])
    c.checked.people = set(c.defined["person"])
    c.checked.events = set(c.defined["event"])
    return c.checked, c.problems


def _check_actors(c: _Checker, doc: dict[str, Any]) -> None:
    rows = c.checked.rows
    for section, label in ACTOR_SECTIONS.items():
        rows[section] = []
        for path, item in c.items(doc, section):
            ident = c.ident(item, path)
            name = c.text(item, "name", path, True, MAX_NAME)
            row: dict[str, Any] = {"id": ident, "name": name, "props": c.extras(item, section, path)}
            if section == "organisations":
                for key in ("type", "nation", "region"):
                    row["props"][key] = c.text(item, key, path, False, MAX_NAME)
                row["props"] = {k: v for k, v in row["props"].items() if v is not None}
            if section == "sub_communities":
                row["community"] = c.ref("Community", item.get("community"), f"{path}.community")
            if ident is not None and c.define("actor", ident, path, label) and name is not None:
                rows[section].append(row)


def _check_people(c: _Checker, doc: dict[str, Any]) -> None:
    rows = c.checked.rows
    rows["people"] = []
    for path, item in c.items(doc, "people"):
        ident = c.ident(item, path)
        name = c.text(item, "name", path, True, MAX_NAME)
        org = item.get("organisation")
        row = {"id": ident, "name": name, "props": c.extras(item, "people", path),
               "organisation": c.ref("Organisation", org, f"{path}.organisation")
               if org is not None else None}
        if ident is not None and c.define("person", ident, path) and name is not None:
            rows["people"].append(row)


def _check_memberships(c: _Checker, doc: dict[str, Any]) -> None:
    rows = c.checked.rows
    rows["memberships"] = []
    seen_members: dict[tuple[str, str], str] = {}
    for path, item in c.items(doc, "memberships"):
        c.known_keys(item, path, "membership")
        member = c.ref("Organisation", item.get("member"), f"{path}.member")
        target = c.ref("MembershipTarget", item.get("of"), f"{path}.of")
        since, until = item.get("since"), item.get("until")
        dates = {}
        for key, value in (("since", since), ("until", until)):
            if value is not None and iso_date(value) is None:
                c.problem(f"{path}.{key}", "must be a date YYYY-MM-DD")
            else:
                dates[key] = value
        since_date, until_date = iso_date(since), iso_date(until)
        if since_date and until_date and until_date < since_date:
            c.problem(f"{path}.until", "is before since")
        if member and target and member == target:
            c.problem(path, "an organisation cannot be a member of itself")
        elif member and target:
            if (member, target) in seen_members:
                c.problem(path, f"duplicate membership (first at {seen_members[(member, target)]})")
            seen_members[(member, target)] = path
            rows["memberships"].append({"member": member, "of": target,
                                        "since": dates.get("since"), "until": dates.get("until")})


def _check_events(c: _Checker, doc: dict[str, Any]) -> None:
    rows = c.checked.rows["events"] = []
    parents: dict[str, str] = {}
    for path, item in c.items(doc, "events"):
        ident = c.ident(item, path)
        name = c.text(item, "name", path, True, MAX_NAME)
        start, end = _event_dates(c, item, path)
        end_raw = item.get("end")
        parent = item.get("parent")
        if parent is not None:
            parent = c.ref("Event", parent, f"{path}.parent")
            if parent is not None and parent == ident:
                c.problem(f"{path}.parent", "an event cannot be its own parent")
                parent = None
        row: dict[str, Any] = {"id": ident, "name": name, "start": item.get("start"),
                               "end": end_raw if end else None, "parent": parent,
                               "props": c.extras(item, "events", path), "contributors": [],
                               "attendance": [], "speakers": [], "attendees": [],
                               "feedback": []}
        _event_lists(c, item, path, row)
        if ident is not None and c.define("event", ident, path) and name is not None and start:
            rows.append(row)
            if parent:
                parents[ident] = parent
    _parent_loops(c, parents)


def _subject(c: _Checker, item: dict[str, Any], path: str) -> tuple[str, str] | None:
    """What a note or follow-up is about: exactly one of organisation, person, event."""
    given = [k for k in SUBJECT_REFS if item.get(k) is not None]
    if len(given) != 1:
        c.problem(path, "must name exactly one of organisation, person or event (what it is "
                        "about)")
        return None
    kind = given[0]
    about = c.ref(SUBJECT_REFS[kind], item[kind], f"{path}.{kind}")
    return (kind, about) if about is not None else None


def _timestamp(c: _Checker, item: dict[str, Any], key: str, path: str) -> str | None:
    """An optional ISO 8601 date and time."""
    value = item.get(key)
    if value is None:
        return None
    if iso_datetime(value) is None:
        c.problem(f"{path}.{key}", "must be a date and time YYYY-MM-DDTHH:MM[:SS][+HH:MM]")
        return None
    return str(value)


def _check_notes(c: _Checker, doc: dict[str, Any]) -> None:
    rows = c.checked.rows["notes"] = []
    for path, item in c.items(doc, "notes"):
        ident = c.ident(item, path)
        text = c.text(item, "text", path, True, MAX_NOTE)
        subject = _subject(c, item, path)
        author = c.text(item, "author", path, False, MAX_NAME)
        updated_by = c.text(item, "updated_by", path, False, MAX_NAME)
        times = {k: _timestamp(c, item, k, path) for k in ("created_at", "updated_at")}
        if ident is not None and c.define("note", ident, path) and text is not None \
                and subject is not None:
            rows.append({"id": ident, "text": text, "kind": subject[0], "about": subject[1],
                         "author": author, "updated_by": updated_by, **times})


def _check_follow_ups(c: _Checker, doc: dict[str, Any]) -> None:
    rows = c.checked.rows["follow_ups"] = []
    for path, item in c.items(doc, "follow_ups"):
        ident = c.ident(item, path)
        title = c.text(item, "title", path, True, MAX_NAME)
        owner = c.text(item, "owner", path, True, MAX_NAME)
        due = iso_date(item.get("due"))
        if due is None:
            c.problem(f"{path}.due", "is required, a date YYYY-MM-DD")
        subject = _subject(c, item, path)
        people = {k: c.text(item, k, path, False, MAX_NAME)
                  for k in ("done_by", "created_by")}
        origin = c.text(item, "origin", path, False, 2 * MAX_ID + 20)
        times = {k: _timestamp(c, item, k, path) for k in ("created_at", "done_at")}
        if ident is not None and c.define("follow_up", ident, path) and title is not None \
                and owner is not None and due is not None and subject is not None:
            rows.append({"id": ident, "title": title, "owner": owner, "due": item["due"],
                         "kind": subject[0], "about": subject[1], "origin": origin,
                         **people, **times})


def _event_dates(c: _Checker, item: dict[str, Any], path: str) -> tuple[Any, Any]:
    """An event's start (required) and end (optional, not before the start) as dates."""
    start = iso_date(item.get("start"))
    if start is None:
        c.problem(f"{path}.start", "is required, a date YYYY-MM-DD")
    end_raw = item.get("end")
    end = iso_date(end_raw) if end_raw is not None else None
    if end_raw is not None and end is None:
        c.problem(f"{path}.end", "must be a date YYYY-MM-DD")
    if start and end and end < start:
        c.problem(f"{path}.end", "is before the start")
    return start, end


def _parent_loops(c: _Checker, parents: dict[str, str]) -> None:
    """A parent chain inside the document must not loop back."""
    for start_id in parents:
        seen, node = {start_id}, parents.get(start_id)
        while node is not None:
            if node in seen:
                c.problem(c.defined["event"][start_id] + ".parent",
                          "makes the event its own ancestor")
                break
            seen.add(node)
            node = parents.get(node)


def _listed(c: _Checker, item: dict[str, Any], path: str, key: str) -> list[tuple[str, Any]]:
    """(path, value) of each entry of an event's list `key` (a problem if it is not a list)."""
    value = item.get(key, [])
    if not isinstance(value, list):
        c.problem(f"{path}.{key}", "must be a list")
        return []
    return [(f"{path}.{key}[{i}]", v) for i, v in enumerate(value)]


def _event_lists(c: _Checker, item: dict[str, Any], path: str, row: dict[str, Any]) -> None:
    _contributors(c, item, path, row)
    _attendance(c, item, path, row)
    for key in ("speakers", "attendees"):
        seen: set[str] = set()
        for p, v in _listed(c, item, path, key):
            person = c.ref("Person", v, p)
            if person and person not in seen:
                seen.add(person)
                row[key].append(person)
    _feedback(c, item, path, row)


def _contributors(c: _Checker, item: dict[str, Any], path: str, row: dict[str, Any]) -> None:
    seen: set[tuple[str, str]] = set()
    for p, v in _listed(c, item, path, "contributors"):
        if not isinstance(v, dict):
            c.problem(p, "must be an object with actor and role")
            continue
        c.known_keys(v, p, "contributor")
        actor = c.ref("Actor", v.get("actor"), f"{p}.actor")
        role = v.get("role")
        if role not in ROLES:
            c.problem(f"{p}.role", f"must be one of {', '.join(ROLES)}")
            continue
        if actor and (actor, role) in seen:
            c.problem(p, f"duplicate contributor {actor!r} as {role}")
            continue
        if actor:
            seen.add((actor, role))
            row["contributors"].append({"actor": actor, "role": role})


def _attendance(c: _Checker, item: dict[str, Any], path: str, row: dict[str, Any]) -> None:
    seen: set[str | None] = set()
    for p, v in _listed(c, item, path, "attendance"):
        if not isinstance(v, dict):
            c.problem(p, "must be an object with organisation and attendees")
            continue
        c.known_keys(v, p, "attendance row")
        org = c.ref("Organisation", v.get("organisation"), f"{p}.organisation")
        count = v.get("attendees")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            c.problem(f"{p}.attendees", "must be a whole number, 0 or more")
            continue
        if count > 10_000_000:
            c.problem(f"{p}.attendees", "is implausibly large")
            continue
        if org in seen:
            c.problem(p, f"duplicate attendance row for {org!r}")
            continue
        if org:
            seen.add(org)
            row["attendance"].append({"organisation": org, "attendees": count})


def _feedback(c: _Checker, item: dict[str, Any], path: str, row: dict[str, Any]) -> None:
    seen: set[str | None] = set()
    for p, v in _listed(c, item, path, "feedback"):
        if not isinstance(v, dict):
            c.problem(p, "must be an object")
            continue
        c.known_keys(v, p, "feedback row")
        org = c.ref("Organisation", v.get("organisation"), f"{p}.organisation")
        ok = _feedback_values_ok(c, p, v)
        if org in seen:
            c.problem(p, f"duplicate feedback from {org!r}")
            ok = False
        if org and ok:
            seen.add(org)
            row["feedback"].append({"organisation": org, "rating": v.get("rating"),
                                    "work_together_again": v.get("work_together_again"),
                                    "comment": v.get("comment")})


def _feedback_values_ok(c: _Checker, p: str, v: dict[str, Any]) -> bool:
    """Rating 1-5, work_together_again true/false, a comment within MAX_COMMENT (each optional)."""
    rating = v.get("rating")
    again = v.get("work_together_again")
    comment = v.get("comment")
    ok = True
    if rating is not None and (isinstance(rating, bool) or not isinstance(rating, int)
                               or not 1 <= rating <= 5):
        c.problem(f"{p}.rating", "must be a whole number from 1 to 5")
        ok = False
    if again is not None and not isinstance(again, bool):
        c.problem(f"{p}.work_together_again", "must be true or false")
        ok = False
    if comment is not None and (not isinstance(comment, str) or len(comment) > MAX_COMMENT):
        c.problem(f"{p}.comment", f"must be text of at most {MAX_COMMENT} characters")
        ok = False
    return ok


def against_database(checked: Checked, existing_actors: dict[str, str],
                     existing_people: set[str], existing_events: set[str]) -> list[Item]:
    """Problems only the database can reveal: unknown references, an id of another kind.

    ``existing_actors`` maps actor ids in the database to their label.
    """
    problems: list[Item] = []
    for ident, label in sorted(checked.actor_kinds.items()):
        held = existing_actors.get(ident)
        if held is not None and held != label:
            problems.append((f"{checked.actor_paths[ident]}.id",
                             f"{ident!r} is already used by a {KIND_WORDS[held]}"))

    for kind, refs in sorted(checked.external.items()):
        for ident, path in sorted(refs.items(), key=lambda kv: kv[1]):
            ok, what = _reference(kind, ident, checked, existing_actors, existing_people,
                                  existing_events)
            if not ok:
                problems.append((path, f"unknown {what} {ident!r}"))
    return problems


def _reference(kind: str, ident: str, checked: Checked, existing_actors: dict[str, str],
               existing_people: set[str], existing_events: set[str]) -> tuple[bool, str]:
    """Whether a reference of `kind` resolves (document or database), and the kind in words."""
    actor_kind = checked.actor_kinds.get(ident) or existing_actors.get(ident)
    if kind == "Actor":
        return (actor_kind is not None,
                "actor (community, sub-community, partner network or organisation)")
    if kind == "MembershipTarget":
        return actor_kind in MEMBERSHIP_TARGETS, "partner network, community or sub-community"
    if kind == "Person":
        return ident in checked.people or ident in existing_people, "person"
    if kind == "Event":
        return ident in checked.events or ident in existing_events, "event"
    return actor_kind == kind, KIND_WORDS[kind]


KIND_WORDS = {"Community": "community", "SubCommunity": "sub-community",
              "PartnerNetwork": "partner network", "Organisation": "organisation"}
