"""Spreadsheets in: review an attendee list or a programme sheet, then commit it in one go.

The same three steps serve the CLI and the web pages:

1. ``review_attendance`` / ``review_programme`` read the file (tracker.sheets, no database) and
   resolve every distinct organisation value through the matcher and every e-mail domain
   through the domain map. The review is plain JSON-ready data: it holds counts, never a name
   or an e-mail address, so the web keeps it server-side in a file next to the upload.
2. ``attendance_outcome`` / ``programme_outcome`` apply the coordinator's choices (pick one of
   the candidates, create a new organisation, leave out, confirm a domain) and list what would
   be written and every problem.
3. ``commit_attendance`` / ``commit_programme`` write it in ONE transaction, replacing what an
   earlier import of the same file gave the same event (no double counting).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker import matching
from tracker.audit import current_username, entry
from tracker.db import Database
from tracker.model import MAX_NAME, name_problem
from tracker.problems import Problems
from tracker.repositories import domains as domains_repo
from tracker.repositories import sheets as repo
from tracker.repositories.events import _free_id
from tracker.services import matching as matching_service
from tracker.sheets import attendees as attendee_sheet
from tracker.sheets import programme as programme_sheet
from tracker.sheets.domains import is_shared, lookup_order, suggestion_text
from tracker.sheets.read import SheetError, cleaned_notice
from tracker.text import slugify

__all__ = [
    "KEEP_PEOPLE_NOTE",
    "SheetError",
    "attendance_outcome",
    "commit_attendance",
    "commit_programme",
    "import_attendance",
    "import_programme",
    "programme_outcome",
    "review_attendance",
    "review_programme",
]

KEEP_PEOPLE_NOTE = ("Keeping people stores each attendee's name, the organisation they work at "
                    "and that they attended this event; e-mail addresses are never stored.")
HOW_LABELS = {"exact": "exact name", "match": "matched", "domain": "e-mail domain",
              "new": "new organisation"}
MAX_DOMAIN_SUGGESTIONS = 50  # domains looked up for suggestions (the ones with most rows)
Progress = Callable[[int], None] | None


class ImportRefused(Problems):
    """The import cannot start (no such event); one clear message, nothing written."""

    def __init__(self, message: str) -> None:
        super().__init__([("", message)])


# -- the matcher ------------------------------------------------------------------------------
def name_resolver(db: Database) -> Callable[[str], dict[str, Any]]:
    """The matcher for a whole file: `resolve(name)` gives what `match(db, name)` gives.

    The matcher's index is fetched once (one data-version check) instead of once per distinct
    value: a file with 300 organisation values costs one round trip, not 300.
    """
    index = matching_service.index(db)
    return lambda name: matching.decide(index, name)


def resolve_name(db: Database, name: str) -> dict[str, Any]:
    """The matcher's verdict on one organisation name (tracker.services.matching.match)."""
    return matching_service.match(db, name)


def how_from_why(why: str | None) -> str:
    """The import's `how` from the matcher's `why`: its own name or id is exact, else match.

    >>> how_from_why("name of"), how_from_why("abbreviation of"), how_from_why("similar to 'x'")
    ('exact', 'match', 'match')
    """
    text = (why or "").strip().casefold()
    return "exact" if text in ("name of", "id of", "exact", "name", "id") else "match"


def why_label(why: str | None) -> str:
    """How a value was resolved, for people ('exact name', 'abbreviation', 'former name', ...).

    >>> why_label("name of"), why_label("former name of"), why_label("similar to 'ons' (name of)")
    ('exact name', 'former name', "similar to 'ons' (name of)")
    """
    text = (why or "").strip()
    if text.casefold() in ("name of", "exact", "name"):
        return "exact name"
    if text.casefold() in ("id of", "id"):
        return "id"
    return text[:-3] if text.endswith(" of") else text or "matched"


