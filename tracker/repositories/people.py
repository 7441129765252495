"""People, each optionally WORKS_AT one organisation."""

from __future__ import annotations

from tracker.repositories.entities import EntityKind

PEOPLE = EntityKind(
    folder="people", entity="person", fields=("name", "job_title", "organisation"),
    sorts={"name": "people/list_by_name", "organisation": "people/list_by_organisation"},
    filters=("organisation",),
    refs=("organisation",),
    missing_ref={"organisation": "There is no organisation with that id."},
)
