"""One Problems type: every problem found in one pass, listed once by the CLI and the views."""

from __future__ import annotations

import json

import pytest

from tracker.problems import Collector, Problems
from tracker.repositories.graph import import_document

# A shape problem (a bad date) and a reference problem (an unknown actor) in one document.
MIXED = {"events": [{"id": "e", "name": "E", "start": "2024-02-30",
                     "contributors": [{"actor": "ghost", "role": "host"}]}]}


def test_problems_keep_paths_and_read_as_lines():
    problems = Problems([("$.events[0].start", "must be a date"), ("", "nothing to import")])
    assert problems.paths == ["$.events[0].start", ""]
    assert problems.messages == ["$.events[0].start: must be a date", "nothing to import"]
    assert str(problems) == "$.events[0].start: must be a date; nothing to import"
    collector = Collector()
    collector.raise_any()  # nothing gathered: no error
    collector.add("name", "is required")
    with pytest.raises(Problems) as caught:
        collector.raise_any()
    assert caught.value.items == [("name", "is required")]


def test_an_import_lists_shape_and_reference_problems_in_one_pass(db):
    with pytest.raises(Problems) as caught:
        import_document(db, MIXED)
    text = "\n".join(caught.value.messages)
    assert "$.events[0].start" in text
    assert "unknown actor" in text
    assert "'ghost'" in text


def test_the_cli_lists_every_problem_once_and_exits_1(cli, db, tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(MIXED))
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "2 problem(s); nothing was written." in result.stderr
    assert "$.events[0].start" in result.stderr
    assert "unknown actor" in result.stderr
    assert "Traceback" not in result.output