# -- attendee lists ---------------------------------------------------------------------------
def review_attendance(db: Database, path: Path, event_id: str, *, sheet: str | None = None,
                      organisation_column: str | None = None, email_column: str | None = None,
                      file_name: str | None = None, progress: Progress = None) -> dict[str, Any]:
    """Read an attendee list and resolve it; raises SheetError or ImportRefused."""
    event = repo.event(db, event_id)
    if event is None:
        raise ImportRefused(f"No event has the id {event_id!r}.")
    scan = attendee_sheet.scan(path, sheet=sheet, organisation_column=organisation_column,
                               email_column=email_column, progress=progress)
    file_name = file_name or path.name
    keys, domain_tally = _tally(scan)
    resolve = name_resolver(db)
    values = _value_rows(scan, keys, resolve)
    domains, candidates = _domain_rows(db, domain_tally)
    _suggest_for_domains(scan, values, domains, candidates, resolve)
    imports = event["imports"]
    replaces = [i["id"] for i in imports if i["file"] == file_name or i["sha256"] == scan.sha256]
    return {
        "kind": "attendance",
        "event": {"id": event["id"], "name": event["name"], "start": event["start"]},
        "file": file_name, "sha256": scan.sha256, "format": scan.kind, "sheet": scan.sheet,
        "sheets": scan.sheets, "encoding": scan.encoding, "header_row": scan.header_row,
        "columns": scan.columns, "headers": [h for h in scan.headers if h],
        "options": {"sheet": sheet, "organisation_column": organisation_column,
                    "email_column": email_column},
        "rows": scan.rows, "values": values, "domains": domains,
        "pairs": [[k, d, c, scan.first_row[(k, d)]] for (k, d), c in sorted(scan.pairs.items())],
        "imports": imports, "replaces": replaces,
        "cleaned": cleaned_notice(scan.cleaned),
    }


_Tally = tuple[Counter[str], dict[str, int]]  # rows per value, first row per value


def _tally(scan: Any) -> tuple[_Tally, _Tally]:
    """Rows and first row per organisation value and per e-mail domain."""
    keys: _Tally = (Counter(), {})
    domains: _Tally = (Counter(), {})
    for (key, domain), count in scan.pairs.items():
        first = scan.first_row[(key, domain)]
        for value, (rows, firsts) in ((key, keys), (domain, domains)):
            if value:
                rows[value] += count
                firsts[value] = min(first, firsts.get(value, first))
    return keys, domains


