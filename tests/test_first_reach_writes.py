"""Imports, spreadsheets, the register, merges undone and erasures keep each organisation's
first reaching collaboration for the organisations they may affect only (issue 16): after each
of them the kept values equal a replay of the whole history (the comparison `tracker db check`
makes), and an organisation the write does not touch, whose kept value is deliberately set
wrong first, is left as it was (a write that recomputed every organisation would put it right).
A JSON import of collaborations later than every other extends the cached timeline."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.reach_scenario import write_register_csv
from tests.sheets_helpers import seed
from tracker.db import Database
from tracker.demo import load_demo
from tracker.problems import Problems
from tracker.repositories import collaborations, merges, privacy
from tracker.repositories.graph import export_document, import_document
from tracker.repositories.register import import_csv
from tracker.services import growth, sheets
from tracker.services.cache import cache, read

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import generate


def mismatches(db: Database) -> list[dict[str, Any]]:
    """What `tracker db check` reports: kept values that differ from a replay."""
    return db.read_tx(collaborations.first_reach_mismatches)


def kept(db: Database) -> dict[str, str]:
    """Organisation -> its kept first reaching collaboration."""
    found = db.read_tx(collaborations.first_reach_kept)
    assert found is not None, "the first reaching collaborations are not kept"
    return {o: r["collaboration"] for r in found for o in r["organisations"]}


def set_kept(db: Database, organisation: str, collaboration: str) -> None:
    db.run_write(lambda tx: tx.run(
        "MATCH (f:FirstReach {organisation: $o}) SET f.collaboration = $c",
        o=organisation, c=collaboration).consume())


@contextmanager
def bystander(db: Database, organisation: str) -> Iterator[None]:
    """Set the organisation's kept first reach wrong for the block's write; afterwards it must
    still be wrong (the write left it alone), then it is put right and every kept value must
    equal the replay."""
    assert mismatches(db) == []
    right = kept(db)[organisation]
    set_kept(db, organisation, "planted-wrong")
    yield
    assert kept(db).get(organisation) == "planted-wrong", \
        "the write recomputed an organisation it does not touch"
    set_kept(db, organisation, right)
    assert mismatches(db) == []


def order(db: Database) -> list[dict[str, Any]]:
    """The collaborations in order: id, start."""
    return db.read_tx(collaborations.timeline)


def load(db: Database, data: str) -> None:
    if data == "demo":
        load_demo(db)
    else:
        import_document(db, generate.generate("S"), allow_similar=True)
    assert mismatches(db) == []
    assert kept(db)


def a_person(db: Database) -> tuple[str, str]:
    """A person with an employer, and the employer."""
    people = [p for p in export_document(db)["people"] if p.get("organisation")]
    assert people
    return people[0]["id"], people[0]["organisation"]


@pytest.fixture(params=["demo", "generated"])
def history(request, db):  # type: ignore[no-untyped-def]
    load(db, request.param)
    return db


def test_json_imports_refresh_what_they_touch(history):
    db = history
    first = order(db)[0]
    person, employer = a_person(db)
    others = sorted(o for o in kept(db) if o != employer)
    reached_late = next(o for o in others if kept(db)[o] != first["id"])
    quiet = next(o for o in others if o != reached_late)
    # A new earliest collaboration: a person moved to a new organisation speaks at it, an
    # organisation first reached later attends it.
    early = {"organisations": [{"id": "fr-new-1", "name": "Zz First Reach Test One"}],
             "people": [{"id": person, "name": "Moved Person", "organisation": "fr-new-1"}],
             "events": [{"id": "fr-early", "name": "Early", "start": "1999-01-01",
                         "contributors": [{"actor": "fr-new-1", "role": "host"}],
                         "attendance": [{"organisation": reached_late, "attendees": 2}],
                         "speakers": [person]}]}
    with bystander(db, quiet):
        import_document(db, early, allow_similar=True)
    assert kept(db)["fr-new-1"] == kept(db)[reached_late] == "fr-early"
    # The person moves again: fr-new-1 still hosts; a second new organisation reached through
    # the person only, then left by them (only the organisations gathered BEFORE the write
    # can say that it reaches nothing any more).
    for moved, batches in (("fr-new-2", False), ("fr-new-3", False), ("fr-new-4", True)):
        doc = {"organisations": [{"id": moved, "name": f"Zz First Reach Test {moved}"}],
               "people": [{"id": person, "name": "Moved Person", "organisation": moved}]}
        with bystander(db, quiet):
            import_document(db, doc, allow_similar=True, batches=batches)
        assert kept(db)[moved] == "fr-early"
    assert "fr-new-2" not in kept(db)
    assert "fr-new-3" not in kept(db)
    # An existing collaboration moved to before every other, in a batched import.
    latest = order(db)[-1]
    reaching = set(db.read_value("first_reach/candidates", events=[latest["id"]], people=[],
                                 organisations=[]))
    quiet = next(o for o in sorted(kept(db)) if o not in reaching)
    with bystander(db, quiet):
        import_document(db, {"events": [{"id": latest["id"], "name": "Moved",
                                         "start": "1990-01-01"}]}, batches=True)
    assert order(db)[0]["id"] == latest["id"]


def test_a_failed_batched_import_leaves_first_reach_as_it_was(history):
    """Its undo recomputes only what its journal names (the batches never change FirstReach;
    tests/test_batched_imports.py checks a backup restored half-way, whose kept values describe
    the half-written data, and an undo interrupted in turn)."""
    db = history
    import_document(db, {"events": [{"id": "fr-b", "name": "B", "start": "1999-01-01"},
                                    {"id": "fr-a", "name": "A", "start": "1999-01-01",
                                     "parent": "fr-b"}]})
    before = kept(db)
    first = order(db)[1]["id"]
    # fr-b under fr-a, which is under fr-b in the database: a cycle found in the last
    # transaction, after every batch was written; everything is rolled back.
    doc = {"organisations": [{"id": "fr-new-1", "name": "Zz First Reach Test One"}],
           "events": [{"id": "fr-b", "name": "B", "start": "1999-01-01", "parent": "fr-a",
                       "attendance": [{"organisation": "fr-new-1", "attendees": 1}]},
                      {"id": first, "name": "First", "start": "1990-01-01"}]}
    reaching = set(db.read_value("first_reach/candidates", events=[first], people=[],
                                 organisations=[]))
    quiet = next(o for o in sorted(before) if o not in reaching)
    with bystander(db, quiet), pytest.raises(Problems, match="its own ancestor"):
        import_document(db, doc, allow_similar=True, batches=True)
    assert kept(db) == before


def test_merges_undone_erasures_and_the_register(history, tmp_path):
    db = history
    person, employer = a_person(db)
    reached = sorted(o for o in kept(db) if o != employer)
    source, target, quiet = reached[0], reached[1], reached[2]
    with bystander(db, quiet):
        done = merges.merge(db, source, target)
    with bystander(db, quiet):
        merges.unmerge(db, done["merge"])
    assert source in kept(db)
    assert target in kept(db)
    with bystander(db, quiet):
        privacy.erase_person(db, person)
    # The register sets register properties and adds organisations that reach nothing: it
    # recomputes nobody, not even an organisation it names.
    path = write_register_csv(tmp_path / "list.csv", [
        (quiet, "Renamed By The Register", "Wales", "Wales", "Police force"),
        ("fr-reg-new", "Zz Register Only", "England", "London", "Police force")])
    with bystander(db, quiet):
        import_csv(db, path, "Code", "Name", "Country", "Area", "Kind")
    assert "fr-reg-new" not in kept(db)


def test_spreadsheet_imports_refresh_what_they_touch(db, tmp_path):
    seed(db)
    import_document(db, {"organisations": [{"id": "fr-quiet", "name": "Zz Quiet Body"}],
                         "events": [{"id": "fr-old", "name": "Old", "start": "2020-01-01",
                                     "attendance": [{"organisation": "fr-quiet",
                                                     "attendees": 1}]}]},
                    allow_similar=True)
    path = tmp_path / "programme.csv"
    path.write_text("Date,Name,Parent event,Host,Speakers' organisations\n"
                    "2019-05-01,Earlier meet-up,,Welsh Government,Cardiff Council\n"
                    "2019-05-01,Earlier talk,Earlier meet-up,,Ministry of Justice\n")
    with bystander(db, "fr-quiet"):
        result = sheets.import_programme(db, path)
    assert result["written"], result
    assert kept(db)["cardiff"] == kept(db)["wg"] == kept(db)["moj"] == \
        next(e["id"] for e in result["events"] if e["name"] == "Earlier meet-up")
    attendees = tmp_path / "attendees.csv"
    attendees.write_text("Name,Email,Organisation\n"
                         "Ann Analyst,ann@ons.gov.uk,Office for National Statistics\n"
                         "Dai Data,dai@datacymru.net,Data Cymru\n")
    with bystander(db, "wg"):  # fr-quiet attended fr-old: the import looks at it again
        result = sheets.import_attendance(db, attendees, "fr-old")
    assert result["written"], result
    assert kept(db)["ons"] == kept(db)["data-cymru"] == "fr-old"


# -- the timeline ---------------------------------------------------------------------------

def extended_from(before: list[Any], after: list[Any]) -> bool:
    """True when `after` kept `before`'s Step objects: it was extended, not replayed."""
    return len(after) > len(before) and all(a is b for a, b in zip(before, after,
                                                                    strict=False))


