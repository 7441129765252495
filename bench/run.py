"""Benchmarks: load synthetic communities into a throwaway Neo4j and print figures.

    .venv/bin/python bench/run.py [--size S|M|L ...] [--json]

For each size (default S, M and L; S always runs first as the baseline for ratios across sizes)
a fresh database is loaded with bench/generate.py's document through the JSON importer, on one
throwaway local server (tracker.localdb.LocalServer in a temporary folder, with a bigger heap)
that is stopped and removed at the end. Then every module ``bench/figures_*.py`` is asked for
its figures. Output: one line per figure, ``name@SIZE value``; with --json one object mapping
``name@SIZE`` to the value, plus the bare ``name`` for the largest size at which it was measured
(so ``growth_vs_scan`` is the L figure when L ran).

A figures module exposes ``figures(ctx) -> dict[str, float]``, called once per size, where ctx
has:

- ``ctx.db``: a tracker.db.Database holding exactly that size's data (and nothing else);
- ``ctx.size``: "S", "M" or "L"; ``ctx.doc``: the interchange document that was loaded;
- ``ctx.timeit(fn, repeat=5) -> float``: the best wall-clock seconds of ``fn()`` over repeat
  runs (run it once before if the first call should not count);
- ``ctx.results``: the figures of the sizes already measured in this run, as
  ``{size: {name: value}}`` (for ratios across sizes, e.g. L over S);
- ``ctx.log(message)``: a progress line on stderr.

A figures module may also expose ``final(ctx) -> dict[str, float]``: called once after every
size, on the same server with the database emptied (``ctx.size`` is "final"), for figures that
load their own data (e.g. the 20,000-actor network of ``figures_scale``). Its figures are printed
under their bare names.

Figures are measured, never asserted: targets are judged by whoever reads the output.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))

from generate import SIZES, generate  # noqa: E402

from tracker.db import Database  # noqa: E402
from tracker.localdb import LocalServer  # noqa: E402
from tracker.repositories.graph import import_document  # noqa: E402

ORDER = list(SIZES)


def log(message: str) -> None:
    """A progress line on stderr (stdout holds only figures)."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class Context:
    """What a figures module gets: the loaded database and helpers (see the module docstring)."""

    db: Database
    size: str
    doc: dict[str, Any]
    results: dict[str, dict[str, float]] = field(default_factory=dict)

    @staticmethod
    def timeit(fn: Callable[[], Any], repeat: int = 5) -> float:
        """Best wall-clock seconds of fn() over repeat runs."""
        best = float("inf")
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - started)
        return best

    @staticmethod
    def log(message: str) -> None:
        """A progress line on stderr."""
        log(message)


def figure_modules(only: list[str] | None = None) -> list[Any]:
    """Every bench/figures_*.py module, by name."""
    names = sorted(p.stem for p in BENCH_DIR.glob("figures_*.py"))
    if only:
        names = [n for n in names if n.removeprefix("figures_") in only or n in only]
    return [importlib.import_module(n) for n in names]


def run(sizes: list[str], modules: list[Any], heap: str, pagecache: str) -> dict[str, float]:
    """Load each size on one throwaway server, collect every module's figures."""
    root = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    server = LocalServer(root, heap=heap, pagecache=pagecache)
    out: dict[str, float] = {}
    results: dict[str, dict[str, float]] = {}
    try:
        log(f"Starting a throwaway Neo4j in {root} (heap {heap})…")
        db = Database(server.start(timeout=300))
        db.apply_schema()
        for size in sizes:
            db.clear()
            log(f"[{size}] generating…")
            doc = generate(size)
            started = time.perf_counter()
            import_document(db, doc)
            loaded = time.perf_counter() - started
            log(f"[{size}] imported in {loaded:.1f} s")
            ctx = Context(db=db, size=size, doc=doc, results=results)
            figures: dict[str, float] = {"import_seconds": round(loaded, 3)}
            for module in modules:
                log(f"[{size}] {module.__name__}…")
                figures.update(module.figures(ctx))
            results[size] = figures
            for name, value in figures.items():
                out[f"{name}@{size}"] = value
                out[name] = value  # sizes run in order: the bare name ends as the largest
                print(f"{name}@{size}  {value:.6g}", flush=True) if not _JSON else None
        finals = [m for m in modules if hasattr(m, "final")]
        for module in finals:
            db.clear()
            log(f"[final] {module.__name__}…")
            ctx = Context(db=db, size="final", doc={}, results=results)
            for name, value in module.final(ctx).items():
                out[name] = value
                print(f"{name}  {value:.6g}", flush=True) if not _JSON else None
        db.close()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    return out


_JSON = False


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run, print."""
    global _JSON
    parser = argparse.ArgumentParser(description="Partner Tracker benchmarks.")
    parser.add_argument("--size", action="append", choices=ORDER,
                        help="S, M or L (repeatable; default all three)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", action="append", help="only these figures modules")
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="2g")
    args = parser.parse_args(argv)
    _JSON = args.json
    wanted = set(args.size or ORDER) | {"S"}  # S is the baseline for ratios across sizes
    sizes = [s for s in ORDER if s in wanted]
    out = run(sizes, figure_modules(args.only), args.heap, args.pagecache)
    if args.json:
        print(json.dumps(out, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
