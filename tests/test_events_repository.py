"""Events repository on the real database: logging in one transaction, editing, listing,
deleting, feedback, and the audit of each write."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.events_helpers import attendance, contributor, form_data, seed, session, speaker
from tracker.problems import Problems
from tracker.repositories import audit as audit_repo
from tracker.repositories import events
from tracker.repositories.graph import import_document
from tracker.text import slugify

D = dt.date


def _event_ids(db) -> set[str]:
    return {e["id"] for e in events.list_events(db, sessions=True, per_page=1000)["items"]}


def _log_showcase(db) -> str:
    return events.save(db, form_data(
        contributors=[contributor("dsc", "Data Science Community", "host"),
                      contributor("rap", "RAP Network", "co-host"),
                      contributor("", "Splink Users Group", "speaker")],
        attendance=[attendance("moj", "Ministry of Justice", 120),
                    attendance("", "Welsh Government", 30),
                    attendance("", "Brand New Council", 7)],
        sessions=[session("Day two: the data science toolshed", D(2023, 11, 15)),
                  session("Splink in Action", D(2023, 11, 16), sid="splink")],
        speakers=[speaker("ann", "Ann Speaker"), speaker("", "Cara New")]))


def test_logging_a_collaboration_writes_everything_in_one_go(db):
    seed(db)
    eid = _log_showcase(db)
    assert eid == "showcase-2023"
    e = events.get(db, eid)
    assert e is not None
    assert e["event"]["name"] == "Showcase 2023"
    assert e["event"]["start"] == "2023-11-14"
    roles = {(c["actor"], c["role"]) for c in e["contributors"]}
    assert roles == {("dsc", "host"), ("rap", "co-host"), ("splink-users-group", "speaker")}
    # A typed name that exists is reused; an unknown one becomes a new organisation.
    by_org = {a["organisation"]: a["attendees"] for a in e["attendance_by_organisation"]}
    assert by_org == {"moj": 120, "wg": 30, "brand-new-council": 7}
    assert e["attendance_total"] == 157
    assert [s["name"] for s in e["sessions"]] == ["Day two: the data science toolshed",
                                                  "Splink in Action"]
    assert {s["id"] for s in e["sessions"]} == {"showcase-2023-day-two-the-data-science-toolshed",
                                                "splink"}
    assert {p["id"] for p in e["speakers"]} == {"ann", "cara-new"}
    new_kind = next(c["kind"] for c in e["contributors"] if c["actor"] == "splink-users-group")
    assert new_kind == "Organisation"


def test_every_part_of_the_write_is_audited(db):
    seed(db)
    eid = _log_showcase(db)
    trail = audit_repo.list_entries(db, per_page=100)["items"]
    made = {(a["entity"], a["entity_id"], a["action"]) for a in trail}
    assert ("event", eid, "create") in made
    assert ("event", "splink", "create") in made
    assert ("organisation", "brand-new-council", "create") in made
    assert ("person", "cara-new", "create") in made
    event_entry = next(a for a in trail if a["entity_id"] == eid)
    assert event_entry["changes"]["name"] == "Showcase 2023"


def test_new_ids_are_numbered_past_those_in_use(db):
    seed(db, {"organisations": [{"id": "new-body", "name": "Something else"}]})
    first = events.save(db, form_data(
        contributors=[contributor("", "New Body", "partner")]))
    second = events.save(db, form_data())
    assert (first, second) == ("showcase-2023", "showcase-2023-2")
    e = events.get(db, first)
    assert e["contributors"][0]["actor"] == "new-body-2"


def test_a_duplicate_event_id_is_a_field_error_and_writes_nothing(db):
    seed(db)
    events.save(db, form_data(id="showcase"))
    version = db.data_version()
    with pytest.raises(Problems) as caught:
        events.save(db, form_data(id="showcase", name="Other", contributors=[
            contributor("", "Never Written Ltd", "host")]))
    assert [p for p, _ in caught.value.items] == ["id"]
    assert db.data_version() == version
    assert events.get(db, "showcase")["event"]["name"] == "Showcase 2023"


def test_a_session_id_used_by_another_event_is_a_field_error(db):
    seed(db)
    events.save(db, form_data(id="other", name="Other"))
    with pytest.raises(Problems) as caught:
        events.save(db, form_data(sessions=[session("A", D(2023, 11, 14)),
                                            session("B", D(2023, 11, 14), sid="other")]))
    assert [p for p, _ in caught.value.items] == ["sessions-1-id"]
    assert _event_ids(db) == {"other"}


def test_a_picked_actor_that_vanished_and_a_network_as_attendee_are_field_errors(db):
    seed(db)
    with pytest.raises(Problems) as caught:
        events.save(db, form_data(contributors=[contributor("gone", "Gone Org", "host")],
                                  attendance=[attendance("rap", "RAP Network", 3)]))
    paths = sorted(p for p, _ in caught.value.items)
    assert paths == ["attendance-0-organisation_name", "contributors-0-actor_name"]
    assert _event_ids(db) == set()


def test_the_same_contributor_picked_and_typed_is_a_duplicate(db):
    seed(db)
    with pytest.raises(Problems) as caught:
        events.save(db, form_data(contributors=[
            contributor("moj", "Ministry of Justice", "host"),
            contributor("", "Ministry of Justice", "host")]))
    assert [p for p, _ in caught.value.items] == ["contributors-1-actor_name"]


def test_no_event_can_become_its_own_ancestor(db):
    seed(db)
    events.save(db, form_data(id="top", sessions=[session("Child", D(2023, 11, 14),
                                                           sid="child")]))
    data = form_data(name="Top again", parent="child", parent_name="Child")
    with pytest.raises(Problems) as caught:
        events.save(db, data, "top")
    assert [p for p, _ in caught.value.items] == ["parent_name"]
    assert events.get(db, "top")["ancestors"] == []


def test_failure_injected_at_the_end_of_the_write_leaves_nothing_of_the_event(db):
    """The importer's last step (the cycle check, after every batch was written) fails:
    the whole transaction, new organisations and people included, is rolled back."""
    seed(db)
    events.save(db, form_data(id="a", name="A", sessions=[session("B", D(2023, 1, 1),
                                                                  sid="b")]))
    version = db.data_version()
    doc, audit = events.plan(db, form_data(
        id="fresh", name="Fresh",
        contributors=[contributor("moj", "Ministry of Justice", "host"),
                      contributor("", "Rolled Back Org", "partner")],
        attendance=[attendance("wg", "Welsh Government", 5)],
        speakers=[speaker("", "Rolled Back Person")]))
    # The last part of the document makes the existing event A a session of its own session B.
    doc["events"].append({"id": "a", "name": "A", "start": "2023-01-01", "parent": "b"})
    with pytest.raises(Problems) as caught:
        import_document(db, doc, audit=audit)
    assert "own ancestor" in " ".join(caught.value.messages)
    assert db.data_version() == version
    assert events.get(db, "fresh") is None
    assert events.find_organisation(db, "Rolled Back Org") == []
    assert events.get(db, "a")["ancestors"] == []
    trail = audit_repo.list_entries(db, per_page=200)["items"]
    assert not any(a["entity_id"] in ("fresh", "rolled-back-org") for a in trail)
    exported = json.dumps(db.read("interchange/export_people"))
    assert "Rolled Back Person" not in exported


def test_editing_replaces_the_rows_but_keeps_feedback_attendees_and_session_rows(db):
    seed(db)
    eid = _log_showcase(db)
    # Feedback and individual attendees come from elsewhere; a session has its own speaker.
    events.set_feedback(db, eid, "moj", 5, True, "Great")
    import_document(db, {"events": [{"id": "splink", "name": "Splink in Action",
                                     "start": "2023-11-16", "parent": eid,
                                     "contributors": [{"actor": "moj", "role": "host"}]}]})
    import_document(db, {"events": [{"id": eid, "name": "Showcase 2023",
                                     "start": "2023-11-14", "attendees": ["bob"]}]})
    before = events.get(db, eid)
    data = events.form_data(before)
    data["contributors"] = [contributor("wg", "Welsh Government", "curator")]
    data["attendance"] = [attendance("moj", "Ministry of Justice", 99)]
    data["sessions"] = [s for s in data["sessions"] if s["id"] == "splink"]
    data["name"] = "Showcase 2023 (edited)"
    for key in ("contributors", "attendance", "sessions", "speakers"):
        data[key] = [dict(r, _row=i) for i, r in enumerate(data[key])]
    assert events.save(db, data, eid) == eid
    after = events.get(db, eid)
    assert after["event"]["name"] == "Showcase 2023 (edited)"
    own = {(c["actor"], c["role"]) for c in after["contributors"] if c["event"] == eid}
    assert own == {("wg", "curator")}
    assert ("moj", "host") in {(c["actor"], c["role"]) for c in after["contributors"]
                               if c["event"] == "splink"}
    assert [(a["organisation"], a["attendees"]) for a in after["own_attendance"]] == [
        ("moj", 99)]
    assert [f["organisation"] for f in after["feedback"]] == ["moj"]
    assert [p["id"] for p in after["attendees"]] == ["bob"]
    # A session row left out of the edit form is not deleted (that happens on its own page).
    assert {s["id"] for s in after["sessions"]} == {s["id"] for s in before["sessions"]}


def test_list_filters_sorts_and_pages(db):
    seed(db)
    events.save(db, form_data(id="e2022", name="Meet-up", start=D(2022, 5, 1), end=None,
                              contributors=[contributor("rap", "", "host")],
                              sessions=[session("Talk", D(2022, 5, 1), sid="talk")]))
    events.save(db, form_data(id="e2023", name="Showcase", start=D(2023, 11, 14),
                              contributors=[contributor("dsc", "", "host")],
                              attendance=[attendance("moj", "", 10)]))
    import_document(db, {"events": [{"id": "talk", "name": "Talk", "start": "2022-05-01",
                                     "parent": "e2022", "contributors": [
                                         {"actor": "moj", "role": "speaker"}],
                                     "attendance": [{"organisation": "wg",
                                                     "attendees": 4}]}]})
    ids = lambda page: [e["id"] for e in page["items"]]  # noqa: E731
    assert ids(events.list_events(db)) == ["e2023", "e2022"]
    assert ids(events.list_events(db, sort="start_asc")) == ["e2022", "e2023"]
    assert ids(events.list_events(db, sort="name_asc")) == ["e2022", "e2023"]
    assert ids(events.list_events(db, sort="no such sort")) == ["e2023", "e2022"]
    assert ids(events.list_events(db, sessions=True, sort="start_asc")) == [
        "e2022", "talk", "e2023"]
    assert ids(events.list_events(db, year=2022)) == ["e2022"]
    assert ids(events.list_events(db, q="SHOW")) == ["e2023"]
    # A contributor of a session counts for its collaboration.
    assert ids(events.list_events(db, actor="moj", role="speaker")) == ["e2022"]
    assert ids(events.list_events(db, actor="ministry of justice")) == ["e2022"]
    assert ids(events.list_events(db, actor="dsc")) == ["e2023"]
    assert ids(events.list_events(db, role="host")) == ["e2023", "e2022"]
    assert ids(events.list_events(db, role="sponsor")) == []
    first = events.list_events(db, per_page=1)
    second = events.list_events(db, per_page=1, page=2)
    assert (first["total"], first["pages"], ids(first), ids(second)) == (2, 2, ["e2023"],
                                                                          ["e2022"])
    row = next(e for e in events.list_events(db)["items"] if e["id"] == "e2022")
    assert (row["sessions"], row["contributors"], row["attendees"]) == (1, 2, 4)
    assert events.years(db) == [2023, 2022]


def test_delete_removes_the_event_and_its_sessions_and_nothing_else(db):
    seed(db)
    eid = _log_showcase(db)
    preview = events.delete_preview(db, eid)
    assert len(preview["sessions"]) == 2
    assert preview["contributions"] == 3
    assert preview["attendance"] == 3
    deleted = events.delete(db, eid)
    assert set(deleted) == {eid, "splink", "showcase-2023-day-two-the-data-science-toolshed"}
    assert _event_ids(db) == set()
    assert events.find_organisation(db, "Brand New Council")  # organisations stay
    trail = audit_repo.list_entries(db, entity="event")["items"]
    assert ("splink", "delete") in {(a["entity_id"], a["action"]) for a in trail}


def test_feedback_is_set_replaced_and_removed(db):
    seed(db)
    eid = _log_showcase(db)
    assert events.set_feedback(db, eid, "moj", 4, True, "<b>good</b>")
    assert events.set_feedback(db, eid, "moj", 2, False, None)
    fb = events.get(db, eid)["feedback"]
    assert [(f["organisation"], f["rating"], f["work_together_again"]) for f in fb] == [
        ("moj", 2, False)]
    assert not events.set_feedback(db, eid, "nobody", 3, True, None)
    assert events.delete_feedback(db, eid, "moj")
    assert events.get(db, eid)["feedback"] == []


def test_slugify_keeps_ids_ascii_and_never_empty():
    assert slugify("Llywodraeth Cymru / Welsh Government") == \
        "llywodraeth-cymru-welsh-government"
    assert slugify("Université de Montréal") == "universite-de-montreal"
    assert slugify("日本", "organisation") == "organisation"
    assert len(slugify("x" * 500)) <= 60
