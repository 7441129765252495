"""Version-checked edits: a save over a change made since the form was opened is refused with
who changed it and when, the user's input stays on the form, and nothing is written. Saving
again (the form now carries the newer version) replaces it deliberately. On the real database,
through the real pages."""

from __future__ import annotations

import datetime as dt
import html
import re
import threading

import pytest

from tests.conftest import login, make_user
from tests.events_helpers import attendance, contributor, form_data, seed
from tracker.repositories import events, organisations
from tracker.repositories.graph import import_document
from tracker.repositories.versions import StaleEdit, fingerprint


def _version(page_html: str) -> str:
    found = re.search(r'name="version"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="version"',
                      page_html)
    assert found, "the edit form carries no version"
    return found.group(1) or found.group(2)


@pytest.fixture
def editors(app, db):  # type: ignore[no-untyped-def]
    """Two editors, Ada and Bea, each logged in on their own client."""
    seed(db)
    clients = {}
    for name in ("ada", "bea"):
        make_user(db, "editor", name)
        clients[name] = login(app.test_client(), name)
    return clients


def test_a_stale_organisation_edit_is_refused_with_who_and_when(editors, db):
    ada, bea = editors["ada"], editors["bea"]
    opened = _version(ada.get("/organisations/wg/edit").get_data(as_text=True))
    theirs = _version(bea.get("/organisations/wg/edit").get_data(as_text=True))
    assert opened == theirs
    saved = bea.post("/organisations/wg/edit", data={
        "name": "Welsh Government (Bea)", "nation": "Wales", "version": theirs})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    before = db.data_version()

    refused = ada.post("/organisations/wg/edit", data={
        "name": "Llywodraeth Cymru (Ada)", "website": "https://gov.wales", "version": opened})
    page = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 409
    assert re.search(r"changed by bea at \d{4}-\d\d-\d\d \d\d:\d\d UTC since you opened it", page)
    assert "nothing was saved" in page
    assert "name “Welsh Government (Bea)”" in page  # the saved version, next to hers
    assert 'value="Llywodraeth Cymru (Ada)"' in page  # her input is kept
    assert 'value="https://gov.wales"' in page
    assert db.data_version() == before  # nothing written, no audit entry
    item = organisations.ORGANISATIONS.get(db, "wg")["item"]
    assert item["name"] == "Welsh Government (Bea)"

    # The re-shown form carries the newer version: saving again is her informed decision.
    newer = _version(page)
    assert newer != opened
    again = ada.post("/organisations/wg/edit", data={
        "name": "Llywodraeth Cymru (Ada)", "website": "https://gov.wales", "version": newer})
    assert again.status_code == 302, again.get_data(as_text=True)
    assert organisations.ORGANISATIONS.get(db, "wg")["item"]["name"] == "Llywodraeth Cymru (Ada)"


def test_a_change_by_an_import_also_makes_the_form_stale(editors, db):
    ada = editors["ada"]
    opened = _version(ada.get("/people/ann/edit").get_data(as_text=True))
    import_document(db, {"people": [{"id": "ann", "name": "Ann Importer",
                                     "organisation": "moj"}]})
    refused = ada.post("/people/ann/edit", data={
        "name": "Ann Edited", "organisation": "moj", "version": opened})
    page = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 409
    assert "changed by another tool (an import or a merge) since you opened it" in page
    assert "name “Ann Importer”" in page
    assert db.read_value("people/get", id="ann")["name"] == "Ann Importer"  # the item column


def test_an_unchanged_record_saves_and_a_form_without_version_is_not_checked(editors, db):
    ada = editors["ada"]
    opened = _version(ada.get("/organisations/moj/edit").get_data(as_text=True))
    assert ada.post("/organisations/moj/edit", data={
        "name": "MoJ", "version": opened}).status_code == 302
    assert ada.post("/organisations/moj/edit", data={"name": "MoJ again"}).status_code == 302
    assert organisations.ORGANISATIONS.get(db, "moj")["item"]["name"] == "MoJ again"


