"""The examples in tracker/analytics (and the pure rule modules) run as tests (networkx-style
documentation)."""

import doctest
import importlib
import pkgutil

import pytest

import tracker.analytics

MODULES = sorted(f"tracker.analytics.{m.name}"
                 for m in pkgutil.iter_modules(tracker.analytics.__path__))
# The pure rule modules outside analytics carry examples too.
MODULES += ["tracker.areas", "tracker.dates", "tracker.db", "tracker.model", "tracker.rows",
            "tracker.text"]


def test_every_analytics_module_is_collected():
    assert len(MODULES) >= 3


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_pass(name: str):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
    assert result.attempted > 0, f"{name} has no examples: add one to its public functions"
