"""The reach benchmark figure runs on a real database (its value is printed, never asserted)."""

import importlib.util
from types import SimpleNamespace

from tracker.paths import PROJECT_ROOT
from tracker.repositories import register


def load_figures():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("figures_reach",
                                                  PROJECT_ROOT / "bench" / "figures_reach.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figure_loads_the_register_itself_and_reports_a_ratio(db):
    calls = []

    def timeit(fn, repeat=5):  # type: ignore[no-untyped-def]
        calls.append(repeat)
        fn()
        return 1.0

    result = load_figures().figures(SimpleNamespace(db=db, size="S", timeit=timeit))
    assert set(result) == {"not_reached_vs_scan"}
    assert result["not_reached_vs_scan"] == 1.0
    assert calls == [5, 5]
    assert register.is_loaded(db)
