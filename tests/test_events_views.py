"""Event pages through the Flask client: each role's allowed and forbidden actions, the one-form
log of a collaboration, CSRF refusal, hostile input and bad query strings."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.conftest import PASSWORD, make_user
from tests.events_helpers import attendance, contributor, form_data, seed, session
from tracker import create_app
from tracker.model import MAX_NAME
from tracker.repositories import audit as audit_repo
from tracker.repositories import events

HOSTILE = "<script>alert('x')</script> MATCH (n) DETACH DELETE n"

SHOWCASE = {
    "name": "Showcase 2023", "start": "2023-11-14", "end": "2023-11-16",
    "contributors-0-actor": "dsc", "contributors-0-actor_name": "Data Science Community",
    "contributors-0-role": "host",
    "contributors-1-actor": "", "contributors-1-actor_name": "RAP Network",
    "contributors-1-role": "co-host",
    "contributors-2-actor": "", "contributors-2-actor_name": "", "contributors-2-role": "",
    "attendance-0-organisation": "moj", "attendance-0-organisation_name": "Ministry of Justice",
    "attendance-0-attendees": "120",
    "attendance-1-organisation_name": "Office for Something New",
    "attendance-1-organisation_choice": "new",  # asked "Is it one of these?", chose to create
    "attendance-1-attendees": "8",
    "sessions-0-name": "Splink in Action", "sessions-0-id": "splink",
    "sessions-0-start": "2023-11-16",
    "speakers-0-person": "ann", "speakers-0-person_name": "Ann Speaker",
}


@pytest.fixture
def showcase(db):
    seed(db)
    return events.save(db, _data())


def _data():
    return form_data(contributors=[contributor("dsc", "", "host")],
                     attendance=[attendance("moj", "", 12)],
                     sessions=[session("Day two", dt.date(2023, 11, 15), sid="day-two")])


# -- viewer ----------------------------------------------------------------------------------
def test_viewer_reads_lists_and_detail_pages(viewer_client, showcase):
    listing = viewer_client.get("/events")
    assert listing.status_code == 200
    assert "Showcase 2023" in listing.get_data(as_text=True)
    assert "Log a collaboration" not in listing.get_data(as_text=True)
    page = viewer_client.get(f"/events/{showcase}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Data Science Community" in html
    assert "Day two" in html
    assert "Edit</a>" not in html


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/events/new"), ("post", "/events/new"),
    ("get", "/events/showcase-2023/edit"), ("post", "/events/showcase-2023/edit"),
    ("get", "/events/showcase-2023/delete"), ("post", "/events/showcase-2023/delete"),
    ("get", "/events/showcase-2023/feedback"), ("post", "/events/showcase-2023/feedback"),
    ("post", "/events/showcase-2023/feedback/moj/delete"),
])
def test_viewer_cannot_write(viewer_client, showcase, db, method, path):
    version = db.data_version()
    response = getattr(viewer_client, method)(path, data=SHOWCASE)
    assert response.status_code == 403
    assert db.data_version() == version


# -- editor ----------------------------------------------------------------------------------
def test_editor_logs_a_collaboration_with_everything_in_one_form(editor_client, db):
    seed(db)
    form_page = editor_client.get("/events/new")
    assert form_page.status_code == 200
    html = form_page.get_data(as_text=True)
    # Works without JavaScript: blank rows are there, and each name field is a picker.
    assert 'name="contributors-2-actor_name"' in html
    assert 'data-picker="actor"' in html
    response = editor_client.post("/events/new", data=SHOWCASE)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"] == "/events/showcase-2023"
    page = editor_client.get("/events/showcase-2023").get_data(as_text=True)
    for text in ("Data Science Community", "RAP Network", "co-host", "Ministry of Justice",
                 "Office for Something New", "Splink in Action", "Ann Speaker"):
        assert text in page
    assert re.search(r'id="attendance-total"><strong>128<', page)
    e = events.get(db, "showcase-2023")
    assert ("rap", "co-host") in {(c["actor"], c["role"]) for c in e["contributors"]}
    assert any(a["entity_id"] == "showcase-2023" and a["user"] == "editor-user"
               for a in audit_repo.list_entries(db)["items"])


def test_form_errors_come_back_as_400_and_nothing_is_written(editor_client, db):
    seed(db)
    version = db.data_version()
    bad = dict(SHOWCASE, end="2023-11-01", **{"attendance-0-attendees": "-3",
                                             "contributors-1-role": "overlord"})
    response = editor_client.post("/events/new", data=bad)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The end is before the start." in html
    assert "A whole number from 0 up." in html
    assert "Nothing was saved" in html
    # What was typed is kept, so nothing has to be typed again.
    assert 'value="Office for Something New"' in html
    assert db.data_version() == version


def test_a_duplicate_id_is_a_field_error(editor_client, showcase, db):
    response = editor_client.post("/events/new", data=dict(SHOWCASE, id=showcase))
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)
    assert events.get(db, showcase)["event"]["end"] == "2023-11-16"
    assert events.get(db, "splink") is None


def test_editor_edits_and_the_rows_are_replaced(editor_client, showcase, db):
    form = editor_client.get(f"/events/{showcase}/edit")
    assert form.status_code == 200
    assert 'value="day-two"' in form.get_data(as_text=True)
    response = editor_client.post(f"/events/{showcase}/edit", data={
        "id": "something-else", "name": "Showcase (edited)", "start": "2023-11-14",
        "contributors-0-actor": "wg", "contributors-0-actor_name": "Welsh Government",
        "contributors-0-role": "curator",
        "sessions-0-id": "day-two", "sessions-0-name": "Day two (renamed)",
        "sessions-0-start": "2023-11-15"})
    assert response.status_code == 302, response.get_data(as_text=True)
    e = events.get(db, showcase)
    assert e["event"]["name"] == "Showcase (edited)"
    assert {(c["actor"], c["role"]) for c in e["contributors"]} == {("wg", "curator")}
    assert e["attendance_by_organisation"] == []
    assert [s["name"] for s in e["sessions"]] == ["Day two (renamed)"]
    assert events.get(db, "something-else") is None


def test_edit_refuses_making_the_event_its_own_ancestor(editor_client, showcase, db):
    response = editor_client.post(f"/events/{showcase}/edit", data={
        "name": "Showcase", "start": "2023-11-14", "parent": "day-two",
        "parent_name": "Day two"})
    assert response.status_code == 400
    assert "own ancestor" in response.get_data(as_text=True)
    assert events.get(db, showcase)["ancestors"] == []


def test_delete_asks_first_listing_the_sessions_then_deletes(editor_client, showcase, db):
    confirm = editor_client.get(f"/events/{showcase}/delete")
    assert confirm.status_code == 200
    html = confirm.get_data(as_text=True)
    assert "Day two" in html
    assert "1 session" in html
    assert events.get(db, showcase) is not None
    response = editor_client.post(f"/events/{showcase}/delete")
    assert response.status_code == 302
    assert events.get(db, showcase) is None
    assert events.get(db, "day-two") is None


def test_feedback_from_the_organisation_page_link(editor_client, showcase, db):
    page = editor_client.get(f"/events/{showcase}/feedback?organisation=moj")
    assert page.status_code == 200
    assert 'value="Ministry of Justice"' in page.get_data(as_text=True)
    response = editor_client.post(f"/events/{showcase}/feedback?organisation=moj", data={
        "organisation": "moj", "organisation_name": "Ministry of Justice", "rating": "4",
        "work_together_again": "yes", "comment": HOSTILE})
    assert response.status_code == 302
    html = editor_client.get(f"/events/{showcase}").get_data(as_text=True)
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert(" not in html
    fb = events.get(db, showcase)["feedback"]
    assert (fb[0]["rating"], fb[0]["work_together_again"], fb[0]["comment"]) == (4, True,
                                                                                 HOSTILE)
    again = editor_client.get(f"/events/{showcase}/feedback?organisation=moj")
    assert re.search(r'<input checked[^>]*value="yes"', again.get_data(as_text=True))
    removed = editor_client.post(f"/events/{showcase}/feedback/moj/delete")
    assert removed.status_code == 302
    assert events.get(db, showcase)["feedback"] == []


def test_feedback_for_an_unknown_organisation_is_a_field_error(editor_client, showcase, db):
    response = editor_client.post(f"/events/{showcase}/feedback", data={
        "organisation_name": "Nobody At All", "rating": "3", "work_together_again": "no"})
    assert response.status_code == 400
    assert "No organisation has the id or name" in response.get_data(as_text=True)
    assert events.get(db, showcase)["feedback"] == []


def test_hostile_names_are_stored_and_shown_literally(editor_client, db):
    seed(db)
    response = editor_client.post("/events/new", data={
        "name": HOSTILE, "start": "2023-01-01",
        "contributors-0-actor_name": HOSTILE + " Ltd", "contributors-0-role": "host",
        "contributors-0-actor_choice": "new"})
    assert response.status_code == 302, response.get_data(as_text=True)
    eid = response.headers["Location"].rsplit("/", 1)[1]
    html = editor_client.get(f"/events/{eid}").get_data(as_text=True)
    assert "<script>alert(" not in html
    assert html.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") >= 2
    assert events.get(db, eid)["event"]["name"] == HOSTILE


@pytest.mark.parametrize("query", [
    "year=abc", "page=-4", "page=99999999999999", "sort=start%20DESC;DROP", "role=overlord",
    "q=%3Cscript%3E", "actor=" + "x" * 5000, "sessions=1&sort=name_desc",
])
def test_odd_query_strings_never_break_the_list(viewer_client, showcase, query):
    response = viewer_client.get(f"/events?{query}")
    assert response.status_code == 200


def test_list_shows_sessions_only_when_asked(viewer_client, showcase):
    top = viewer_client.get("/events").get_data(as_text=True)
    assert "/events/day-two" not in top
    everything = viewer_client.get("/events?sessions=1").get_data(as_text=True)
    assert "/events/day-two" in everything


def test_unknown_event_is_a_404(viewer_client, db):
    assert viewer_client.get("/events/nope").status_code == 404


# -- CSRF ------------------------------------------------------------------------------------
def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def test_the_event_form_refuses_a_post_without_a_valid_csrf_token(db):
    seed(db)
    app = create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    make_user(db, "editor", "csrf-editor")
    login_page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": "csrf-editor", "password": PASSWORD,
                                "csrf_token": _token(login_page)})
    version = db.data_version()
    assert client.post("/events/new", data=SHOWCASE).status_code == 400
    assert client.post("/events/new", data=dict(SHOWCASE, csrf_token="forged")).status_code \
        == 400
    assert db.data_version() == version
    assert events.get(db, "showcase-2023") is None
    token = _token(client.get("/events/new").get_data(as_text=True))
    response = client.post("/events/new", data=dict(SHOWCASE, csrf_token=token))
    assert response.status_code == 302
    assert events.get(db, "showcase-2023") is not None


def test_add_a_session_link_prefills_the_parent_and_nests_the_new_event(editor_client,
                                                                         showcase, db):
    form = editor_client.get(f"/events/new?parent={showcase}&parent_name=Showcase+2023")
    html = form.get_data(as_text=True)
    assert f'value="{showcase}"' in html
    assert 'value="Showcase 2023"' in html
    response = editor_client.post("/events/new", data={
        "name": "Lightning talks", "start": "2023-11-15", "parent": showcase,
        "parent_name": "Showcase 2023",
        "contributors-0-actor_name": "NHS-R Community", "contributors-0-role": "curator"})
    assert response.status_code == 302, response.get_data(as_text=True)
    child = events.get(db, "lightning-talks")
    assert [a["id"] for a in child["ancestors"]] == [showcase]
    parent = events.get(db, showcase)
    assert "lightning-talks" in {s["id"] for s in parent["sessions"]}
    # The session's contributor counts for the collaboration.
    assert ("nhsr", "curator") in {(c["actor"], c["role"]) for c in parent["contributors"]}


def test_the_edit_form_keeps_existing_session_ids_fixed(editor_client, showcase):
    html = editor_client.get(f"/events/{showcase}/edit").get_data(as_text=True)
    assert re.search(r'<input[^>]*id="sessions-0-id"[^>]*readonly', html)
    assert 'href="/events/day-two"' in html


ORG_ID = "Org_with.dots:and-dashes"
EVENT_ID = "Odd.Event:1_x"
SESSION_ID = "Odd.Session_2"


def test_an_imported_event_with_unusual_ids_can_still_be_edited(editor_client, db):
    # Imports and forms share one id and name rule (tracker.model), so the unusual ids here are
    # the far edges of that rule: every allowed punctuation mark, and the longest name.
    seed(db, {"organisations": [{"id": ORG_ID, "name": "Odd Org"}],
              "events": [{"id": EVENT_ID, "name": "y" * MAX_NAME, "start": "2023-01-01",
                          "contributors": [{"actor": ORG_ID,
                                            "role": "host"}]},
                         {"id": SESSION_ID, "name": "S", "start": "2023-01-01",
                          "parent": EVENT_ID}]})
    form = editor_client.get(f"/events/{EVENT_ID}/edit")
    assert form.status_code == 200
    html = form.get_data(as_text=True)
    posted = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    posted.update({"contributors-0-role": "partner"})
    posted = {k: v.replace("&amp;", "&") for k, v in posted.items() if k != "csrf_token"}
    response = editor_client.post(f"/events/{EVENT_ID}/edit", data=posted)
    assert response.status_code == 302, response.get_data(as_text=True)
    e = events.get(db, EVENT_ID)
    assert [(c["actor"], c["role"]) for c in e["contributors"] if c["event"] == EVENT_ID] \
        == [(ORG_ID, "partner")]
    assert [s["id"] for s in e["sessions"]] == [SESSION_ID]
