"""The undo journal of an import written in batches (Cypher in, rows out; docs/imports.md).

A document too large for one transaction is written one batch per transaction. Each batch first
records, in the same transaction, the before-image of everything it will change, tagged with the
import's id: ``ImportUndo`` nodes that copy the properties of each node and relationship it
updates or replaces, mark the relationships it may create (``UndoPair``) and list the nodes it
creates (``UndoCreated``). One ``ImportJournal`` head per database (a uniqueness constraint) says
which import is writing; while it is ``writing`` or ``undoing``, other writes to tracker data
refuse (``tracker.db.ImportRunning``). ``undo`` puts everything back in batches; ``discard``
deletes the journal of an import that landed; ``recover`` does whichever an interrupted import
needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.areas import AREAS, ReachSubjects
from tracker.db import ConstraintError, Database, ManagedTransaction, row, rows, value
from tracker.problems import Problems

# Journal entries handled per transaction when undoing or discarding.
BATCH = 10_000

Progress = Callable[[str, int, int], None]


def _quiet(_what: str, _done: int, _total: int) -> None:
    """No progress reporting."""


def head(db: Database) -> dict[str, Any] | None:
    """The journal of an import that is writing, rolling back or was interrupted, or None."""
    return db.read_one("journal/head")


def busy_message(found: dict[str, Any]) -> str:
    """What to tell someone who wants to import while a journal exists."""
    landed = found["state"] == "committed"
    return (f"an import of {found['file']!r} started {found['started_at']} by "
            f"{found['user'] or 'someone'} is "
            f"{'deleting its journal' if landed else 'writing or being rolled back'}; wait for "
            "it to end. If it is not running any more (its process was killed), "
            f"`tracker import --recover` {'deletes the rest' if landed else 'rolls it back'}")


def begin(db: Database, import_id: str, file: str, user: str | None) -> None:
    """Create the journal head; Problems when another import holds it."""
    try:
        db.run_write(lambda tx: value(tx, "journal/begin", import_id=import_id, file=file,
                                      user=user))
    except ConstraintError:
        found = head(db)
        raise Problems.one(busy_message(found) if found else
                           "another import is starting; try again in a moment", "$") from None


def record_nodes(tx: ManagedTransaction, import_id: str, ns: str, ids: list[str],
                 existing: set[str] | None = None) -> list[str]:
    """Journal the nodes of namespace ns (by id) that one batch upserts; returns those it
    creates (absent before). ``existing``: the ids of that namespace known to exist (read
    after the journal's head was created, when no other write can add one); without it the
    database is asked."""
    maybe = ids if existing is None else [i for i in ids if i in existing]
    found = {r["id"] for r in rows(tx, "journal/nodes", ids=maybe, ns=ns, import_id=import_id)} \
        if maybe else set()
    created = [i for i in ids if i not in found]
    if created:
        value(tx, "journal/created", ids=created, ns=ns, import_id=import_id)
    return created


def record_pairs(tx: ManagedTransaction, import_id: str, pairs: list[dict[str, Any]]) -> int:
    """Journal the relationships one batch may create, change or delete (see journal/pairs)."""
    if not pairs:
        return 0
    return int(value(tx, "journal/pairs", pairs=pairs, import_id=import_id) or 0)


def mark_committed(tx: ManagedTransaction, import_id: str) -> None:
    """In the import's last transaction: it landed; its journal is only to be deleted."""
    row(tx, "journal/set_state", state="committed", import_id=import_id)


def _batches(db: Database, name: str, import_id: str, what: str, total: int,
             say: Progress, done: int = 0, **params: Any) -> int:
    """Run a batch statement until it handles nothing more; done plus the number handled."""
    while True:
        n = int(db.run_write(lambda tx: value(tx, name, import_id=import_id, **params))
                or 0)
        if not n:
            return done
        done += n
        say(what, min(done, total), total)


def discard(db: Database, import_id: str, progress: Progress | None = None) -> None:
    """Delete a landed import's journal, then its head."""
    say = progress or _quiet
    found = head(db)
    total = int(found["entries"]) if found else 0
    _batches(db, "journal/discard", import_id, "deleting the journal", total, say, limit=BATCH)
    db.run_write(lambda tx: value(tx, "journal/end", import_id=import_id))


def _reach(db: Database, import_id: str) -> ReachSubjects | None:
    """Whose kept first reach undoing the import may change: the organisations reaching what
    its journal names now (half-written; a restored backup's kept values describe that), plus
    those named; the final step adds the ones reached after the undo. None (every
    organisation) when an earlier undo already deleted part of the journal."""
    found = head(db)
    if found is None or found["state"] == "undoing":
        return None
    named = db.read_one("journal/subjects", import_id=import_id) or {}
    before = db.read_value("first_reach/candidates", events=named.get("events") or [],
                           people=named.get("people") or [],
                           organisations=named.get("actors") or [])
    return ReachSubjects(tuple(named.get("events") or ()), tuple(named.get("people") or ()),
                         tuple(before or ()))


def undo(db: Database, import_id: str, progress: Progress | None = None) -> None:
    """Put back everything the import changed, in batches, then delete its head, recompute the
    kept first reach of the organisations it may have changed and bump every area's version
    (caches may hold results computed from the half-written data).

    Each step deletes the entries it has done in the same transaction, so an undo interrupted
    in turn is finished by running it again (that one recomputes every organisation's first
    reach: the journal no longer names all the import touched).
    """
    say = progress or _quiet
    reach = _reach(db, import_id)
    db.run_write(lambda tx: row(tx, "journal/set_state", state="undoing",
                                import_id=import_id))
    found = head(db)
    total = int(found["entries"]) if found else 0
    say("rolling back", 0, total)
    # Progress is approximate: a copied relationship counts when cleared and when re-created.
    done = 0
    for name in ("journal/undo_pairs", "journal/undo_relationships", "journal/undo_nodes"):
        done = _batches(db, name, import_id, "rolling back", total, say, done, limit=BATCH)
    _batches(db, "journal/undo_created", import_id, "rolling back", total, say, done)
    db.write_tx(lambda tx: value(tx, "journal/end", import_id=import_id), areas=AREAS,
                reach=reach)


def recover(db: Database, progress: Progress | None = None) -> dict[str, Any] | None:
    """Finish an interrupted batched import: roll it back, or, when it had landed, delete its
    journal. Returns the journal head it found (None: nothing to do). Idempotent."""
    found = head(db)
    if found is None:
        return None
    if found["state"] == "committed":
        discard(db, found["id"], progress)
    else:
        undo(db, found["id"], progress)
    return found
