"""Importing an interchange file: the same code for `tracker import` and the web upload.

``read_file`` turns a file on disk into a document or a list of problems (never a traceback);
``run`` checks and imports it, reporting progress; ``start_job`` runs ``run`` in a background
thread for the web, with the job's state in the database so that any worker can show it.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.audit import entry
from tracker.db import Database, DatabaseUnavailable, ImportRunning, TransientError
from tracker.interchange import SECTIONS
from tracker.model import FOLLOW_UP_DAYS
from tracker.problems import Item, Problems
from tracker.repositories import imports as jobs
from tracker.repositories import journal
from tracker.repositories.graph import RollBackPending, import_document

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


# A document is at most this deep (the format itself needs 5: document, section, item, list of
# contributors, contributor); deeper input is refused with its path instead of a crash.
MAX_DEPTH = 16


def json_problems(doc: Any) -> list[Item]:
    """NaN/Infinity anywhere (not JSON, and they would make exports non-standard) and nesting
    deeper than MAX_DEPTH, each with its JSON path.

    >>> for path, message in json_problems({"a": [1, float("nan")], "b": {"c": float("-inf")}}):
    ...     print(path, message)
    $.a[1] NaN and Infinity are not numbers JSON allows
    $.b.c NaN and Infinity are not numbers JSON allows
    """
    problems: list[Item] = []
    stack: list[tuple[Any, str, int]] = [(doc, "$", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            problems.append((path, "NaN and Infinity are not numbers JSON allows"))
        elif isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                problems.append((path, f"nested more than {MAX_DEPTH} levels deep"))
                continue
            items = (value.items() if isinstance(value, dict) else enumerate(value))
            children = [(v, f"{path}.{k}" if isinstance(value, dict) else f"{path}[{k}]",
                         depth + 1) for k, v in items]
            stack.extend(reversed(children))
    return problems


def read_file(path: Path) -> Any:
    """The JSON document in path; Problems with one clear line when it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise Problems.one(f"{path}: no such file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Problems.one(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Problems.one(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                           "$") from None
    except RecursionError:
        raise Problems.one(f"the JSON is nested too deeply (more than {MAX_DEPTH} levels is "
                           "refused)", "$") from None
    problems = json_problems(doc)
    if problems:
        raise Problems(problems)
    return doc


def run(db: Database, doc: Any, name: str, progress: Progress | None = None,
        user: str | None = None, allow_similar: bool = False,
        follow_up_days: int = FOLLOW_UP_DAYS) -> dict[str, int]:
    """Check and import doc (all-or-nothing); Problems lists every problem.

    Without ``allow_similar`` a new organisation the matcher says already exists under another
    id is one of those problems (see ``tracker.repositories.graph.check_document``).
    """
    found = journal.head(db)
    if found is not None:  # a large import is running, or was interrupted: say so first
        raise Problems.one(journal.busy_message(found), "$")
    sizes = {k: len(doc[k]) for k in SECTIONS
             if isinstance(doc, dict) and isinstance(doc.get(k), list)}
    try:
        return import_document(db, doc, progress=progress, audit=[
            entry("import", name, "import", {"file": name, **sizes}, user=user)],
            allow_similar=allow_similar, follow_up_days=follow_up_days, follow_up_owner=user,
            file=name)
    except TransientError as exc:
        if "MemoryPool" not in (exc.code or ""):
            raise
        raise Problems.one(
            "the document is too large for the database's transaction memory; nothing was "
            "written. Give Neo4j a larger heap (TRACKER_NEO4J_HEAP, or NEO4J_HEAP with compose) "
            "or split the file (organisations first, then events).", "$") from None


def start_job(db: Database, path: Path, name: str, user: str,
              allow_similar: bool = False, follow_up_days: int = FOLLOW_UP_DAYS) -> str:
    """Import the file at path in a background thread; returns the job id to follow.

    The thread deletes the file when it is done, whatever the outcome.
    """
    job_id = uuid.uuid4().hex
    jobs.create(db, job_id, name, user)
    thread = threading.Thread(target=_job, args=(db, job_id, path, name, user, allow_similar,
                                                 follow_up_days),
                              name=f"import-{job_id[:8]}", daemon=True)
    thread.start()
    return job_id


def _job(db: Database, job_id: str, path: Path, name: str, user: str,
         allow_similar: bool, follow_up_days: int) -> None:
    last = [0.0]

    def progress(step: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or done == total:  # a few updates a second at most
            last[0] = now
            jobs.progress(db, job_id, "running", step, done, total)

    try:
        jobs.progress(db, job_id, "running", "reading the file", 0, 1)
        doc = read_file(path)
        counts = run(db, doc, name, progress, user=user, allow_similar=allow_similar,
                     follow_up_days=follow_up_days)
        jobs.finish(db, job_id, [], counts)
    except Problems as exc:
        _finish_failed(db, job_id, exc.messages)
    except ImportRunning as exc:
        _finish_failed(db, job_id, [f"Nothing was imported: {exc}"])
    except RollBackPending as exc:
        _finish_failed(db, job_id, [f"The database went away during the import: {exc}."])
    except DatabaseUnavailable:
        _finish_failed(db, job_id, ["The database went away during the import; nothing was "
                                    "imported. Upload the file again when it is back."])
    except Exception:
        log.exception("import job %s failed", job_id)
        _finish_failed(db, job_id, ["Something went wrong on our side (it has been logged); "
                                    "nothing was imported."])
    finally:
        path.unlink(missing_ok=True)


def _finish_failed(db: Database, job_id: str, problems: list[str]) -> None:
    try:
        jobs.finish(db, job_id, problems, None)
    except DatabaseUnavailable:
        log.warning("import job %s: could not record its failure", job_id)


def wait(db: Database, job_id: str, timeout: float = 600.0) -> dict[str, Any]:
    """Poll until the job is done or failed (tests and scripts); returns the job."""
    deadline = time.monotonic() + timeout
    while True:
        job = jobs.get(db, job_id)
        if job is not None and job["state"] in ("done", "failed"):
            return job
        if time.monotonic() > deadline:
            raise TimeoutError(f"import job {job_id} still {job and job['state']}")
        time.sleep(0.1)