def _choices(verdict: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    return [{k: m.get(k) for k in ("id", "name", "score", "why")}
            for m in verdict["matches"][:limit]]


def _value_rows(scan: Any, keys: _Tally, resolve: Callable[[str], dict[str, Any]]
                ) -> list[dict[str, Any]]:
    """One row per distinct organisation value, most frequent first, with the matcher's answer."""
    rows, firsts = keys
    values = []
    for index, key in enumerate(sorted(rows, key=lambda k: (-rows[k], k))):
        display = scan.display(key)
        verdict = resolve(display)
        best = verdict["matches"][0] if verdict["matches"] else None
        found = best if verdict["decision"] == "match" and best is not None else None
        values.append({
            "index": index, "key": key, "value": display, "rows": rows[key],
            "first_row": firsts[key], "decision": verdict["decision"],
            "organisation": found["id"] if found else None,
            "name": found["name"] if found else None,
            "how": how_from_why(found["why"]) if found else None,
            "why": why_label(found["why"]) if found else None,
            "choices": _choices(verdict, 5),
        })
    return values


def _domain_rows(db: Database, tally: _Tally
                 ) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """One row per e-mail domain: mapped ones identify organisations, shared ones never do."""
    rows, firsts = tally
    candidates = {d: lookup_order(d) for d in rows}
    mapped = domains_repo.lookup(db, sorted({c for cs in candidates.values() for c in cs}))
    domains = []
    for index, domain in enumerate(sorted(rows, key=lambda d: (-rows[d], d))):
        via = next((c for c in candidates[domain] if c in mapped), None)
        item: dict[str, Any] = {"index": index, "domain": domain, "rows": rows[domain],
                                "first_row": firsts[domain], "suggestions": [],
                                "via": via, "organisation": None, "name": None}
        if via:
            item.update(status="mapped", organisation=mapped[via]["organisation"],
                        name=mapped[via]["name"])
        elif is_shared(domain) or not candidates[domain]:
            item["status"] = "shared"
        else:
            item["status"] = "unknown"
        domains.append(item)
    return domains, candidates


def _suggest_for_domains(scan: Any, values: list[dict[str, Any]], domains: list[dict[str, Any]],
                         candidates: dict[str, list[str]],
                         resolve: Callable[[str], dict[str, Any]]) -> None:
    """Suggestions only where they could attribute rows that nothing else does."""
    needing: Counter[str] = Counter()
    resolved_keys = {v["key"] for v in values if v["organisation"]}
    for (key, domain), count in scan.pairs.items():
        if domain and key not in resolved_keys:
            needing[domain] += count
    suggested = 0
    for item in domains:
        if item["status"] == "unknown" and needing[item["domain"]] and \
                suggested < MAX_DOMAIN_SUGGESTIONS:
            lookup = candidates[item["domain"]][-1]
            item["suggestions"] = _choices(resolve(suggestion_text(lookup)), 3)
            item["lookup"] = lookup
            suggested += bool(item["suggestions"])


def attendance_outcome(review: dict[str, Any], *, choices: dict[str, str] | None = None,
                       domain_choices: dict[str, str] | None = None,
                       create_new: bool = False) -> dict[str, Any]:
    """What the review gives once the coordinator's choices are applied.

    `choices` maps a value key to "org:<id>", "new" or "skip"; `domain_choices` maps an
    unmapped domain to "org:<id>" (confirmed: remembered and used). Without a choice an
    ambiguous or unknown value is a problem, unless `create_new` creates the unknown ones.
    """
    choices = choices or {}
    by_key = {v["key"]: v for v in review["values"]}
    by_domain = {d["domain"]: d for d in review["domains"]}
    plan = _ValuePlan.of(by_key, choices, create_new)
    confirmed = _confirmed_domains(by_domain, domain_choices or {})
    tally = _Attribution(by_domain, confirmed)
    for key, domain, count, first in review["pairs"]:
        tally.add(plan, key, domain, count, first)
    problems = _attendance_problems(by_key, choices, plan, tally)
    order = {"exact": 0, "match": 1, "domain": 2, "new": 3}
    attendance = [{"organisation": org, "attendees": n,
                   "how": min(tally.hows[org].items(), key=lambda kv: (-kv[1], order[kv[0]]))[0]}
                  for org, n in tally.counts.items()]
    return {"attendance": attendance, "unattributed": sum(tally.reasons.values()),
            "reasons": dict(tally.reasons), "problems": problems,
            "new": [{"key": k, "name": by_key[k]["value"], "rows": tally.new_rows[k]}
                    for k in sorted(plan.new_keys) if tally.new_rows[k]],
            "domains": [{"domain": d, "organisation": o} for d, o in sorted(confirmed.items())],
            "pair_orgs": tally.pair_orgs}


@dataclass
class _ValuePlan:
    """What the coordinator's choices make of each organisation value."""

    resolution: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    new_keys: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, by_key: dict[str, dict[str, Any]], choices: dict[str, str],
           create_new: bool) -> _ValuePlan:
        plan = cls()
        for key, v in by_key.items():
            choice = choices.get(key, "")
            if choice == "skip":
                plan.skipped.add(key)
            elif choice.startswith("org:"):
                plan.resolution[key] = _picked(v, choice[4:])
            elif choice == "new" or (create_new and v["decision"] == "new"
                                     and not v["organisation"]):
                plan.new_keys.add(key)
            elif v["organisation"]:
                plan.resolution[key] = (v["organisation"], v["how"] or "match")
        return plan


def _picked(v: dict[str, Any], picked: str) -> tuple[str, str] | None:
    """A picked organisation, if it was among those offered for the value."""
    allowed = {c["id"] for c in v["choices"]} | ({v["organisation"]} - {None})
    if picked not in allowed:
        return None
    return picked, "exact" if picked == v["organisation"] and v["how"] == "exact" else "match"


def _confirmed_domains(by_domain: dict[str, dict[str, Any]],
                       domain_choices: dict[str, str]) -> dict[str, str]:
    """Unmapped domains the coordinator tied to one of the suggested organisations."""
    confirmed: dict[str, str] = {}
    for domain, choice in domain_choices.items():
        item = by_domain.get(domain)
        if item and item["status"] == "unknown" and choice.startswith("org:") \
                and choice[4:] in {s["id"] for s in item["suggestions"]}:
            confirmed[domain] = choice[4:]
    return confirmed


