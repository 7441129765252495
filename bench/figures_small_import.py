"""Figures for issue 16, item 2: a small import into a big database costs what it writes.

Each import keeps every organisation's first reaching collaboration in its own transaction.
Before session 12 imports recomputed it for EVERY organisation (``first_reach/refresh_all``,
about 90 s at L on the loaded machine); now only for the organisations an import may affect.

- ``small_import_l_over_s``: a JSON import of a few rows (:func:`small_document`: five new
  organisations attending a new collaboration dated mid-history, and one existing
  organisation attending too), as ``tracker import --allow-similar`` writes it, at this size
  over the same at S;
- ``small_sheet_import_l_over_s``: an attendee list of five rows naming existing
  organisations, for an existing collaboration (``tracker sheets import-attendance``'s
  path: review with the matcher, then commit), at this size over the same at S;
- ``small_import_seconds``, ``small_sheet_import_seconds`` (this size) and ``..._s_seconds``
  (the S side in the same run);
- ``first_reach_refresh_all_seconds``: recomputing every organisation's first reach at this
  size (what each of those imports also paid before), and ``small_import_vs_refresh_all``.

At S this module starts a second throwaway Neo4j (the *S side*) holding the S document; at
every larger size each import is run on both sides in turn (S, L, S, L, ...), :data:`ROUNDS`
times with new ids each round (after one round that is not counted), so both sides of a ratio
share the machine's load at the same moments; medians. On its own:
``.venv/bin/python bench/run.py --size L --only small_import``.
"""

from __future__ import annotations

import atexit
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.db import Database, value
from tracker.localdb import LocalServer
from tracker.repositories.graph import import_document
from tracker.services import sheets

ROUNDS = 3
NEW = 5


def _top_level(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((e for e in doc["events"] if not e.get("parent") and e.get("start")),
                  key=lambda e: (e["start"], e["id"]))


def _attending(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Organisations of doc that attended something (the sheet names five of them)."""
    attended = {a["organisation"] for e in doc["events"] for a in e.get("attendance", [])}
    return [o for o in doc["organisations"] if o["id"] in attended]


def small_document(doc: dict[str, Any], tag: str) -> dict[str, Any]:
    """Five new organisations and one existing one attending a new collaboration dated in the
    middle of doc's history (so it is not appended at the end of the timeline)."""
    middle = _top_level(doc)[len(_top_level(doc)) // 2]
    old = _attending(doc)[0]["id"]
    orgs = [{"id": f"bench-small-{tag}-{k}", "name": f"Bench Small Import Body {tag} {k}"}
            for k in range(NEW)]
    return {"organisations": orgs,
            "events": [{"id": f"bench-small-{tag}", "name": f"Bench small import {tag}",
                        "start": middle["start"],
                        "attendance": [{"organisation": o["id"], "attendees": 1} for o in orgs]
                        + [{"organisation": old, "attendees": 2}]}]}


def write_sheet(path: Path, doc: dict[str, Any]) -> Path:
    """An attendee list of five rows naming existing organisations exactly."""
    lines = ["Name,Email,Organisation"]
    for k, org in enumerate(_attending(doc)[1:NEW + 1]):
        lines.append(f"Person {k},person{k}@example.org,{org['name'].replace(',', ' ')}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Side:
    """One database and its document."""

    def __init__(self, db: Database, doc: dict[str, Any]) -> None:
        self.db = db
        self.doc = doc
        self.event = _top_level(doc)[len(_top_level(doc)) // 3]["id"]

    def json_import(self, tag: str) -> float:
        doc = small_document(self.doc, tag)
        return _timed(lambda: import_document(self.db, doc, allow_similar=True))

    def sheet_import(self, folder: Path, tag: str) -> float:
        path = write_sheet(folder / f"bench-small-{tag}.csv", self.doc)

        def run() -> None:
            done = sheets.import_attendance(self.db, path, self.event)
            if not done.get("written"):
                raise RuntimeError(f"the attendee list was not written: {done.get('problems')}")

        return _timed(run)

    def refresh_all(self) -> float:
        return _timed(lambda: self.db.run_write(
            lambda tx: value(tx, "first_reach/refresh_all")))


def _timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


class _SSide:
    """The S side: a second throwaway server holding the S data until the run ends."""

    server: LocalServer | None = None
    root: Path | None = None
    side: _Side | None = None

    @classmethod
    def start(cls, doc: dict[str, Any], log: Any) -> None:
        cls.stop()
        cls.root = Path(tempfile.mkdtemp(prefix="tracker-bench-small-import-"))
        cls.server = LocalServer(cls.root, heap="1g", pagecache="512m")
        log(f"[S] starting the S side for interleaved small imports in {cls.root}…")
        db = Database(cls.server.start(timeout=300))
        db.apply_schema()
        import_document(db, doc)
        cls.side = _Side(db, doc)
        atexit.register(cls.stop)

    @classmethod
    def stop(cls) -> None:
        if cls.side is not None:
            cls.side.db.close()
            cls.side = None
        if cls.server is not None:
            cls.server.stop()
            cls.server = None
        if cls.root is not None:
            shutil.rmtree(cls.root, ignore_errors=True)
            cls.root = None


def figures(ctx: Any) -> dict[str, float]:
    """At S start the S side; at larger sizes interleave both sides and print the ratios."""
    if ctx.size == "S":
        _SSide.start(ctx.doc, ctx.log)
        return {}
    if _SSide.side is None:
        raise RuntimeError("figures_small_import needs the S size first (bench/run.py runs it)")
    sides = [_SSide.side, _Side(ctx.db, ctx.doc)]
    times: dict[str, list[list[float]]] = {k: [[], []] for k in ("json", "sheet", "all")}
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-sheets-"))
    try:
        for i, side in enumerate(sides):  # a first round, not counted: query plans, the matcher
            side.json_import(f"{ctx.size}w")
            side.sheet_import(folder, f"{ctx.size}w-{i}")
        for round_ in range(ROUNDS):
            tag = f"{ctx.size}{round_}"
            for i, side in enumerate(sides):
                times["json"][i].append(side.json_import(tag))
                times["sheet"][i].append(side.sheet_import(folder, f"{tag}-{i}"))
                times["all"][i].append(side.refresh_all())
            ctx.log(f"[{ctx.size}] small imports round {round_ + 1}: " + ", ".join(
                f"{k} S {v[0][-1]:.2f} s / {ctx.size} {v[1][-1]:.2f} s"
                for k, v in times.items()))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    med = {k: (statistics.median(v[0]), statistics.median(v[1])) for k, v in times.items()}
    return {
        "small_import_seconds": round(med["json"][1], 4),
        "small_import_s_seconds": round(med["json"][0], 4),
        "small_import_l_over_s": round(med["json"][1] / med["json"][0], 3),
        "small_sheet_import_seconds": round(med["sheet"][1], 4),
        "small_sheet_import_s_seconds": round(med["sheet"][0], 4),
        "small_sheet_import_l_over_s": round(med["sheet"][1] / med["sheet"][0], 3),
        "first_reach_refresh_all_seconds": round(med["all"][1], 4),
        "first_reach_refresh_all_s_seconds": round(med["all"][0], 4),
        "small_import_vs_refresh_all": round(med["json"][1] / med["all"][1], 4),
    }
