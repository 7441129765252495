"""Notes: dated text about an organisation, a person or an event, by the user who wrote it.

A note's text is never copied into the audit trail (audit text outlives an erasure): its entries
say only "note added to person p-1". Notes about people are personal data (docs/privacy.md):
only editors see them, the subject access export lists them and erasing the person removes
them (``people/delete``).
"""

from __future__ import annotations

import math
import uuid
from typing import Any

from tracker.audit import current_username, entry
from tracker.db import Database, ManagedTransaction, row
from tracker.model import MAX_NOTE, RECORDS
from tracker.problems import Collector, Problems
from tracker.repositories.entities import NoRow, NotFound, required

PER_PAGE = 25


def new_id() -> str:
    """A fresh note id (made outside the retryable transaction)."""
    return f"note-{uuid.uuid4().hex[:16]}"


def check_text(text: object, path: str = "text") -> list[tuple[str, str]]:
    """Problems with a note's text: required, at most MAX_NOTE characters."""
    if not isinstance(text, str) or not text.strip():
        return [(path, "Write the note first.")]
    if len(text) > MAX_NOTE:
        return [(path, f"A note has at most {MAX_NOTE} characters (this one has {len(text)}).")]
    return []


def check_subject(kind: object, about: object, path: str = "about") -> list[tuple[str, str]]:
    """Problems with what a note or follow-up is about (a kind of record and an id)."""
    if kind not in RECORDS:
        return [(path, f"must be about one of {', '.join(RECORDS)}")]
    if not isinstance(about, str) or not about.strip():
        return [(path, f"the id of the {kind} is required")]
    return []


def missing(kind: str, about: str) -> Problems:
    """The record a note or follow-up should be about does not exist."""
    return Problems.one(f"There is no {RECORDS[kind].singular.lower()} with the id {about!r}.",
                        "about")


def add(db: Database, kind: str, about: str, text: str, author: str | None = None) -> dict[str, Any]:
    """Add a note (by `author`, default the current user); Problems when it cannot be."""
    problems = Collector()
    problems.extend(check_subject(kind, about))
    problems.extend(check_text(text))
    problems.raise_any()
    note_id = new_id()
    try:
        return db.write_tx(
            lambda tx: required_row(tx, "notes/create", id=note_id, kind=kind, about=about,
                                    text=text.strip(), author=author or current_username()),
            audit=[entry("note", note_id, "create", {"added to": f"{kind} {about}"})])
    except NoRow:
        raise missing(kind, about) from None


def required_row(tx: ManagedTransaction, name: str, **params: Any) -> dict[str, Any]:
    """`row(...)` inside a write transaction, rolling it back when nothing matched."""
    found = row(tx, name, **params)
    if found is None:
        raise NoRow(name)
    return found


def get(db: Database, note_id: str) -> dict[str, Any] | None:
    """One note with the record it is about."""
    return db.read_one("notes/get", id=note_id)


def may_change(note: dict[str, Any], username: str, role: str) -> bool:
    """Its author (an editor) or an admin may edit or delete a note."""
    return role == "admin" or (role == "editor" and note.get("author") == username)


def update(db: Database, note_id: str, text: str) -> dict[str, Any]:
    """Change a note's text; NotFound when it is gone, Problems when the text is wrong."""
    problems = check_text(text)
    if problems:
        raise Problems(problems)
    try:
        return db.write_tx(
            lambda tx: required_row(tx, "notes/update", id=note_id, text=text.strip(),
                                    user=current_username()),
            audit=[entry("note", note_id, "update", {"text": "changed"})])
    except NoRow:
        raise NotFound(note_id) from None


def delete(db: Database, note_id: str) -> bool:
    """Delete a note; False when it was already gone."""
    found = get(db, note_id)
    if found is None:
        return False
    try:
        db.write_tx(lambda tx: required(tx, "notes/delete", id=note_id),
                    audit=[entry("note", note_id, "delete",
                                 {"removed from": f"{found['kind']} {found['about']}"})])
    except NoRow:
        return False
    return True


def listing(db: Database, kind: str | None = None, about: str | None = None,
            personal: bool = True, page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    """One page of notes, newest first (about one record when kind and about are given)."""
    page = max(1, page)
    found = db.read_one("notes/list", kind=kind, about=about if kind else None,
                        personal=personal, skip=(page - 1) * per_page, limit=per_page) or {}
    total = int(found.get("total") or 0)
    return {"total": total, "rows": found.get("rows") or [], "page": page,
            "pages": max(1, math.ceil(total / per_page))}
