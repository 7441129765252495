"""Each organisation's first reaching collaboration, kept at write time (issue 16): after every
kind of write that can change it the kept value equals a replay of the whole history
(``collaborations/first_reach``), and the growth timeline reads the kept values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.events_helpers import attendance, contributor, form_data, speaker
from tracker.db import value
from tracker.repositories import backup, collaborations, events, merges, privacy
from tracker.repositories.graph import import_document
from tracker.repositories.organisations import ORGANISATIONS
from tracker.repositories.people import PEOPLE
from tracker.services import growth
from tracker.services.cache import cache

D = dt.date

DOC: dict[str, Any] = {
    "organisations": [{"id": f"o{i}", "name": name} for i, name in enumerate(
        ["Alder Council", "Birch Trust", "Cedar Office", "Damson Agency", "Elm Board",
         "Fir Institute"], start=1)],
    "people": [{"id": "p1", "name": "Pat Speaker", "organisation": "o4"},
               {"id": "p2", "name": "Sam Attender", "organisation": "o5"}],
    "events": [
        {"id": "e1", "name": "First", "start": "2024-01-10",
         "contributors": [{"actor": "o1", "role": "host"}]},
        {"id": "s1", "name": "First, day two", "start": "2024-01-11", "parent": "e1",
         "attendance": [{"organisation": "o2", "attendees": 5}]},
        {"id": "e2", "name": "Second", "start": "2024-03-01",
         "contributors": [{"actor": "o2", "role": "host"}, {"actor": "o3", "role": "speaker"}],
         "speakers": ["p1"]},
        {"id": "e3", "name": "Third", "start": "2024-05-01",
         "contributors": [{"actor": "o3", "role": "host"}], "attendees": ["p2"]},
    ],
}


def kept(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Organisation -> its kept first reaching collaboration, checked against a replay."""
    rows = db.read_tx(collaborations.first_reach_kept)
    assert rows is not None, "the first reaching collaborations are not kept"
    assert db.read_tx(collaborations.first_reach_mismatches) == []
    return {o: r["collaboration"] for r in rows for o in r["organisations"]}


def edit(db, event_id: str, **changes: Any) -> None:  # type: ignore[no-untyped-def]
    """Save an event through the form's path with some fields changed."""
    data = {**events.form_data(events.get(db, event_id)), **changes}
    for key in ("contributors", "attendance", "sessions", "speakers"):
        data[key] = [dict(r, _row=i) for i, r in enumerate(data.get(key) or [])]
    events.save(db, data, event_id)


@pytest.fixture
def history(db):  # type: ignore[no-untyped-def]
    import_document(db, DOC, allow_similar=True)
    return db


def test_an_import_keeps_every_first_reach(history):
    assert kept(history) == {"o1": "e1", "o2": "e1", "o3": "e2", "o4": "e2", "o5": "e3"}


def test_a_new_earlier_collaboration(history):
    events.save(history, form_data(name="Zeroth", start=D(2023, 12, 1), end=D(2023, 12, 1),
                                   contributors=[contributor("o3", "", "host")],
                                   attendance=[attendance("o6", "", 3)]))
    found = kept(history)
    assert found["o3"] == found["o6"] != "e2"


def test_editing_a_collaboration_date_and_its_rows(history):
    edit(history, "e3", start=D(2023, 6, 1), end=D(2023, 6, 1))
    assert kept(history)["o3"] == "e3"
    assert kept(history)["o5"] == "e3"
    # p1 no longer speaks (o4 is reached by nothing), o6 speaks instead of o3
    edit(history, "e2", speakers=[],
         contributors=[contributor("o2", "", "host"), contributor("o6", "", "speaker")])
    found = kept(history)
    assert "o4" not in found
    assert found["o6"] == "e2"


def test_deleting_a_collaboration_and_a_session(history):
    events.delete(history, "s1")
    assert kept(history)["o2"] == "e2"
    events.delete(history, "e1")
    found = kept(history)
    assert "o1" not in found
    assert found["o2"] == "e2"


def test_people_joining_moving_and_leaving(history):
    PEOPLE.create(history, "p3", {"name": "New Hire", "organisation": "o6"})
    assert "o6" not in kept(history)
    PEOPLE.update(history, "p1", {"name": "Pat Speaker", "organisation": "o6"})
    found = kept(history)
    assert found["o6"] == "e2"
    assert "o4" not in found
    PEOPLE.delete(history, "p2")
    assert "o5" not in kept(history)
    events.save(history, form_data(name="Talk", start=D(2024, 2, 1), end=D(2024, 2, 1),
                                   contributors=[contributor("o1", "", "host")],
                                   speakers=[speaker("p3", "")]))
    assert kept(history)["o6"] != "e2"


def test_deleting_an_organisation(history):
    ORGANISATIONS.delete(history, "o3")
    assert "o3" not in kept(history)


def test_a_merge_and_its_undo(history):
    done = merges.merge(history, "o5", "o1")  # o1 keeps o5's people and attendance
    assert kept(history)["o1"] == "e1"
    done = merges.merge(history, "o1", "o4")
    assert kept(history)["o4"] == "e1"
    merges.unmerge(history, done["merge"])
    assert kept(history)["o4"] == "e2"


def test_an_erasure(history):
    privacy.erase_person(history, "p1")
    assert "o4" not in kept(history)


def test_a_restore(history):
    data = backup.snapshot(history)
    backup.empty(history)
    backup.restore(history, data)
    assert kept(history) == {"o1": "e1", "o2": "e1", "o3": "e2", "o4": "e2", "o5": "e3"}


def test_the_timeline_reads_the_kept_values(history):
    cache.clear()
    steps = growth.timeline(history)
    assert [(s.event, s.newly_reached) for s in steps] == [
        ("e1", ["o1", "o2"]), ("e2", ["o3", "o4"]), ("e3", ["o5"])]


def test_the_check_command(history, cli):
    result = cli("db", "check")
    assert result.exit_code == 0, result.output
    assert "every kept value equals the replay" in result.output
    # A bare write (a restore's batches use them) does not keep anything: the check tells.
    history.run_write(lambda tx: value(tx, "events/delete", id="e1"))
    result = cli("db", "check")
    assert result.exit_code == 1
    assert "First reach of o1: kept e1, replayed None" in result.output
    result = cli("db", "check", "--rebuild")
    assert result.exit_code == 0, result.output
