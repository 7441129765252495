"""The benchmark's generator and figure modules work (what they measure is not asserted)."""

import sys
from collections import Counter
from pathlib import Path

from tests.growth_data import SECOND, SHOWCASE, document
from tracker.interchange import validate
from tracker.repositories.graph import import_document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate
import run


def test_generator_is_seeded_valid_and_sized():
    doc = generate.generate("S")
    assert doc == generate.generate("S")
    assert validate(doc)[1] == []
    top = [e for e in doc["events"] if "parent" not in e]
    assert len(doc["organisations"]) == 300
    assert len(top) == 30
    assert sum(len(e["attendance"]) for e in doc["events"]) == 30 * 100
    assert any(e.get("parent", "").count("-s") for e in doc["events"])  # nested sessions too


def test_generator_is_heavy_tailed():
    doc = generate.generate("M")
    per_org = Counter(a["organisation"] for e in doc["events"] for a in e["attendance"])
    counts = sorted(per_org.values())
    assert counts[len(counts) // 2] <= 5
    assert counts[-1] >= 200
    hubs = Counter(c["actor"] for e in doc["events"] for c in e["contributors"]
                   if c["actor"].startswith("net-"))
    assert hubs["net-00"] > 150
    assert hubs["net-11"] < 50


def test_figure_modules_are_discovered_and_run_on_a_loaded_database(db):
    import_document(db, document(SHOWCASE, SECOND))
    modules = run.figure_modules(["growth"])
    assert [m.__name__ for m in modules] == ["figures_growth"]
    ctx = run.Context(db=db, size="M", doc={}, results={"S": {"impact_seconds": 1.0,
                                                               "impact_replay_seconds": 1.0}})
    figures = modules[0].figures(ctx)
    assert {"growth_vs_scan", "impact_m_over_s", "scan_seconds", "growth_stale_seconds",
            "impact_recompute_seconds", "dashboard_stale_vs_recompute"} <= set(figures)
    assert all(isinstance(v, float) and v > 0 for v in figures.values())