def _event(db):  # type: ignore[no-untyped-def]
    return events.save(db, form_data(id="showcase", contributors=[contributor("dsc", "", "host")],
                                     attendance=[attendance("moj", "", 12)]))


def test_a_stale_event_edit_is_refused_and_the_form_keeps_the_input(editors, db):
    ada, bea = editors["ada"], editors["bea"]
    event_id = _event(db)
    opened = _version(ada.get(f"/events/{event_id}/edit").get_data(as_text=True))
    theirs = _version(bea.get(f"/events/{event_id}/edit").get_data(as_text=True))
    common = {"start": "2023-11-14", "contributors-0-actor": "dsc",
              "contributors-0-actor_name": "Data Science Community",
              "contributors-0-role": "host"}
    saved = bea.post(f"/events/{event_id}/edit", data=dict(
        common, name="Showcase (Bea)", **{"attendance-0-organisation": "moj",
                                         "attendance-0-organisation_name": "Ministry of Justice",
                                         "attendance-0-attendees": "40"}, version=theirs))
    assert saved.status_code == 302, saved.get_data(as_text=True)
    before = db.data_version()

    refused = ada.post(f"/events/{event_id}/edit", data=dict(
        common, name="Showcase (Ada)", **{"attendance-0-organisation": "wg",
                                         "attendance-0-organisation_name": "Welsh Government",
                                         "attendance-0-attendees": "7"}, version=opened))
    page = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 409
    assert re.search(r"This event was changed by bea at .+ UTC since you opened it", page)
    assert 'value="Showcase (Ada)"' in page
    assert 'value="Welsh Government"' in page
    assert db.data_version() == before
    e = events.get(db, event_id)
    assert e["event"]["name"] == "Showcase (Bea)"
    assert [(a["organisation"], a["attendees"]) for a in e["own_attendance"]] == [("moj", 40)]
    again = ada.post(f"/events/{event_id}/edit", data=dict(
        common, name="Showcase (Ada)", version=_version(page)))
    assert again.status_code == 302, again.get_data(as_text=True)


def test_renaming_an_organisation_does_not_make_an_open_event_form_stale(editors, db):
    event_id = _event(db)
    opened = events.version(events.get(db, event_id))
    organisations.ORGANISATIONS.update(db, "moj", {"name": "MoJ"})
    assert events.version(events.get(db, event_id)) == opened


@pytest.mark.parametrize("kind", ["organisation", "event"])
def test_two_saves_of_one_version_at_the_same_moment_one_wins(editors, db, kind):
    """Both read the same version; the record lock orders them, so the second is refused."""
    event_id = _event(db)
    if kind == "organisation":
        opened = organisations.ORGANISATIONS.version(organisations.ORGANISATIONS.get(db, "wg"))

        def save(n: int) -> None:
            organisations.ORGANISATIONS.update(db, "wg", {"name": f"Editor {n}"}, version=opened)
    else:
        opened = events.version(events.get(db, event_id))

        def save(n: int) -> None:
            events.save(db, form_data(id=event_id, name=f"Editor {n}",
                                      start=dt.date(2023, 11, 14), end=None,
                                      contributors=[contributor("dsc", "", "host")]),
                        event_id, version=opened)

    barrier = threading.Barrier(4)
    outcomes: dict[int, str] = {}

    def editor(n: int) -> None:
        barrier.wait()
        try:
            save(n)
            outcomes[n] = "saved"
        except StaleEdit:
            outcomes[n] = "stale"
        except Exception as exc:  # anything else is a failure of the test
            outcomes[n] = f"unexpected {type(exc).__name__}: {exc}"

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["saved", "stale", "stale", "stale"], outcomes
    winner = next(n for n, o in outcomes.items() if o == "saved")
    name = (organisations.ORGANISATIONS.get(db, "wg")["item"]["name"] if kind == "organisation"
            else events.get(db, event_id)["event"]["name"])
    assert name == f"Editor {winner}"


def test_the_fingerprint_covers_every_field():
    assert fingerprint({"name": "A", "nation": None}) != fingerprint({"name": "A"})
