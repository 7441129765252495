"""Imports too large for one transaction: batches in their own transactions with an undo journal,
still all-or-nothing for the user (docs/imports.md). The threshold and the batch size are set low
here, so that small documents take the batched path."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from tracker.db import ImportRunning
from tracker.problems import Problems
from tracker.repositories import backup, graph, journal, organisations
from tracker.repositories.graph import export_document, import_document
from tracker.services import imports

# What the database holds before each import: records the big document updates, moves or
# leaves alone, with relationships of every kind the importer writes.
BEFORE = {
    "communities": [{"id": "c1", "name": "C1", "website": "https://c1"}],
    "sub_communities": [{"id": "s1", "name": "S1", "community": "c1"}],
    "partner_networks": [{"id": "n1", "name": "N1"}],
    "organisations": [{"id": f"o{i}", "name": f"Org {i}", "size": i} for i in range(6)],
    "people": [{"id": "p1", "name": "P1", "organisation": "o1", "role": "analyst"}],
    "memberships": [{"member": "o1", "of": "c1", "since": "2020-01-01"},
                    {"member": "o2", "of": "n1"}],
    "events": [
        {"id": "e1", "name": "E1", "start": "2023-01-01", "theme": "old",
         "contributors": [{"actor": "o1", "role": "host"}, {"actor": "c1", "role": "co-host"}],
         "attendance": [{"organisation": "o2", "attendees": 3}], "speakers": ["p1"],
         "feedback": [{"organisation": "o2", "rating": 4, "work_together_again": True}]},
        {"id": "e0", "name": "E0", "start": "2022-01-01"},
    ],
    "notes": [{"id": "note1", "text": "hello", "organisation": "o1"}],
    "follow_ups": [{"id": "f1", "title": "Call", "owner": "ann", "due": "2024-01-01",
                    "organisation": "o3", "origin": "manual|o3"}],
}


def big(n: int = 14) -> dict[str, Any]:
    """A document that updates, moves and adds: renamed organisations with new properties, a
    person who changes employer, a sub-community that moves, a membership whose dates change,
    an event that gets a parent, changed attendance and feedback, a note that moves."""
    return {
        "communities": [{"id": "c2", "name": "C2"}],
        "sub_communities": [{"id": "s1", "name": "S1 moved", "community": "c2"}],
        "organisations": [{"id": f"o{i}", "name": f"New Org {i}", "colour": "red"}
                          for i in range(n)],
        "people": [{"id": "p1", "name": "P1 moved", "organisation": "o7"},
                   {"id": "p2", "name": "P2", "organisation": "o1"}],
        "memberships": [{"member": "o1", "of": "c1", "since": "2021-06-01"},
                        {"member": "o3", "of": "c2"}],
        "events": [
            {"id": "e1", "name": "E1 renamed", "start": "2023-01-02", "parent": "e0",
             "contributors": [{"actor": "o1", "role": "partner"}, {"actor": "o5", "role": "host"}],
             "attendance": [{"organisation": "o2", "attendees": 9},
                            {"organisation": "o3", "attendees": 1}],
             "speakers": ["p2"], "attendees": ["p1"],
             "feedback": [{"organisation": "o2", "rating": 1, "work_together_again": False},
                          {"organisation": "o4", "rating": 5, "work_together_again": True}]},
            {"id": "e2", "name": "E2", "start": "2023-02-01", "parent": "e1",
             "attendance": [{"organisation": f"o{i}", "attendees": i} for i in range(n)]},
        ],
        "notes": [{"id": "note1", "text": "moved", "event": "e1"},
                  {"id": "note2", "text": "new", "person": "p1"}],
        "follow_ups": [{"id": "f2", "title": "Visit", "owner": "bo", "due": "2024-02-01",
                        "event": "e2"}],
    }


def state(db) -> dict[str, list[str]]:
    """Everything the database holds but its version node, web import jobs (bookkeeping) and
    the journal (counted by journal_nodes), as sorted canonical text: nodes by labels and
    properties, relationships by type, properties and their ends' labels and properties."""
    snap = backup.snapshot(db)
    nodes = {n["key"]: n for n in snap["nodes"]
             if not {"Meta", "ImportJob", "ImportUndo", "ImportJournal"} & set(n["labels"])}

    def text(n: dict[str, Any]) -> str:
        return json.dumps([sorted(n["labels"]), n["props"]], sort_keys=True)

    return {"nodes": sorted(text(n) for n in nodes.values()),
            "relationships": sorted(
                json.dumps([r["type"], r["props"], text(nodes[r["start"]]),
                            text(nodes[r["end"]])], sort_keys=True)
                for r in snap["relationships"])}


@pytest.fixture
def batched(monkeypatch):
    """Every document of 10 rows or more takes the batched path, in batches of 3 rows."""
    monkeypatch.setattr(graph, "CHUNK", 3)
    monkeypatch.setattr(graph, "LARGE_IMPORT", 10)
    monkeypatch.setattr(journal, "BATCH", 4)