def replayed(db: Database) -> list[Any]:
    return read(db, growth.replayed).steps


def test_an_import_of_later_collaborations_extends_the_timeline(history):
    db = history
    cache.clear()
    before = growth.timeline(db)
    last = order(db)[-1]
    hosts = sorted(kept(db))[:2]
    doc = {"organisations": [{"id": "fr-new-1", "name": "Zz First Reach Test One"}],
           "people": [{"id": "fr-p1", "name": "New Speaker", "organisation": "fr-new-1"}],
           "events": [{"id": "fr-late", "name": "Late", "start": "2099-01-01",
                       "contributors": [{"actor": hosts[0], "role": "host"},
                                        {"actor": hosts[1], "role": "speaker"}]},
                      {"id": "fr-late-s", "name": "Late session", "start": "2099-01-02",
                       "parent": "fr-late", "speakers": ["fr-p1"],
                       "contributors": [{"actor": "fr-new-1", "role": "speaker"}]}]}
    import_document(db, doc, allow_similar=True)
    after = growth.timeline(db)
    assert extended_from(before, after)
    assert after[-1].event == "fr-late"
    assert after[-2].event == last["id"]
    assert "fr-new-1" in after[-1].newly_reached
    assert after == replayed(db)
    assert mismatches(db) == []
    # A document that also changes an existing person is not only an append: replayed.
    person, _ = a_person(db)
    import_document(db, {"people": [{"id": person, "name": "Renamed"}],
                         "events": [{"id": "fr-later", "name": "Later", "start": "2099-02-01",
                                     "contributors": [{"actor": hosts[0], "role": "host"}]}]},
                    allow_similar=True)
    again = growth.timeline(db)
    assert not extended_from(after, again)
    assert again == replayed(db)
    # An import of a collaboration that is not last replays too.
    import_document(db, {"events": [{"id": "fr-mid", "name": "Mid", "start": "2099-01-15",
                                     "contributors": [{"actor": hosts[1], "role": "host"}]}]})
    mid = growth.timeline(db)
    assert not extended_from(again, mid)
    assert mid == replayed(db)


def test_a_programme_of_later_collaborations_extends_the_timeline(db, tmp_path):
    seed(db)
    cache.clear()
    before = growth.timeline(db)
    path = tmp_path / "programme.csv"
    path.write_text("Date,Name,Parent event,Host,Speakers' organisations\n"
                    "2030-05-01,Later meet-up,,Welsh Government,Cardiff Council\n"
                    "2030-05-01,Later talk,Later meet-up,,Ministry of Justice\n")
    assert sheets.import_programme(db, path)["written"]
    after = growth.timeline(db)
    assert extended_from(before, after)
    assert after == replayed(db)
    assert mismatches(db) == []
