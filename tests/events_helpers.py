"""Shared data for the event tests: a few actors loaded through the real importer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.db import Database
from tracker.repositories.graph import import_document

BASE = {
    "communities": [{"id": "dsc", "name": "Data Science Community"}],
    "partner_networks": [{"id": "rap", "name": "RAP Network"},
                         {"id": "nhsr", "name": "NHS-R Community"}],
    "organisations": [{"id": "moj", "name": "Ministry of Justice"},
                      {"id": "wg", "name": "Welsh Government"},
                      {"id": "data-cymru", "name": "Data Cymru"}],
    "people": [{"id": "ann", "name": "Ann Speaker", "organisation": "moj"},
               {"id": "bob", "name": "Bob Visitor"}],
}


def seed(db: Database, extra: dict[str, Any] | None = None) -> None:
    """Load the base actors (and any extra sections) with the importer."""
    doc = {k: list(v) for k, v in BASE.items()}
    for key, value in (extra or {}).items():
        doc[key] = doc.get(key, []) + value
    import_document(db, doc)


def form_data(**changes: Any) -> dict[str, Any]:
    """Data in the shape EventForm.to_data() gives, with rows numbered."""
    data: dict[str, Any] = {
        "id": None, "name": "Showcase 2023", "start": dt.date(2023, 11, 14),
        "end": dt.date(2023, 11, 16), "parent": None, "parent_name": None,
        "contributors": [], "attendance": [], "sessions": [], "speakers": [],
    }
    data.update(changes)
    for key in ("contributors", "attendance", "sessions", "speakers"):
        data[key] = [dict(r, _row=i) for i, r in enumerate(data[key])]
    return data


# A typed name's answer to "Is it one of these?": these helpers stand for a person who already
# chose to create any organisation that does not exist (the matcher's questions are tested in
# tests/test_matching_forms.py). Pass choice="" to leave the question unanswered.
def contributor(actor: str = "", name: str = "", role: str = "host",
                choice: str = "new") -> dict[str, Any]:
    return {"actor": actor, "actor_name": name, "role": role,
            "actor_choice": "" if actor else choice}


def attendance(org: str = "", name: str = "", attendees: int = 0,
               choice: str = "new") -> dict[str, Any]:
    return {"organisation": org, "organisation_name": name, "attendees": attendees,
            "organisation_choice": "" if org else choice}


def session(name: str, start: dt.date, sid: str = "", end: dt.date | None = None) -> dict:
    return {"id": sid, "name": name, "start": start, "end": end}


def speaker(person: str = "", name: str = "") -> dict[str, Any]:
    return {"person": person, "person_name": name}