@dataclass
class _Attribution:
    """Rows attributed to organisations (and how), and why the others are not."""

    by_domain: dict[str, dict[str, Any]]
    confirmed: dict[str, str]
    counts: Counter[str] = field(default_factory=Counter)
    hows: dict[str, Counter[str]] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)
    unresolved: dict[str, list[int]] = field(default_factory=dict)  # key -> [rows, first row]
    pair_orgs: dict[tuple[str, str], str | None] = field(default_factory=dict)
    new_rows: Counter[str] = field(default_factory=Counter)

    def domain_org(self, domain: str) -> str | None:
        item = self.by_domain.get(domain)
        if not item:
            return None
        if item["status"] == "mapped":
            return str(item["organisation"])
        return self.confirmed.get(domain)

    def add(self, plan: _ValuePlan, key: str, domain: str, count: int, first: int) -> None:
        org, how = self._organisation(plan, key, domain, count, first)
        self.pair_orgs[(key, domain)] = org
        if org:
            self.counts[org] += count
            self.hows.setdefault(org, Counter())[how] += count

    def _organisation(self, plan: _ValuePlan, key: str, domain: str, count: int,
                      first: int) -> tuple[str | None, str]:
        if key and key in plan.skipped:
            self.reasons["left out"] += count
        elif key and plan.resolution.get(key):
            return plan.resolution[key]  # type: ignore[return-value]
        elif key and key in plan.new_keys:
            self.new_rows[key] += count
            return f"new:{key}", "new"
        elif domain and self.domain_org(domain):
            return self.domain_org(domain), "domain"
        elif key:
            slot = self.unresolved.setdefault(key, [0, first])
            slot[0] += count
            slot[1] = min(slot[1], first)
        else:
            self.reasons[self._reason(domain)] += count
        return None, ""

    def _reason(self, domain: str) -> str:
        if not domain:
            return "no organisation and no e-mail address"
        if self.by_domain[domain]["status"] == "shared":
            return "shared e-mail domain (gmail.com, nhs.net, gov.uk, …)"
        return "e-mail domain not in the domain map"


def _attendance_problems(by_key: dict[str, dict[str, Any]], choices: dict[str, str],
                         plan: _ValuePlan, tally: _Attribution) -> list[dict[str, Any]]:
    """Values left unresolved, and new names that cannot be created, in row order."""
    problems = []
    for key, (count, first) in tally.unresolved.items():
        v = by_key[key]
        rows = f"{count} row{'s' if count != 1 else ''}"
        if v["decision"] == "ambiguous" or choices.get(key, "").startswith("org:"):
            names = "; ".join(f"{c['name']} ({c['id']})" for c in v["choices"][:3])
            text = f"ambiguous organisation ({rows}): could be {names}"
        else:
            text = f"unknown organisation ({rows}): no organisation of that name; create it " \
                   "(--create-new) or correct the cell"
        problems.append({"row": first, "value": v["value"], "problem": text})
    for key in plan.new_keys:
        trouble = name_problem(by_key[key]["value"])
        if trouble and tally.new_rows[key]:
            problems.append({"row": by_key[key]["first_row"], "value": by_key[key]["value"][:60],
                             "problem": f"cannot create it: {trouble}"})
    problems.sort(key=lambda p: (p["row"], p["value"]))
    return problems


def _new_ids(db: Database, names: list[str]) -> dict[str, str]:
    """A free organisation id for each new name (slug of the name, numbered when taken)."""
    slugs = {name: slugify(name, "organisation") for name in names}
    taken = repo.actor_ids_taken(db, list(slugs.values()))
    return {name: _free_id(slug, taken) for name, slug in slugs.items()}


def _finish(db: Database, outcome: dict[str, Any]) -> tuple[list[dict[str, Any]],
                                                            list[dict[str, str]]]:
    """Attendance with new organisations' ids filled in, sorted by organisation id."""
    ids = _new_ids(db, [n["name"] for n in outcome["new"]])
    key_ids = {f"new:{n['key']}": ids[n["name"]] for n in outcome["new"]}
    attendance = sorted(({**a, "organisation": key_ids.get(a["organisation"], a["organisation"])}
                         for a in outcome["attendance"]), key=lambda a: a["organisation"])
    new_orgs = [{"id": ids[n["name"]], "name": n["name"]} for n in outcome["new"]]
    outcome["new_ids"] = key_ids
    return attendance, new_orgs


