"""Benchmark figures for the organisation matcher (issue 11), run by bench/run.py.

On the size's database plus the whole register (30,000 synthetic organisations + 1,340 register
organisations at L):

- ``match_recall_at_1`` / ``match_precision`` / ``match_hard_negatives_matched`` /
  ``match_splits_wrong``: the quality figures on tests/data/match_labelled.csv, and the same
  with ``_heldout`` on tests/data/match_heldout.csv (targets: recall >= 0.95, precision
  >= 0.99, no hard negative and no split wrong);
- ``match_index_cold_s``: building the index after a write (read + build);
- ``match_warm_p50_ms`` / ``match_warm_p95_ms`` / ``match_warm_max_ms``: one
  ``tracker.services.matching.match(db, name)`` with the index cached (what `tracker match`,
  `/api/v1/match` and the forms call, data-version check included), over every labelled name.
  Target: at most 50 ms warm at L.
- ``match_decide_p50_ms`` / ``match_decide_p95_ms``: the matcher's own work
  (``tracker.matching.decide`` on the cached index), without the read transaction that checks
  the data version.
"""

from __future__ import annotations

import csv
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker import matching
from tracker.repositories import register
from tracker.services import matching as service

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def figures(ctx: Any) -> dict[str, float]:
    """Quality and latency of the matcher on ctx.db (the register is imported if missing)."""
    db = ctx.db
    if not register.is_loaded(db):
        register.import_register(db)
    started = time.perf_counter()
    index = service.index(db)
    cold = time.perf_counter() - started
    out: dict[str, float] = {"match_index_cold_s": round(cold, 3),
                             "match_index_names": float(len(index.choices))}
    for suffix, filename in (("", "match_labelled.csv"), ("_heldout", "match_heldout.csv")):
        found = matching.evaluate(index, _rows(filename))
        out[f"match_recall_at_1{suffix}"] = round(found["recall_at_1"], 4)
        out[f"match_precision{suffix}"] = round(found["match_precision"], 4)
        out[f"match_hard_negatives_matched{suffix}"] = float(len(found["hard_negatives_matched"]))
        out[f"match_splits_wrong{suffix}"] = float(len(found["splits_wrong"]))
        out[f"match_rows{suffix}"] = float(found["rows"])
    names = [r["name"] for r in _rows("match_labelled.csv") + _rows("match_heldout.csv")]
    service.match(db, names[0])  # warm
    warm = _milliseconds(lambda name: service.match(db, name), names)
    out["match_warm_p50_ms"] = round(statistics.median(warm), 2)
    out["match_warm_p95_ms"] = round(warm[int(len(warm) * 0.95) - 1], 2)
    out["match_warm_max_ms"] = round(warm[-1], 2)
    pure = _milliseconds(lambda name: matching.decide(index, name), names)
    out["match_decide_p50_ms"] = round(statistics.median(pure), 2)
    out["match_decide_p95_ms"] = round(pure[int(len(pure) * 0.95) - 1], 2)
    return out


def _milliseconds(call: Callable[[str], object], names: list[str]) -> list[float]:
    """Milliseconds of call(name) for each name, sorted."""
    times = []
    for name in names:
        started = time.perf_counter()
        call(name)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)
