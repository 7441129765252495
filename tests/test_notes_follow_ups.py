"""Notes and follow-ups on organisations, people and events (issue 17, item 2), on the real
database: repositories, the timeline, feedback's automatic follow-up, pages and roles, the CLI,
the interchange sections, erasure and the dashboard."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest

from tests.conftest import login, make_user
from tests.events_helpers import seed
from tracker.model import MAX_NAME, MAX_NOTE
from tracker.problems import Problems
from tracker.repositories import audit as audit_repo
from tracker.repositories import events as events_repo
from tracker.repositories import follow_ups, merges, notes, privacy, timeline
from tracker.repositories.graph import export_document, import_document
from tracker.services import imports

EVENTS = {"events": [
    {"id": "showcase", "name": "Showcase", "start": "2023-11-14",
     "contributors": [{"actor": "moj", "role": "host"}],
     "attendance": [{"organisation": "wg", "attendees": 12}], "speakers": ["ann"]},
    {"id": "meetup", "name": "Meetup", "start": "2024-03-01",
     "contributors": [{"actor": "moj", "role": "speaker"}]},
]}
TODAY = dt.date.today()


def audit_text(db) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(audit_repo.list_entries(db, per_page=500))


@pytest.fixture
def data(db):  # type: ignore[no-untyped-def]
    seed(db, EVENTS)
    return db


# -- repositories -----------------------------------------------------------------------------
def test_a_note_is_added_changed_and_deleted_without_its_text_in_the_audit(data):
    db = data
    added = notes.add(db, "organisation", "moj", "  Spoke to the head of data: keen on 2025.  ",
                      author="editor-user")
    assert added["about_name"] == "Ministry of Justice"
    note = notes.get(db, added["id"])
    assert note is not None
    assert note["text"] == "Spoke to the head of data: keen on 2025."  # trimmed, kept as typed
    assert note["author"] == "editor-user"
    assert note["created_at"].startswith(str(TODAY)[:4])
    assert notes.may_change(note, "editor-user", "editor")
    assert not notes.may_change(note, "someone-else", "editor")
    assert not notes.may_change(note, "editor-user", "viewer")
    assert notes.may_change(note, "someone-else", "admin")
    notes.update(db, added["id"], "Keen on 2025, call in May.")
    changed = notes.get(db, added["id"])
    assert changed is not None
    assert changed["text"] == "Keen on 2025, call in May."
    assert changed["updated_at"]
    # The audit says what happened to which record, never what the note said.
    text = audit_text(db)
    assert "organisation moj" in text
    assert "head of data" not in text
    assert "call in May" not in text
    assert notes.delete(db, added["id"]) is True
    assert notes.get(db, added["id"]) is None
    assert notes.delete(db, added["id"]) is False


def test_bad_notes_are_refused_and_write_nothing(data):
    db = data
    entries = len(audit_repo.list_entries(db, per_page=500)["items"])
    with pytest.raises(Problems) as caught:
        notes.add(db, "organisation", "nobody", "text")
    assert caught.value.items == [("about", "There is no organisation with the id 'nobody'.")]
    with pytest.raises(Problems) as caught:
        notes.add(db, "organisation", "moj", "x" * (MAX_NOTE + 1))
    assert caught.value.paths == ["text"]
    with pytest.raises(Problems):
        notes.add(db, "memo", "moj", "   ")
    assert notes.listing(db)["total"] == 0
    assert len(audit_repo.list_entries(db, per_page=500)["items"]) == entries


def test_the_timeline_mixes_notes_events_and_merges_newest_first_in_pages(data):
    db = data
    import_document(db, {"organisations": [{"id": "moj-dup", "name": "MoJ duplicate"}]},
                    allow_similar=True)
    notes.add(db, "organisation", "moj", "first note", author="a")
    merges.merge(db, "moj-dup", "moj")
    notes.add(db, "organisation", "moj", "second note", author="b")
    first = timeline.page(db, "organisation", "moj", 1, per_page=2)
    assert first["total"] == 5
    assert first["pages"] == 3
    assert [(i["kind"], i.get("text")) for i in first["entries"]] == [
        ("note", "second note"), ("merge", None)]
    rest = timeline.page(db, "organisation", "moj", 2, per_page=2)["entries"] + \
        timeline.page(db, "organisation", "moj", 3, per_page=2)["entries"]
    assert [(i["kind"], i.get("title") or i.get("text")) for i in rest] == [
        ("note", "first note"), ("event", "Meetup"), ("event", "Showcase")]
    assert rest[1]["detail"] == ["speaker"]
    person = timeline.page(db, "person", "ann")
    assert [(i["kind"], i["title"], i["detail"]) for i in person["entries"]] == [
        ("event", "Showcase", ["spoke"])]


def test_follow_ups_have_an_owner_a_due_date_and_done_with_who_and_when(data):
    db = data
    make_user(db, "editor", "sam")
    with pytest.raises(Problems) as caught:
        follow_ups.add(db, "organisation", "moj", "Call back", "nobody", TODAY)
    assert caught.value.paths == ["owner"]
    with pytest.raises(Problems) as caught:
        follow_ups.add(db, "event", "nope", "Call back", "sam", TODAY)
    assert caught.value.paths == ["about"]
    late = follow_ups.add(db, "organisation", "moj", "Send the slides", "sam",
                          TODAY - dt.timedelta(days=3), user="lee")
    soon = follow_ups.add(db, "event", "showcase", "Book the room", "sam",
                          TODAY + dt.timedelta(days=7))
    mine = follow_ups.listing(db, "mine", user="sam")
    assert [r["id"] for r in mine["rows"]] == [late["id"], soon["id"]]  # by due date
    assert [r["overdue"] for r in mine["rows"]] == [True, False]
    assert follow_ups.listing(db, "mine", user="lee")["total"] == 0
    assert [r["id"] for r in follow_ups.listing(db, "overdue")["rows"]] == [late["id"]]
    done = follow_ups.set_done(db, late["id"], True)
    assert done is not None
    assert done["done_at"]
    assert done["done_by"].startswith("cli:")
    assert follow_ups.listing(db, "overdue")["total"] == 0
    assert [r["id"] for r in follow_ups.listing(db, "done")["rows"]] == [late["id"]]
    again = follow_ups.set_done(db, late["id"], False)
    assert again is not None
    assert again["done_at"] is None
    assert again["done_by"] is None
    assert follow_ups.set_done(db, "missing", True) is None
    assert follow_ups.delete(db, soon["id"])
    assert not follow_ups.delete(db, soon["id"])
    assert "Send the slides" not in audit_text(db)


# -- feedback's follow-up -------------------------------------------------------------------------
def test_feedback_would_work_again_creates_one_follow_up_for_who_recorded_it(data, app,
                                                                             editor_client):
    db = data
    app.config["FOLLOW_UP_DAYS"] = 10
    form = {"organisation": "wg", "organisation_name": "Welsh Government", "rating": "5",
            "work_together_again": "yes", "comment": "Great"}
    for _ in range(2):  # recording the same feedback again adds nothing
        response = editor_client.post("/events/showcase/feedback", data=form)
        assert response.status_code == 302, response.get_data(as_text=True)
    found = follow_ups.listing(db, "all")["rows"]
    assert len(found) == 1
    assert found[0]["owner"] == "editor-user"
    assert found[0]["about"] == "wg"
    assert found[0]["kind"] == "organisation"
    assert found[0]["due"] == str(TODAY + dt.timedelta(days=10))
    assert found[0]["title"] == "Plan the next collaboration with Welsh Government"
    assert found[0]["origin"] == "feedback|showcase|wg"
    # A long organisation name still makes a title any entry path accepts (MAX_NAME).
    import_document(db, {"organisations": [{"id": "long", "name": "L" * MAX_NAME}]},
                    allow_similar=True)
    events_repo.set_feedback(db, "showcase", "long", 4, True, None)
    titles = [r["title"] for r in follow_ups.listing(db, "all")["rows"] if r["about"] == "long"]
    assert [len(t) for t in titles] == [MAX_NAME]
    assert json.dumps(export_document(db))  # and the export imports again:
    import_document(db, export_document(db))
    # "Would not" makes none.
    events_repo.set_feedback(db, "meetup", "wg", 2, False, None)
    assert follow_ups.listing(db, "all")["total"] == 2


def test_imported_feedback_makes_its_follow_up_once_in_the_same_transaction(data):
    db = data
    doc = {"events": [{"id": "showcase", "name": "Showcase", "start": "2023-11-14",
                       "feedback": [{"organisation": "moj", "rating": 4,
                                     "work_together_again": True}]}]}
    counts = import_document(db, doc, follow_up_days=3)
    assert counts["follow_ups_from_feedback"] == 1
    import_document(db, doc)
    rows = follow_ups.listing(db, "all")["rows"]
    assert [(r["about"], r["due"], r["owner"][:4]) for r in rows] == [
        ("moj", str(TODAY + dt.timedelta(days=3)), "cli:")]
    # A refused document writes neither the feedback nor a follow-up.
    bad = copy.deepcopy(doc)
    bad["events"][0]["feedback"][0]["organisation"] = "wg"
    bad["events"].append({"id": "x", "name": "X", "start": "soon"})
    with pytest.raises(Problems):
        import_document(db, bad)
    assert follow_ups.listing(db, "all")["total"] == 1


# -- interchange ----------------------------------------------------------------------------------
def test_notes_and_follow_ups_round_trip_through_the_interchange(data):
    db = data
    make_user(db, "editor", "sam")
    notes.add(db, "organisation", "moj", "Org note", author="sam")
    notes.add(db, "person", "ann", "Ann prefers email", author="sam")
    fu = follow_ups.add(db, "event", "showcase", "Write it up", "sam", TODAY)
    follow_ups.set_done(db, fu["id"], True)
    events_repo.set_feedback(db, "showcase", "moj", 5, True, None)
    first = export_document(db)
    assert {n["text"] for n in first["notes"]} == {"Org note", "Ann prefers email"}
    assert {tuple(k for k in ("organisation", "person", "event") if k in n)
            for n in first["notes"]} == {("organisation",), ("person",)}
    assert len(first["follow_ups"]) == 2
    db.clear()
    import_document(db, first)
    assert json.dumps(export_document(db), sort_keys=True) == json.dumps(first, sort_keys=True)
    # Viewers' export: nothing about people.
    public = export_document(db, people=False)
    assert [n["text"] for n in public["notes"]] == ["Org note"]


def test_bad_notes_and_follow_ups_in_a_document_name_their_json_paths(data):
    db = data
    with pytest.raises(Problems) as caught:
        import_document(db, {
            "organisations": [{"id": "new-org", "name": "A brand new body"}],
            "notes": [{"id": "n1", "text": "x", "organisation": "moj", "person": "ann"},
                      {"id": "n2", "text": "", "event": "showcase"},
                      {"id": "n3", "text": "ok", "event": "nowhere",
                       "created_at": "yesterday"}],
            "follow_ups": [{"id": "f1", "title": "t", "organisation": "moj", "due": "soon"},
                           {"id": "f1", "title": "t", "owner": "sam", "due": "2024-01-01",
                            "person": "ann"}]})
    messages = caught.value.messages
    assert "$.notes[0]: must name exactly one of organisation, person or event (what it is " \
           "about)" in messages
    assert "$.notes[1].text: must not be empty" in messages
    assert "$.notes[2].created_at: must be a date and time YYYY-MM-DDTHH:MM[:SS][+HH:MM]" \
        in messages
    assert "$.notes[2].event: unknown event 'nowhere'" in messages
    assert "$.follow_ups[0].owner: is required" in messages
    assert "$.follow_ups[0].due: is required, a date YYYY-MM-DD" in messages
    assert "$.follow_ups[1].id: duplicate id 'f1' (first at $.follow_ups[0])" in messages
    # All or nothing: not even the valid organisation was written.
    assert export_document(db)["notes"] == []
    assert "new-org" not in {o["id"] for o in export_document(db)["organisations"]}


# -- personal data --------------------------------------------------------------------------------
def test_erasure_removes_notes_about_the_person_and_access_export_lists_them(data, cli):
    db = data
    make_user(db, "editor", "sam")
    notes.add(db, "person", "ann", "Ann Zebediah prefers the phone", author="sam")
    follow_ups.add(db, "person", "ann", "Call Ann Quillfeather", "sam", TODAY)
    notes.add(db, "organisation", "moj", "Keep this one", author="sam")
    doc = privacy.export_person(db, "ann")
    assert [n["text"] for n in doc["notes"]] == ["Ann Zebediah prefers the phone"]
    assert [f["title"] for f in doc["follow_ups"]] == ["Call Ann Quillfeather"]
    assert all(r["type"] != "ABOUT" for r in doc["other_relationships"])
    result = cli("people", "erase", "ann", "--yes")
    assert result.exit_code == 0, result.output
    assert "1 note(s) and 1 follow-up(s) removed" in result.output
    stored = "\n".join(db.read_value("privacy/all_text"))
    assert "Zebediah" not in stored
    assert "Quillfeather" not in stored
    assert "Keep this one" in stored
    assert [n["text"] for n in export_document(db)["notes"]] == ["Keep this one"]
    assert export_document(db)["follow_ups"] == []


def test_deleting_a_record_takes_its_notes_and_follow_ups(data):
    db = data
    make_user(db, "editor", "sam")
    notes.add(db, "event", "meetup", "Room was too small", author="sam")
    follow_ups.add(db, "event", "meetup", "Find a bigger room", "sam", TODAY)
    events_repo.delete(db, "meetup")
    stored = "\n".join(db.read_value("privacy/all_text"))
    assert "too small" not in stored
    assert "bigger room" not in stored


# -- pages and roles ------------------------------------------------------------------------------
def test_an_editor_adds_a_note_on_the_page_and_only_its_author_or_an_admin_changes_it(
        data, app, editor_client, client_as):
    db = data
    response = editor_client.post("/notes", data={
        "kind": "organisation", "about": "moj", "back": "/organisations/moj",
        "text": "Met at <script>alert(1)</script> the showcase"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/organisations/moj#activity")
    page = editor_client.get("/organisations/moj").get_data(as_text=True)
    assert "Met at &lt;script&gt;alert(1)&lt;/script&gt; the showcase" in page
    assert "Note by editor-user" in page
    note_id = notes.listing(db)["rows"][0]["id"]
    assert f"/notes/{note_id}/edit" in page
    other = login(app.test_client(), make_user(db, "editor", "other-editor")["username"])
    assert f"/notes/{note_id}/edit" not in other.get("/organisations/moj").get_data(as_text=True)
    assert other.post(f"/notes/{note_id}/edit", data={"text": "hijacked"}).status_code == 403
    assert other.post(f"/notes/{note_id}/delete", data={}).status_code == 403
    admin = client_as("admin")
    assert admin.post(f"/notes/{note_id}/edit", data={"text": "tidied"}).status_code == 302
    assert notes.get(db, note_id)["text"] == "tidied"  # type: ignore[index]
    too_long = editor_client.post("/notes", data={"kind": "organisation", "about": "moj",
                                                  "text": "x" * (MAX_NOTE + 1)})
    assert too_long.status_code == 400
    assert f"at most {MAX_NOTE} characters" in too_long.get_data(as_text=True)
    missing = editor_client.post("/notes", data={"kind": "event", "about": "gone", "text": "t"})
    assert missing.status_code == 400
    assert "There is no event with the id" in missing.get_data(as_text=True)
    assert admin.post(f"/notes/{note_id}/delete", data={"back": "/organisations/moj"}
                      ).status_code == 302
    assert notes.get(db, note_id) is None


def test_viewers_read_organisation_notes_but_write_nothing_and_see_nothing_about_people(
        data, viewer_client):
    db = data
    make_user(db, "editor", "sam")
    notes.add(db, "organisation", "moj", "Visible organisation note", author="sam")
    notes.add(db, "person", "ann", "Private person note", author="sam")
    follow_ups.add(db, "person", "ann", "Private person follow-up", "sam", TODAY)
    follow_ups.add(db, "organisation", "moj", "Visible follow-up", "sam", TODAY)
    page = viewer_client.get("/organisations/moj").get_data(as_text=True)
    assert "Visible organisation note" in page
    assert "Visible follow-up" in page
    assert 'action="/notes"' not in page
    assert "Mark done" not in page
    assert viewer_client.get("/people/ann").status_code == 403
    assert viewer_client.post("/notes", data={"kind": "organisation", "about": "moj",
                                              "text": "no"}).status_code == 403
    fu = follow_ups.listing(db, "all")["rows"][0]["id"]
    assert viewer_client.post(f"/follow-ups/{fu}/done", data={"done": "1"}).status_code == 403
    listing = viewer_client.get("/follow-ups?show=all").get_data(as_text=True)
    assert "Visible follow-up" in listing
    assert "Private person follow-up" not in listing
    csv = viewer_client.get("/follow-ups.csv?show=all").get_data(as_text=True)
    assert "Visible follow-up" in csv
    assert "Private person" not in csv
    exported = json.dumps(viewer_client.get("/api/v1/export").get_json())
    assert "Visible organisation note" in exported
    assert "Private person" not in exported


def test_follow_ups_are_added_completed_and_listed_from_the_pages(data, editor_client):
    db = data
    response = editor_client.post("/follow-ups", data={
        "kind": "event", "about": "showcase", "back": "/events/showcase", "title": "Send survey",
        "owner": "editor-user", "due": str(TODAY - dt.timedelta(days=1))})
    assert response.status_code == 302, response.get_data(as_text=True)
    page = editor_client.get("/events/showcase").get_data(as_text=True)
    assert "Send survey" in page
    assert "Overdue" in page
    bad = editor_client.post("/follow-ups", data={
        "kind": "event", "about": "showcase", "title": "x", "owner": "ghost", "due": str(TODAY)})
    assert bad.status_code == 400
    assert "There is no user called" in bad.get_data(as_text=True)
    fu = follow_ups.listing(db, "all")["rows"][0]["id"]
    mine = editor_client.get("/follow-ups").get_data(as_text=True)  # "mine" by default
    assert "Send survey" in mine
    response = editor_client.post(f"/follow-ups/{fu}/done",
                                  data={"done": "1", "back": "/follow-ups?show=overdue"})
    assert response.headers["Location"].endswith("/follow-ups?show=overdue")
    assert "Send survey" not in editor_client.get("/follow-ups?show=overdue").get_data(
        as_text=True)
    done = editor_client.get("/follow-ups?show=done").get_data(as_text=True)
    assert "Send survey" in done
    assert "by editor-user" in done
    csv = editor_client.get("/follow-ups.csv?show=done")
    assert csv.headers["Content-Disposition"] == 'attachment; filename="follow-ups-done.csv"'
    lines = csv.get_data(as_text=True).splitlines()
    assert lines[0].startswith("id,title,owner,due,kind,about,about_name,done_at,done_by")
    assert len(lines) == 2


def test_the_dashboard_counts_my_follow_ups_and_the_overdue_ones(data, editor_client):
    db = data
    make_user(db, "editor", "sam")
    for days in (-2, -1, 5):
        follow_ups.add(db, "organisation", "moj", f"Mine {days}", "editor-user",
                       TODAY + dt.timedelta(days=days))
    follow_ups.add(db, "organisation", "wg", "Sam's late one", "sam",
                   TODAY - dt.timedelta(days=9))
    page = editor_client.get("/").get_data(as_text=True)
    numbers = dict(re.findall(r'data-number="(\w+_follow_ups)">(\d+)<', page))
    assert numbers == {"my_follow_ups": "3", "overdue_follow_ups": "3"}
    assert "Sam's late one" in page or "Sam&#39;s late one" in page
    assert "/follow-ups?show=overdue" in page
    # The page behind the count lists everyone's overdue follow-ups, like the dashboard.
    overdue = editor_client.get("/follow-ups?show=overdue").get_data(as_text=True)
    assert "late one" in overdue
    assert "3 follow-ups." in overdue


# -- CLI -----------------------------------------------------------------------------------------
def test_cli_adds_and_lists_notes_and_lists_follow_ups(data, cli):
    db = data
    make_user(db, "editor", "sam")
    result = cli("notes", "add", "--organisation", "moj", "Called them about 2025",
                 "--author", "sam")
    assert result.exit_code == 0, result.output
    assert "to organisation Ministry of Justice (moj)" in result.output
    listed = cli("notes", "list", "--organisation", "moj")
    assert "AUTHOR" in listed.output
    assert "Called them about 2025" in listed.output
    assert json.loads(cli("notes", "list", "--json").output)[0]["author"] == "sam"
    refused = cli("notes", "add", "--organisation", "moj", "--event", "showcase", "text")
    assert refused.exit_code == 1
    assert "exactly one of" in refused.output
    missing = cli("notes", "add", "--person", "nobody", "text")
    assert missing.exit_code == 1
    assert "There is no person with the id 'nobody'" in missing.output
    follow_ups.add(db, "organisation", "moj", "Late", "sam", TODAY - dt.timedelta(days=1))
    follow_ups.add(db, "organisation", "wg", "Later", "sam",
                   TODAY + dt.timedelta(days=1))
    table = cli("follow-ups", "list", "--mine", "sam")
    assert table.exit_code == 0
    assert "OVERDUE" in table.output
    assert "2 follow-up(s)" in table.output
    overdue = json.loads(cli("follow-ups", "list", "--overdue", "--json").output)
    assert [r["title"] for r in overdue] == ["Late"]
    assert overdue[0]["overdue"] is True
    assert json.loads(cli("follow-ups", "list", "--mine", "nobody", "--json").output) == []
    assert json.loads(cli("follow-ups", "list", "--mine", "nobody", "--overdue", "--json"
                          ).output) == []


# -- backup ---------------------------------------------------------------------------------------
def test_a_backup_holds_notes_and_follow_ups(data, cli, tmp_path):
    db = data
    make_user(db, "editor", "sam")
    note = notes.add(db, "organisation", "moj", "Kept in the backup", author="sam")
    fu = follow_ups.add(db, "person", "ann", "Also kept", "sam", TODAY)
    follow_ups.set_done(db, fu["id"], True)
    before = export_document(db)
    file = tmp_path / "with-notes.ptb"
    assert cli("backup", str(file)).exit_code == 0
    notes.delete(db, note["id"])
    follow_ups.delete(db, fu["id"])
    restored = cli("restore", str(file), "--replace")
    assert restored.exit_code == 0, restored.output
    after = export_document(db)
    assert after["notes"] == before["notes"]
    assert after["follow_ups"] == before["follow_ups"]
    assert [n["text"] for n in after["notes"]] == ["Kept in the backup"]
    assert after["follow_ups"][0]["done_by"]


def test_imports_use_the_follow_up_days_setting_and_the_uploader_owns_the_follow_up(
        data, cli, tmp_path, monkeypatch):
    db = data
    doc = {"events": [{"id": "showcase", "name": "Showcase", "start": "2023-11-14",
                       "feedback": [{"organisation": "wg", "work_together_again": True}]}]}
    file = tmp_path / "feedback.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("TRACKER_FOLLOW_UP_DAYS", "3")
    result = cli("import", str(file))
    assert result.exit_code == 0, result.output
    rows = follow_ups.listing(db, "all")["rows"]
    assert [r["due"] for r in rows] == [str(TODAY + dt.timedelta(days=3))]
    # A background upload job has no request: the uploader is passed as the owner.
    doc["events"][0]["feedback"][0]["organisation"] = "moj"
    imports.run(db, doc, "upload.json", user="uploader", follow_up_days=5)
    mine = follow_ups.listing(db, "mine", user="uploader")["rows"]
    assert [(r["about"], r["due"]) for r in mine] == [("moj", str(TODAY + dt.timedelta(days=5)))]