def person_id(name: str, organisation: str) -> str:
    """A stable id for a kept attendee: the same name at the same organisation is one person."""
    digest = hashlib.sha256(f"{name.casefold()}|{organisation}".encode()).hexdigest()[:8]
    return f"{slugify(name, 'person', 40)}-{digest}"


def commit_attendance(db: Database, review: dict[str, Any], path: Path, *,
                      choices: dict[str, str] | None = None,
                      domain_choices: dict[str, str] | None = None, create_new: bool = False,
                      keep_people: bool = False, dry_run: bool = False,
                      progress: Progress = None) -> dict[str, Any]:
    """Apply the choices and write in one transaction unless there are problems or dry_run.

    Returns the CLI's JSON shape (`written` says whether anything was written) plus
    `reasons` and `people` for the pages.
    """
    outcome = attendance_outcome(review, choices=choices, domain_choices=domain_choices,
                                 create_new=create_new)
    attendance, new_orgs = _finish(db, outcome)
    result: dict[str, Any] = {
        "event": review["event"]["id"], "rows": review["rows"], "attendance": attendance,
        "unattributed": outcome["unattributed"], "problems": outcome["problems"],
        "written": False}
    extra = {"reasons": outcome["reasons"], "people": 0, "new": new_orgs,
             "domains": outcome["domains"], "replaced": len(review["replaces"])}
    if outcome["problems"] or dry_run:
        return result | extra
    people: list[dict[str, str]] = []
    if keep_people:
        people = _people(path, review, outcome)
    extra["people"] = len(people)
    import_id = uuid.uuid4().hex
    props = {"file": review["file"], "sha256": review["sha256"], "format": review["format"],
             "sheet": review["sheet"], "rows": review["rows"],
             "unattributed": outcome["unattributed"], "people": len(people),
             "imported_by": current_username()}
    audit = [entry("attendance", review["event"]["id"], "import",
                   {"file": review["file"], "rows": review["rows"], "attendance": attendance,
                    "unattributed": outcome["unattributed"], "replaces": review["replaces"],
                    "people": len(people)})]
    audit += [entry("organisation", o["id"], "create", {"name": o["name"],
                                                         "via": f"attendance {review['file']}"})
              for o in new_orgs]
    audit += [entry("domain", d["domain"], "update", {"organisation": d["organisation"]})
              for d in outcome["domains"]]
    db.write_tx(repo.write_attendance, import_id=import_id, event_id=review["event"]["id"],
                replaces=review["replaces"], props=props,
                attendance=[{**a, "how": a["how"]} for a in attendance],
                new_organisations=new_orgs, domains=outcome["domains"],
                by=current_username(), people=people, audit=audit)
    result["written"] = True
    return result | extra


def _people(path: Path, review: dict[str, Any], outcome: dict[str, Any]) -> list[dict[str, str]]:
    """The named attendees with an organisation, read again from the file (addresses dropped)."""
    pair_orgs = outcome["pair_orgs"]
    new_ids = outcome["new_ids"]
    opts = review["options"]
    seen: dict[str, dict[str, str]] = {}
    for person in attendee_sheet.people(path, sheet=opts["sheet"],
                                        organisation_column=opts["organisation_column"],
                                        email_column=opts["email_column"]):
        org = pair_orgs.get((person.value, person.domain))
        if not org or not person.name:
            continue
        org = new_ids.get(org, org)
        pid = person_id(person.name, org)
        seen.setdefault(pid, {"id": pid, "name": person.name[:MAX_NAME], "organisation": org})
    return list(seen.values())


def import_attendance(db: Database, path: Path, event_id: str, *, sheet: str | None = None,
                      organisation_column: str | None = None, email_column: str | None = None,
                      create_new: bool = False, dry_run: bool = False,
                      progress: Progress = None) -> dict[str, Any]:
    """The CLI in one call: review, then commit unless there are problems or dry_run."""
    review = review_attendance(db, path, event_id, sheet=sheet,
                               organisation_column=organisation_column,
                               email_column=email_column, progress=progress)
    return commit_attendance(db, review, path, create_new=create_new, dry_run=dry_run) \
        | {"review": review}


