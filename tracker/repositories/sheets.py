"""Spreadsheet imports: the reads the review needs and the one-transaction writes.

Cypher in, rows out: the planning lives in tracker.services.sheets.
"""

from __future__ import annotations

from typing import Any

from tracker.db import Database, ManagedTransaction, rows, value


def event(db: Database, event_id: str) -> dict[str, Any] | None:
    """The event an attendee list is for, with its earlier attendance imports."""
    return db.read_one("sheets/event", id=event_id)


def attendance_sources(db: Database, event_id: str) -> list[dict[str, Any]]:
    """The attendance imports of an event and its sessions (where its attendance came from)."""
    return db.read("sheets/attendance_sources", event=event_id)


def actor_ids_taken(db: Database, slugs: list[str]) -> set[str]:
    """Actor ids starting with any of the slugs."""
    return set(db.read_value("sheets/actor_ids_taken", slugs=sorted(set(slugs))) or []) \
        if slugs else set()


def event_ids_taken(db: Database, slugs: list[str]) -> set[str]:
    """Event ids starting with any of the slugs."""
    return set(db.read_value("sheets/event_ids_taken", slugs=sorted(set(slugs))) or []) \
        if slugs else set()


def actors_by_name(db: Database, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Lower-cased name or id -> the actors that have it."""
    out: dict[str, list[dict[str, Any]]] = {}
    if keys:
        for r in db.read("sheets/actors_by_name", names=sorted(set(keys))):
            out.setdefault(r["key"], []).append(r)
    return out


def events_by_name(db: Database, ids: list[str], names: list[str]) -> list[dict[str, Any]]:
    """Existing events with one of the ids or (lower-cased) names."""
    return db.read("sheets/events_by_name", ids=sorted(set(ids)), names=sorted(set(names)))


class Vanished(RuntimeError):
    """Something the review relied on was deleted before the commit; nothing was written."""


def write_attendance(tx: ManagedTransaction, *, import_id: str, event_id: str,
                     replaces: list[str], props: dict[str, Any], attendance: list[dict[str, Any]],
                     new_organisations: list[dict[str, str]], domains: list[dict[str, str]],
                     by: str, people: list[dict[str, str]]) -> int:
    """Write one attendance import (run inside Database.write_tx: all of it or none)."""
    if new_organisations:
        rows(tx, "sheets/create_organisations", rows=new_organisations)
    if domains:
        rows(tx, "domains/set", rows=domains, by=by)
    for old in replaces:
        rows(tx, "sheets/attendance_unapply", import_id=old)
    written = value(tx, "sheets/attendance_apply", import_id=import_id, event=event_id,
                    props=props, rows=attendance)
    if (written or 0) != len(attendance) and attendance:
        raise Vanished("An organisation or the event was deleted while you reviewed the file: "
                       "upload it again.")
    if people:
        rows(tx, "sheets/attendance_people", import_id=import_id, event=event_id, rows=people)
    return int(written or 0)


def write_programme(tx: ManagedTransaction, *, source: str, events: list[dict[str, Any]],
                    parents: list[dict[str, Any]], contributions: list[dict[str, str]],
                    new_organisations: list[dict[str, str]]) -> int:
    """Write a programme's events, parents and contributions (inside one write_tx)."""
    if new_organisations:
        rows(tx, "sheets/create_organisations", rows=new_organisations)
    rows(tx, "interchange/upsert_events", rows=events)
    rows(tx, "interchange/link_event_parents", rows=parents)
    count = value(tx, "sheets/programme_contributions", source=source,
                  events=[e["id"] for e in events], rows=contributions)
    if (count or 0) != len(contributions):
        raise Vanished("An actor was deleted while you reviewed the sheet: upload it again.")
    return int(count or 0)
