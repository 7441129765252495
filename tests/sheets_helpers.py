"""Shared data for the spreadsheet-import tests: organisations, an event, fixture files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracker.db import Database
from tracker.repositories import events
from tracker.repositories.graph import import_document

FIXTURES = Path(__file__).parent / "fixtures" / "sheets"
EVENTBRITE = FIXTURES / "eventbrite-attendees.csv"
TEAMS = FIXTURES / "teams-attendance.csv"
PROGRAMME = FIXTURES / "programme.csv"
ENCRYPTED = FIXTURES / "password-protected.xlsx"

BASE: dict[str, Any] = {
    "communities": [{"id": "dsc", "name": "Data Science Community"}],
    "partner_networks": [{"id": "rap", "name": "RAP Network"},
                         {"id": "gse", "name": "Government Science and Engineering"}],
    "organisations": [
        {"id": "ons", "name": "Office for National Statistics", "alt_names": ["ONS"]},
        {"id": "wg", "name": "Welsh Government", "alt_names": ["Llywodraeth Cymru"]},
        {"id": "moj", "name": "Ministry of Justice"},
        {"id": "cardiff", "name": "Cardiff Council"},
        {"id": "data-cymru", "name": "Data Cymru"},
        # Two bodies with the same name: a list that says only "Data Unit" is ambiguous.
        {"id": "data-unit-wales", "name": "Data Unit"},
        {"id": "data-unit-scotland", "name": "Data Unit"},
    ],
    "events": [{"id": "showcase-2023", "name": "Showcase 2023", "start": "2023-11-14",
                "end": "2023-11-16"},
               {"id": "toolshed", "name": "The data science toolshed", "start": "2023-11-15",
                "parent": "showcase-2023"}],
}


def seed(db: Database) -> None:
    """Load the base actors and events with the ordinary importer."""
    import_document(db, BASE)


def attendance(db: Database, event: str) -> dict[str, int]:
    """organisation id -> attendees recorded for one event."""
    found = events.get(db, event)
    assert found is not None
    return {a["organisation"]: a["attendees"] for a in found["own_attendance"]}