def journal_nodes(db) -> int:
    """Journal entries and heads in the database."""
    return sum(1 for n in backup.snapshot(db)["nodes"]
               if {"ImportUndo", "ImportJournal"} & set(n["labels"]))


def name_of(db, org_id: str) -> str:
    return {o["id"]: o["name"] for o in export_document(db)["organisations"]}[org_id]


def rename(db, org_id: str, name: str) -> None:
    """An editor's write (through the organisations repository)."""
    organisations.ORGANISATIONS.update(db, org_id, {"name": name})


def without_fresh_values(doc: dict[str, Any]) -> dict[str, Any]:
    """A follow-up made from feedback has a fresh id, and new notes and follow-ups the time of
    their import: left out to compare two imports."""
    def plain(items: list[dict[str, Any]], drop: tuple[str, ...]) -> list[dict[str, Any]]:
        return sorted(({k: v for k, v in f.items() if k not in drop} for f in items),
                      key=lambda f: json.dumps(f, sort_keys=True))
    return doc | {"follow_ups": plain(doc["follow_ups"], ("id", "created_at")),
                  "notes": plain(doc["notes"], ("created_at",))}


def test_a_large_import_writes_everything_batch_by_batch(db, batched):
    import_document(db, BEFORE)
    seen: list[tuple[str, int, int]] = []
    counts = import_document(db, big(), progress=lambda *a: seen.append(a))
    assert counts["organisations"] == 14
    assert counts["attendance"] == 16
    assert ("upsert organisations (batches of 3)", 3, 14) in seen
    assert ("upsert organisations (batches of 3)", 14, 14) in seen
    batched_export = export_document(db)
    assert journal.head(db) is None
    assert journal_nodes(db) == 0

    # The same import in one transaction gives the same database.
    db.clear()
    import_document(db, BEFORE)
    import_document(db, big(), batches=False)
    assert without_fresh_values(export_document(db)) == without_fresh_values(batched_export)


class Refused(RuntimeError):
    """A failure injected while the import runs."""


def _fail_at(step: str):
    def progress(what: str, done: int, total: int) -> None:
        if what.startswith(step):
            raise Refused(what)
    return progress


@pytest.mark.parametrize("fail", ["progress", "constraint", "cycle", "interrupt"])
def test_any_failure_in_a_later_batch_leaves_the_database_as_before(db, batched, fail):
    import_document(db, BEFORE)
    before, exported, version = state(db), export_document(db), db.data_version()
    doc = big()
    if fail == "progress":
        progress, expected = _fail_at("add feedback"), Refused
    elif fail == "interrupt":  # Ctrl-C: KeyboardInterrupt, not an Exception
        def progress(what: str, done: int, total: int) -> None:
            if what.startswith("add attendance") and done > 6:
                raise KeyboardInterrupt
        expected = KeyboardInterrupt
    elif fail == "constraint":
        # Passes every check in Python; the database refuses it (one follow-up per origin) in
        # the last batch, after everything else has been written.
        doc["follow_ups"].append({"id": "f3", "title": "Again", "owner": "bo",
                                  "due": "2024-03-01", "organisation": "o3",
                                  "origin": "manual|o3"})
        progress, expected = None, Problems
    else:
        # e0 becomes e1's parent while the database already has... e0 under e2: a cycle
        # through the database, found in the last transaction.
        import_document(db, {"events": [{"id": "e2", "name": "E2", "start": "2023-02-01"},
                                        {"id": "e0", "name": "E0", "start": "2022-01-01",
                                         "parent": "e2"}]}, batches=False)
        before, exported, version = state(db), export_document(db), db.data_version()
        progress, expected = None, Problems
    with pytest.raises(expected):
        import_document(db, doc, progress=progress)
    assert state(db) == before
    assert export_document(db) == exported
    assert journal.head(db) is None
    assert db.data_version() != version  # caches may hold half-imported results: dropped
    # Nothing is left to refuse writes: the same document imports now (less the refusal).
    if fail in ("progress", "interrupt"):
        import_document(db, doc)
        assert name_of(db, "o13") == "New Org 13"


def test_other_writes_refuse_while_a_large_import_writes(db, batched):
    import_document(db, BEFORE)
    refused: list[str] = []

    def write_meanwhile(what: str, done: int, total: int) -> None:
        if what.startswith("upsert memberships") and not refused:
            with pytest.raises(ImportRunning) as caught:
                rename(db, "o1", "Edited meanwhile")
            refused.append(str(caught.value))
            with pytest.raises(Problems, match="is writing"):
                import_document(db, {"organisations": [{"id": "x", "name": "X"}]},
                                batches=True)

    import_document(db, big(), progress=write_meanwhile, file="big.json")
    assert "an import of 'big.json'" in refused[0]
    assert "tracker import --recover" in refused[0]
    assert name_of(db, "o1") == "New Org 1"
    rename(db, "o1", "Edited after")  # the import has ended
    assert name_of(db, "o1") == "Edited after"


