"""Figures for issue 16 (and issue 14, item 2): what all-or-nothing costs a large import.

- ``import_vs_unwind_batches``: the importer (``tracker.repositories.graph.import_document``,
  as ``tracker import`` runs it: every check, the matcher's duplicate check, and for a document
  this large the batched path with its undo journal and the journal's deletion) over a plain
  batched ``UNWIND`` of the same organisation rows, 10,000 per transaction, through the same
  named query (``interchange/upsert_organisations``) and nothing else. Target: at most 1.5.
- ``import_batched_seconds``, ``unwind_batches_seconds``: the two sides (median of
  :data:`ROUNDS`); ``import_organisations``: the rows of each.

Both sides write :data:`ORGANISATIONS` organisations of ``bench/generate.py``'s L document into
an emptied database, on the same server in the same run, interleaved (UNWIND, importer,
UNWIND, importer, ...), so a busy machine slows both alike. Runs once per ``bench/run.py``
(its ``final`` hook). On its own: ``.venv/bin/python bench/run.py --size S --only import``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from generate import generate

from tracker.db import Database, ManagedTransaction, value
from tracker.interchange import check
from tracker.repositories import graph

ORGANISATIONS = 100_000
ROUNDS = 3
UNWIND_BATCH = 10_000


def figures(ctx: Any) -> dict[str, float]:
    """Nothing per size: everything happens in :func:`final`."""
    return {}


def _unwind(db: Database, rows: list[dict[str, Any]]) -> None:
    """The baseline: the rows in plain UNWIND batches, one transaction each."""
    def batch(tx: ManagedTransaction, chunk: list[dict[str, Any]]) -> None:
        value(tx, "interchange/upsert_organisations", rows=chunk)

    for at in range(0, len(rows), UNWIND_BATCH):
        db.run_write(batch, rows[at:at + UNWIND_BATCH])


def _timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def final(ctx: Any) -> dict[str, float]:
    """Interleave the baseline and the importer, each into an emptied database."""
    db = ctx.db
    doc = {"organisations": generate("L", organisations=ORGANISATIONS)["organisations"]}
    checked, problems = check(doc)
    assert not problems, problems[:3]
    assert ORGANISATIONS >= graph.LARGE_IMPORT  # the importer takes its batched path
    rows = checked.rows["organisations"]  # exactly what the importer's statement receives
    importer: list[float] = []
    unwind: list[float] = []
    for round_ in range(ROUNDS):
        db.clear()
        unwind.append(_timed(lambda: _unwind(db, rows)))
        db.clear()
        importer.append(_timed(lambda: graph.import_document(db, doc)))
        ctx.log(f"[final] import round {round_ + 1}: UNWIND {unwind[-1]:.1f} s, "
                f"importer {importer[-1]:.1f} s")
    db.clear()
    mine, base = statistics.median(importer), statistics.median(unwind)
    return {
        "import_vs_unwind_batches": round(mine / base, 3),
        "import_batched_seconds": round(mine, 3),
        "unwind_batches_seconds": round(base, 3),
        "import_organisations": len(rows),
    }
