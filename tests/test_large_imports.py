"""Imports of any size: rows go to the server in chunks, still in ONE transaction (a failure
after many chunks leaves the database as before), with progress on the CLI."""

from __future__ import annotations

import json

import pytest

from tracker.repositories import backup, graph
from tracker.repositories.graph import import_document


def doc(n: int) -> dict:
    return {"organisations": [{"id": f"org-{i}", "name": f"Org {i}"} for i in range(n)],
            "events": [{"id": "a", "name": "A", "start": "2023-01-01"}]}


def test_rows_are_sent_in_chunks_and_progress_is_told(db, monkeypatch):
    monkeypatch.setattr(graph, "CHUNK", 7)
    seen: list[tuple[str, int, int]] = []
    counts = import_document(db, doc(50), progress=lambda *a: seen.append(a))
    assert counts["organisations"] == 50
    chunks = [s for s in seen if s[0] == "upsert organisations"]
    assert [d for _, d, _ in chunks] == [7, 14, 21, 28, 35, 42, 49, 50]
    assert seen[0][0] == "checking"


def test_a_failure_after_many_chunks_writes_nothing(db, monkeypatch):
    monkeypatch.setattr(graph, "CHUNK", 7)
    import_document(db, {"organisations": [{"id": "old", "name": "Was here"}]})
    version = db.data_version()

    class Interrupted(RuntimeError):
        pass

    def fail_late(what: str, done: int, total: int) -> None:
        if what == "upsert organisations" and done == total:  # every chunk has been sent
            raise Interrupted

    with pytest.raises(Interrupted):
        import_document(db, doc(50), progress=fail_late)
    assert [o["id"] for o in graph.export_document(db)["organisations"]] == ["old"]
    assert backup.node_count(db) == 3  # that organisation, its audit entry, the state node
    assert db.data_version() == version


def test_the_cli_shows_progress(cli, db, tmp_path, monkeypatch):
    monkeypatch.setattr(graph, "CHUNK", 10)
    file = tmp_path / "big.json"
    file.write_text(json.dumps(doc(30)))
    result = cli("import", str(file))
    assert result.exit_code == 0, result.output
    assert "upsert organisations: 10/30" in result.output
    assert "upsert organisations: 30/30" in result.output


@pytest.mark.parametrize(("text", "expected"), [
    ('{"organisations": [{"id": "a", "name": "A", "size": NaN}]}',
     "$.organisations[0].size: NaN and Infinity are not numbers JSON allows"),
    ('{"organisations": [{"id": "a", "name": "A", "size": -Infinity}]}',
     "$.organisations[0].size: NaN and Infinity"),
    ('{"organisations": [{"id": "a", "name": "A", "x": ' + "[" * 20 + "]" * 20 + "}]}",
     "nested more than 16 levels deep"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_the_cli_refuses_non_json_numbers_and_deep_nesting_with_the_path(cli, db, tmp_path,
                                                                          text, expected):
    file = tmp_path / "bad.json"
    file.write_text(text)
    result = cli("import", str(file))
    assert result.exit_code == 1
    assert expected in result.output
    assert "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert backup.node_count(db) == 0