def test_the_web_page_answers_503_while_a_large_import_writes(db, batched, editor_client):
    import_document(db, BEFORE)
    statuses: list[int] = []

    def post_meanwhile(what: str, done: int, total: int) -> None:
        if what.startswith("upsert memberships") and not statuses:
            response = editor_client.post("/organisations/new",
                                          data={"id": "z", "name": "Zed"})
            statuses.append(response.status_code)
            assert "A large import is running" in response.get_data(as_text=True)

    import_document(db, big(), progress=post_meanwhile)
    assert statuses == [503]
    assert "z" not in {o["id"] for o in export_document(db)["organisations"]}


KILLED = textwrap.dedent("""
    import json, sys, time
    from tracker.db import Database
    from tracker.localdb import Connection
    from tracker.repositories import graph
    graph.CHUNK, graph.LARGE_IMPORT = 3, 10
    uri, user, password, doc = sys.argv[1:5]

    def progress(what, done, total):
        if what.startswith("add attendance") and done >= 9:
            print("KILL ME", flush=True)
            time.sleep(600)

    db = Database(Connection(uri, user, password))
    graph.import_document(db, json.loads(doc), progress=progress, file="big.json")
""")


def _kill_mid_import(connection, doc: dict[str, Any]) -> None:
    """Run an import in another process and kill -9 it between two batches."""
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, connection.uri, connection.user, connection.password,
         json.dumps(doc)], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "KILL ME"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def test_an_import_killed_mid_way_is_rolled_back_by_recover(db, batched, cli, neo4j_connection,
                                                             tmp_path):
    import_document(db, BEFORE)
    before, exported = state(db), export_document(db)
    _kill_mid_import(neo4j_connection, big())

    found = journal.head(db)
    assert found is not None
    assert found["state"] == "writing"
    assert found["file"] == "big.json"
    assert export_document(db) != exported  # half of it is there...
    assert "_import" not in json.dumps(export_document(db))  # ...but never the journal
    with pytest.raises(ImportRunning):  # and nothing else writes until it is recovered
        rename(db, "o1", "Meanwhile")
    small = tmp_path / "small.json"
    small.write_text(json.dumps({"organisations": [{"id": "x", "name": "X"}]}))
    result = cli("import", str(small))  # the next import notices it at once
    assert result.exit_code == 1
    assert "an import of 'big.json' started" in result.output
    assert "import   an import of 'big.json' started" in cli("db", "status").output
    assert "tracker import --recover" in result.output

    # A backup taken now carries the journal deliberately: restored, it recovers the same.
    snapshot = backup.snapshot(db)

    result = cli("import", "--recover")
    assert result.exit_code == 0, result.output
    assert "Rolled back the interrupted import of 'big.json'" in result.output
    assert state(db) == before
    assert export_document(db) == exported
    assert journal_nodes(db) == 0
    result = cli("import", "--recover")  # idempotent: nothing left to do
    assert "nothing to recover" in result.output
    assert state(db) == before

    db.clear()
    backup.restore(db, snapshot)
    assert journal.head(db) is not None
    journal.recover(db)
    assert state(db) == before


def test_a_roll_back_interrupted_in_turn_is_finished_by_recover(db, batched, neo4j_connection):
    import_document(db, BEFORE)
    before = state(db)
    _kill_mid_import(neo4j_connection, big())
    calls = [0]

    def die(what: str, done: int, total: int) -> None:
        calls[0] += 1
        if calls[0] == 3:  # after two batches of the roll-back
            raise KeyboardInterrupt

    found = journal.head(db)
    assert found is not None
    with pytest.raises(KeyboardInterrupt):
        journal.undo(db, found["id"], die)
    assert journal.head(db) is not None
    assert journal.recover(db) is not None
    assert state(db) == before
    assert journal.recover(db) is None


def test_a_landed_import_whose_journal_was_not_deleted_is_only_cleaned(db, batched,
                                                                        monkeypatch):
    import_document(db, BEFORE)
    monkeypatch.setattr(journal, "discard", lambda *_a, **_k: None)  # as if killed right after
    import_document(db, big())
    found = journal.head(db)
    assert found is not None
    assert found["state"] == "committed"
    rename(db, "o1", "Writes go on")  # a landed import blocks nothing
    landed = state(db)
    monkeypatch.undo()
    assert journal.recover(db) is not None
    assert journal.head(db) is None
    assert journal_nodes(db) == 0
    assert state(db) == landed


def test_the_web_upload_runs_the_batched_import_as_a_job(db, batched, tmp_path):
    import_document(db, BEFORE)
    before = state(db)
    doc = big()
    doc["follow_ups"].append({"id": "f3", "title": "Again", "owner": "bo", "due": "2024-03-01",
                              "organisation": "o3", "origin": "manual|o3"})
    path = tmp_path / "upload.json"
    path.write_text(json.dumps(doc))
    job = imports.wait(db, imports.start_job(db, path, "upload.json", "ann"))
    assert job["state"] == "failed"
    assert state(db) == before
    path.write_text(json.dumps(big()))
    job = imports.wait(db, imports.start_job(db, path, "upload.json", "ann"))
    assert job["state"] == "done", job
    assert job["counts"]["organisations"] == 14
    assert journal.head(db) is None