# -- programmes -------------------------------------------------------------------------------
def review_programme(db: Database, path: Path, *, sheet: str | None = None,
                     file_name: str | None = None, progress: Progress = None) -> dict[str, Any]:
    """Read a programme sheet and resolve its events, parents and contributors."""
    sheet_data = programme_sheet.read_programme(path, sheet=sheet, progress=progress)
    problems = list(sheet_data.problems)
    events = _programme_events(db, [r for r in sheet_data.rows if r.name and r.start])
    problems += _repeated_events(events)
    problems += _resolve_parents(db, events)
    problems += _parent_loops(events)
    names = _programme_names(db, events)
    problems.sort(key=lambda p: (p["row"], str(p["value"])))
    return {"kind": "programme", "file": file_name or path.name, "format": sheet_data.kind,
            "sheet": sheet_data.sheet, "sheets": sheet_data.sheets,
            "header_row": sheet_data.header_row, "columns": sheet_data.columns,
            "options": {"sheet": sheet}, "events": events, "names": names,
            "sheet_problems": problems, "cleaned": cleaned_notice(sheet_data.cleaned)}


def _problem(row: int, value: Any, problem: str) -> dict[str, Any]:
    return {"row": row, "value": value, "problem": problem}


def _programme_events(db: Database, rows: list[Any]) -> list[dict[str, Any]]:
    """Each row's event: by its id column, else the tracker's event of that name and start."""
    existing = repo.events_by_name(db, [r.id for r in rows if r.id],
                                   [r.name.casefold() for r in rows])
    by_id = {e["id"]: e for e in existing}
    by_name_start: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in existing:
        by_name_start.setdefault((e["key"], e["start"] or ""), []).append(e)
    taken = repo.event_ids_taken(db, [slugify(r.name, "event") for r in rows if not r.id])
    events: list[dict[str, Any]] = []
    for r in rows:
        start = r.start.isoformat() if r.start else None
        found = by_id.get(r.id) if r.id else None
        same = by_name_start.get((r.name.casefold(), start or ""), [])
        if found is None and not r.id and len(same) == 1:
            found = same[0]
        if r.id:
            eid = r.id
            taken.add(eid)
        elif found:
            eid = found["id"]
        else:
            eid = _free_id(slugify(r.name, "event"), taken)
        events.append({"row": r.row, "id": eid, "existing": found is not None, "name": r.name,
                       "start": start, "end": r.end.isoformat() if r.end else None,
                       "parent_text": r.parent, "parent": None, "roles": r.roles,
                       "notes": r.notes})
    return events


def _repeated_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen_ids: dict[str, int] = {}
    problems = []
    for e in events:
        if e["id"] in seen_ids:
            problems.append(_problem(e["row"], e["name"],
                                     f"the same event as row {seen_ids[e['id']]} (same id, or "
                                     "same name and date)"))
        seen_ids.setdefault(e["id"], e["row"])
    return problems


