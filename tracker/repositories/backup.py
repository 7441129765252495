"""Backup and restore: every node and relationship, generically (Cypher in, rows out).

Nothing here knows the model: users with their password hashes, the audit log, settings and
whatever a later feature stores all come along, because the dump is "every node, every
relationship" read in ONE transaction (a consistent snapshot).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from tracker.db import Database, ManagedTransaction, decode, rows, typed_rows, value

BATCH = 5000


def snapshot(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every node (key, labels, props) and relationship (start, end, type, props), typed."""

    def read(tx: ManagedTransaction) -> dict[str, list[dict[str, Any]]]:
        return {"nodes": typed_rows(tx, "backup/nodes"),
                "relationships": typed_rows(tx, "backup/relationships")}

    return db.read_tx(read)


def node_count(db: Database) -> int:
    """How many nodes of any kind the database holds."""
    return int(db.read_value("backup/count_all") or 0)


def _batches(items: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _create_nodes(tx: ManagedTransaction, batch: list[dict[str, Any]]) -> dict[str, str]:
    created = rows(tx, "backup/restore_nodes", rows=batch)
    return {r["key"]: r["id"] for r in created}


def _create_relationships(tx: ManagedTransaction, batch: list[dict[str, Any]]) -> int:
    return int(value(tx, "backup/restore_relationships", rows=batch) or 0)


def restore(db: Database, data: dict[str, list[dict[str, Any]]],
            progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Write a snapshot into the (empty) database in batches; returns the counts written.

    The caller checks that the database is empty first and empties it again if this fails, so
    that a restore is all-or-nothing for the operator.
    """
    say = progress or (lambda _what, _done, _total: None)
    nodes, rels = data["nodes"], data["relationships"]
    new_id: dict[str, str] = {}
    for batch in _batches(nodes, BATCH):
        typed = [{"key": n["key"], "labels": n["labels"], "props": decode(n["props"])}
                 for n in batch]
        new_id.update(db.run_write(_create_nodes, typed))
        say("nodes", len(new_id), len(nodes))
    done = 0
    for batch in _batches(rels, BATCH):
        typed = [{"start": new_id[r["start"]], "end": new_id[r["end"]], "type": r["type"],
                  "props": decode(r["props"])} for r in batch]
        done += db.run_write(_create_relationships, typed)
        say("relationships", done, len(rels))
    # Each organisation's kept first reaching collaboration, recomputed from what was restored
    # (a backup from before they were kept has none).
    db.run_write(lambda tx: value(tx, "first_reach/refresh_all"))
    db.run_write(lambda tx: value(tx, "backup/new_epoch"))
    return {"nodes": len(new_id), "relationships": done}


def empty(db: Database) -> None:
    """Delete everything (restore --replace, and cleaning up after a failed restore)."""
    db.clear()
