"""People, each optionally WORKS_AT one organisation."""

from __future__ import annotations

from tracker.repositories.entities import EntityKind

PEOPLE = EntityKind(
    folder="people", entity="person", fields=("name", "job_title", "organisation"),
    sorts=("name", "organisation"),
    filters=("organisation",),
    refs=("organisation",),
    missing_ref={"organisation": "There is no organisation with that id."},
    ordered=True,
)