def _resolve_parents(db: Database, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Set each event's parent: an event of this sheet (by id or name), else the tracker's."""
    sheet_ids = {e["id"]: e for e in events}
    sheet_names: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        sheet_names.setdefault(e["name"].casefold(), []).append(e)
    outside = [e["parent_text"] for e in events if e["parent_text"]
               and e["parent_text"] not in sheet_ids
               and e["parent_text"].casefold() not in sheet_names]
    outside_found = repo.events_by_name(db, outside, [t.casefold() for t in outside]) \
        if outside else []
    problems = []
    for e in (e for e in events if e["parent_text"]):
        text = e["parent_text"]
        options = [sheet_ids[text]] if text in sheet_ids else sheet_names.get(text.casefold(), [])
        if not options:
            options = [o for o in outside_found if o["id"] == text] or \
                [o for o in outside_found if o["key"] == text.casefold()]
        if len(options) == 1:
            e["parent"] = options[0]["id"]
            if e["parent"] == e["id"]:
                problems.append(_problem(e["row"], text, "an event cannot be part of itself"))
        elif not options:
            problems.append(_problem(e["row"], text,
                                     "no event of that name or id, in the sheet or the "
                                     "tracker: add it as a row above"))
        else:
            problems.append(_problem(e["row"], text, "several events have that name: write "
                                     "the parent's id instead"))
    return problems


def _parent_loops(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """No event may end up its own ancestor within the sheet."""
    parent_of = {e["id"]: e["parent"] for e in events}
    problems = []
    for e in events:
        seen, node = {e["id"]}, e["parent"]
        while node in parent_of and node is not None:
            if node in seen:
                problems.append(_problem(e["row"], e["parent_text"],
                                         "the parent events form a loop"))
                break
            seen.add(node)
            node = parent_of[node]
    return problems


def _programme_names(db: Database, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Contributors: any actor by exact id or name; else the organisation matcher."""
    name_rows: dict[str, dict[str, Any]] = {}
    for e in events:
        for role, names in e["roles"].items():
            for name in names:
                slot = name_rows.setdefault(name.casefold(), {"value": name, "rows": 0,
                                                              "first_row": e["row"],
                                                              "roles": set()})
                slot["rows"] += 1
                slot["roles"].add(role)
    exact = repo.actors_by_name(db, list(name_rows))
    resolve = name_resolver(db)
    names = []
    for index, (key, slot) in enumerate(sorted(name_rows.items())):
        item: dict[str, Any] = {"index": index, "key": key, "value": slot["value"],
                                "rows": slot["rows"], "first_row": slot["first_row"],
                                "roles": sorted(slot["roles"])}
        item.update(_contributor(exact.get(key, []), slot["value"], resolve))
        names.append(item)
    return names


def _contributor(found_actors: list[dict[str, Any]], value: str,
                 resolve: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """One actor of exactly that name, else what the organisation matcher makes of it."""
    if len(found_actors) == 1:
        a = found_actors[0]
        return {"decision": "match", "actor": a["id"], "name": a["name"], "kind": a["kind"],
                "how": "exact", "why": "exact name", "choices": []}
    verdict = resolve(value)
    best = verdict["matches"][0] if verdict["matches"] else None
    found = best if verdict["decision"] == "match" and best is not None else None
    choice_list = _choices(verdict, 5)
    choice_list += [{"id": a["id"], "name": a["name"], "score": 100.0, "why": "name of"}
                    for a in found_actors if a["id"] not in {c["id"] for c in choice_list}]
    return {"decision": "ambiguous" if len(found_actors) > 1 else verdict["decision"],
            "actor": found["id"] if found else None, "name": found["name"] if found else None,
            "kind": "Organisation", "how": how_from_why(found["why"]) if found else None,
            "why": why_label(found["why"]) if found else None, "choices": choice_list}


def programme_outcome(review: dict[str, Any], *, choices: dict[str, str] | None = None,
                      create_new: bool = False) -> dict[str, Any]:
    """Events, contributions and problems once the coordinator's choices are applied."""
    choices = choices or {}
    problems = list(review["sheet_problems"])
    resolution: dict[str, tuple[str, str] | None] = {}
    new_keys: set[str] = set()
    for item in review["names"]:
        key = item["key"]
        resolution[key], problem = _name_outcome(item, choices.get(key, ""), create_new)
        if resolution[key] and resolution[key][1] == "new":  # type: ignore[index]
            new_keys.add(key)
        if problem:
            problems.append(problem)
    problems.sort(key=lambda p: (p["row"], str(p["value"])))
    by_key = {i["key"]: i for i in review["names"]}
    return {"contributions": _contributions(review["events"], resolution), "problems": problems,
            "new": [{"key": k, "name": by_key[k]["value"]} for k in sorted(new_keys)]}


def _name_outcome(item: dict[str, Any], choice: str, create_new: bool
                  ) -> tuple[tuple[str, str] | None, dict[str, Any] | None]:
    """(actor, how) for one contributor name after the coordinator's choice, and any problem."""
    key = item["key"]
    if choice == "skip":
        return None, None
    if choice.startswith("org:") and choice[4:] in {c["id"] for c in item["choices"]} | \
            {item["actor"]}:
        return (choice[4:], "match"), None
    if choice == "new" or (create_new and item["decision"] == "new" and not item["actor"]):
        trouble = name_problem(item["value"])
        return (f"new:{key}", "new"), (_problem(item["first_row"], item["value"][:60],
                                                f"cannot create it: {trouble}")
                                       if trouble else None)
    if item["actor"]:
        return (item["actor"], item["how"] or "match"), None
    if item["decision"] == "ambiguous":
        text = "ambiguous name: could be " + "; ".join(
            f"{c['name']} ({c['id']})" for c in item["choices"][:3])
    else:
        text = "unknown organisation: no actor of that name; create it (--create-new) " \
               "or correct the cell"
    return None, _problem(item["first_row"], item["value"], text)


def _contributions(events: list[dict[str, Any]],
                   resolution: dict[str, tuple[str, str] | None]) -> list[dict[str, Any]]:
    """One contribution per event, actor and role (a name repeated in a cell counts once)."""
    contributions = []
    seen: set[tuple[str, str, str]] = set()
    for e in events:
        for role, names in e["roles"].items():
            for name in names:
                found = resolution.get(name.casefold())
                if found and (e["id"], found[0], role) not in seen:
                    seen.add((e["id"], found[0], role))
                    contributions.append({"event": e["id"], "actor": found[0], "role": role,
                                          "how": found[1]})
    return contributions


def commit_programme(db: Database, review: dict[str, Any], *,
                     choices: dict[str, str] | None = None, create_new: bool = False,
                     dry_run: bool = False) -> dict[str, Any]:
    """Write the programme's events, sessions and contributions in one transaction."""
    outcome = programme_outcome(review, choices=choices, create_new=create_new)
    ids = _new_ids(db, [n["name"] for n in outcome["new"]])
    key_ids = {f"new:{n['key']}": ids[n["name"]] for n in outcome["new"]}
    contributions = [{**c, "actor": key_ids.get(c["actor"], c["actor"])}
                     for c in outcome["contributions"]]
    new_orgs = [{"id": ids[n["name"]], "name": n["name"]} for n in outcome["new"]]
    events = review["events"]
    result: dict[str, Any] = {
        "rows": len(events) + sum(1 for p in review["sheet_problems"]
                                  if p["problem"].startswith("the row has no")),
        "events": [{"id": e["id"], "name": e["name"], "start": e["start"], "end": e["end"],
                    "parent": e["parent"], "existing": e["existing"]} for e in events],
        "contributions": sorted(({k: c[k] for k in ("event", "actor", "role", "how")}
                                 for c in contributions),
                                key=lambda c: (c["event"], c["actor"], c["role"])),
        "problems": outcome["problems"], "written": False}
    if outcome["problems"] or dry_run:
        return result | {"new": new_orgs}
    source = f"sheet:{review['file']}"
    event_rows = [{"id": e["id"], "name": e["name"], "start": e["start"], "end": e["end"],
                   "props": {"source_sheet": review["file"]}} for e in events]
    parents = [{"id": e["id"], "parent": e["parent"]} for e in events]
    audit = [entry("event", e["id"], "update" if e["existing"] else "create",
                   {"name": e["name"], "start": e["start"], "end": e["end"], "parent": e["parent"],
                    "via": source}) for e in events]
    audit += [entry("organisation", o["id"], "create", {"name": o["name"], "via": source})
              for o in new_orgs]
    db.write_tx(repo.write_programme, source=source, events=event_rows, parents=parents,
                contributions=[{k: c[k] for k in ("event", "actor", "role")}
                               for c in contributions],
                new_organisations=new_orgs, audit=audit)
    result["written"] = True
    return result | {"new": new_orgs}


def import_programme(db: Database, path: Path, *, sheet: str | None = None,
                     create_new: bool = False, dry_run: bool = False,
                     progress: Progress = None) -> dict[str, Any]:
    """The CLI in one call: review, then commit unless there are problems or dry_run."""
    review = review_programme(db, path, sheet=sheet, progress=progress)
    return commit_programme(db, review, create_new=create_new, dry_run=dry_run) \
        | {"cleaned": review["cleaned"]}

