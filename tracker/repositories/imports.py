"""Import jobs: the state of a web upload being imported in the background (Cypher in, rows out).

Job nodes are bookkeeping, not tracker data: they are written with ``Database.run_write`` (no
audit entry, no data-version bump), each in its own small transaction beside the import's.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.db import Database, row


def create(db: Database, job_id: str, file: str, user: str) -> None:
    """A queued job."""
    db.run_write(lambda tx: row(tx, "imports/job_create", id=job_id, file=file, user=user))


def progress(db: Database, job_id: str, state: str, step: str, done: int, total: int) -> None:
    """Where the job is."""
    db.run_write(lambda tx: row(tx, "imports/job_progress", id=job_id, state=state, step=step,
                                done=done, total=total))


def finish(db: Database, job_id: str, problems: list[str],
           counts: dict[str, int] | None) -> None:
    """Done (no problems, with counts) or failed (every problem)."""
    db.run_write(lambda tx: row(tx, "imports/job_finish", id=job_id,
                                state="failed" if problems else "done", problems=problems,
                                counts=json.dumps(counts or {}, sort_keys=True)))


def get(db: Database, job_id: str) -> dict[str, Any] | None:
    """The job, with counts as a dict, or None."""
    found = db.read_one("imports/job_get", id=job_id)
    if found is None:
        return None
    job = dict(found["job"])
    job["counts"] = json.loads(job.get("counts") or "{}")
    return job
