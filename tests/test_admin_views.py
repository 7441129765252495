"""Admin pages through the Flask client: users, audit trail, JSON import, and the export API."""

from __future__ import annotations

import io
import json

import pytest

from tests.conftest import PASSWORD, login, make_user
from tests.events_helpers import BASE, seed
from tracker.repositories import audit as audit_repo
from tracker.repositories import events, users
from tracker.repositories import imports as jobs
from tracker.services import imports

ADMIN_PAGES = ["/admin", "/admin/users", "/admin/audit", "/admin/import"]


@pytest.mark.parametrize("role", ["viewer", "editor"])
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_are_for_admins_only(client_as, role, path):
    client = client_as(role)
    assert client.get(path).status_code == 403
    assert client.post(path, data={}).status_code in (403, 405)


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_non_admins_cannot_change_users(client_as, db, role):
    client = client_as(role)
    target = make_user(db, "viewer", "someone")
    response = client.post(f"/admin/users/{target['id']}", data={"role": "admin",
                                                                 "active": "y"})
    assert response.status_code == 403
    assert users.get(db, target["id"])["role"] == "viewer"


def test_admin_landing_links_users_audit_and_import(admin_client):
    html = admin_client.get("/admin").get_data(as_text=True)
    for link in ("/admin/users", "/admin/audit", "/admin/import", "/api/v1/export"):
        assert f'href="{link}"' in html


def test_admin_adds_a_user_who_can_then_log_in(admin_client, app, db):
    response = admin_client.post("/admin/users", data={
        "username": "new.editor", "role": "editor", "password": "a long new password"})
    assert response.status_code == 302
    assert "new.editor" in admin_client.get("/admin/users").get_data(as_text=True)
    login(app.test_client(), "new.editor", "a long new password")
    # The password never reaches the audit trail or its page.
    audit_html = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "new.editor" in audit_html
    assert "a long new password" not in audit_html


def test_adding_a_taken_username_is_a_field_error(admin_client, db):
    response = admin_client.post("/admin/users", data={
        "username": "admin-user", "role": "viewer", "password": "another long one"})
    assert response.status_code == 400
    assert "is taken" in response.get_data(as_text=True)


def test_admin_changes_a_role_and_disables_an_account(admin_client, app, db):
    target = make_user(db, "viewer", "vic")
    response = admin_client.post(f"/admin/users/{target['id']}",
                                 data={"prefix": "u0", "u0-role": "editor", "u0-active": "y"})
    assert response.status_code == 302
    assert users.get(db, target["id"])["role"] == "editor"
    admin_client.post(f"/admin/users/{target['id']}", data={"prefix": "u0",
                                                            "u0-role": "editor"})
    assert users.get(db, target["id"])["active"] is False
    refused = app.test_client().post("/login", data={"username": "vic", "password": PASSWORD})
    assert refused.status_code == 400
    changes = [a for a in audit_repo.list_entries(db, entity="user")["items"]
               if a["entity_id"] == target["id"] and a["action"] == "update"]
    assert changes[0]["changes"]["active"] is False


def test_the_last_admin_cannot_disable_or_demote_themselves(admin_client, db):
    me = users.authenticate(db, "admin-user", PASSWORD)
    for data in ({"u0-role": "admin"}, {"u0-role": "editor", "u0-active": "y"}):
        response = admin_client.post(f"/admin/users/{me['id']}",
                                     data={"prefix": "u0", **data}, follow_redirects=True)
        assert "would leave no active admin" in response.get_data(as_text=True)
        assert users.get(db, me["id"]) | {} == {**users.get(db, me["id"]), "role": "admin",
                                               "active": True}
    # With a second admin, stepping down is fine.
    make_user(db, "admin", "second-admin")
    admin_client.post(f"/admin/users/{me['id']}", data={"prefix": "u0", "u0-role": "editor",
                                                        "u0-active": "y"})
    assert users.get(db, me["id"])["role"] == "editor"
    assert users.count_admins(db) == 1


def test_audit_page_filters_by_entity_and_user_and_pages(admin_client, db):
    seed(db)
    make_user(db, "viewer", "other-person")
    events.set_feedback(db, "x", "moj", 3, True, None)  # nothing happens: no event x
    html = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "<td>import</td>" in html
    assert "other-person" in html
    only_users = admin_client.get("/admin/audit?entity=user").get_data(as_text=True)
    assert "other-person" in only_users
    assert "<td>import</td>" not in only_users
    by_user = audit_repo.list_entries(db, user="nobody")
    assert by_user["total"] == 0
    page = audit_repo.list_entries(db, per_page=1, page=2)
    assert page["pages"] == page["total"] >= 3
    assert len(page["items"]) == 1
    assert admin_client.get("/admin/audit?page=abc&entity=%3Cb%3E").status_code == 200


def _upload(client, content: bytes, name: str = "data.json"):
    return client.post("/admin/import", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def _finished(client, db, response):
    """Follow an upload to its job page once the background job has finished."""
    assert response.status_code == 303, response.get_data(as_text=True)
    location = response.headers["Location"]
    job_id = location.rstrip("/").rsplit("/", 1)[-1]
    imports.wait(db, job_id, timeout=120)
    page = client.get(location)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_import_upload_writes_a_valid_document(admin_client, db):
    doc = dict(BASE, events=[{"id": "ev", "name": "Imported", "start": "2023-05-01",
                              "contributors": [{"actor": "moj", "role": "host"}]}])
    html = _finished(admin_client, db, _upload(admin_client, json.dumps(doc).encode()))
    assert "Imported." in html
    assert "events: 1" in html
    assert events.get(db, "ev")["contributors"][0]["actor"] == "moj"
    entries = audit_repo.list_entries(db, entity="import")
    assert entries["total"] == 1
    assert entries["items"][0]["user"] == "admin-user"


def test_import_upload_lists_every_problem_with_its_path_and_writes_nothing(admin_client, db):
    version = db.data_version()
    doc = {"organisations": [{"id": "ok", "name": "Fine"}, {"id": "ok", "name": "Again"}],
           "events": [{"id": "e", "name": "E", "start": "2023-13-45",
                       "contributors": [{"actor": "ghost", "role": "boss"}]}]}
    html = _finished(admin_client, db, _upload(admin_client, json.dumps(doc).encode()))
    assert "Nothing was imported" in html
    assert "$.organisations[1].id" in html
    assert "$.events[0].start" in html
    assert "$.events[0].contributors[0].role" in html
    assert db.data_version() == version  # the job's own bookkeeping is not a data change
    assert events.find_organisation(db, "Fine") == []


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"[1, 2]", "must be a JSON object"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_import_upload_refuses_what_is_not_an_interchange_file(admin_client, db, content,
                                                               message):
    html = _finished(admin_client, db, _upload(admin_client, content, "x.json"))
    assert "Nothing was imported" in html
    assert message in html


def test_import_upload_of_another_kind_of_file_is_a_field_error(admin_client):
    response = _upload(admin_client, b"{}", "x.csv")
    assert response.status_code == 400
    assert "Only .json files" in response.get_data(as_text=True)


def test_an_unknown_import_job_is_a_404(admin_client):
    assert admin_client.get("/admin/import/nope").status_code == 404


def test_a_running_job_page_refreshes_itself_and_shows_progress(admin_client, db):
    jobs.create(db, "j1", "big.json", "admin-user")
    jobs.progress(db, "j1", "running", "upsert organisations", 20000, 300000)
    html = admin_client.get("/admin/import/j1").get_data(as_text=True)
    assert 'http-equiv="refresh"' in html
    assert "20000 of 300000" in html


def test_import_without_a_file_is_a_field_error(admin_client):
    response = admin_client.post("/admin/import", data={})
    assert response.status_code == 400
    assert "Choose a .json file." in response.get_data(as_text=True)


def test_export_api_is_readable_by_a_viewer_and_matches_the_data(viewer_client, db):
    seed(db, {"events": [{"id": "ev", "name": "Exported", "start": "2023-05-01",
                          "attendance": [{"organisation": "wg", "attendees": 3}]}]})
    response = viewer_client.get("/api/v1/export")
    assert response.status_code == 200
    assert response.is_json
    doc = response.get_json()
    assert [e["id"] for e in doc["events"]] == ["ev"]
    assert doc["events"][0]["attendance"] == [{"organisation": "wg", "attendees": 3}]
    assert {o["id"] for o in doc["organisations"]} == {"moj", "wg", "data-cymru"}


def test_export_api_needs_a_login(client):
    response = client.get("/api/v1/export")
    assert response.status_code == 401
    assert response.is_json


def test_admin_sets_a_new_password_and_the_audit_never_holds_it(admin_client, app, db):
    target = make_user(db, "editor", "forgetful")
    short = admin_client.post(f"/admin/users/{target['id']}/password",
                              data={"password": "short"}, follow_redirects=True)
    assert "between 12 and 500" in short.get_data(as_text=True)
    login(app.test_client(), "forgetful")  # the old password still works
    response = admin_client.post(f"/admin/users/{target['id']}/password",
                                 data={"password": "a brand new secret"})
    assert response.status_code == 302
    login(app.test_client(), "forgetful", "a brand new secret")
    html = admin_client.get("/admin/audit?entity=user").get_data(as_text=True)
    assert "set_password" in html
    assert "a brand new secret" not in html


def test_non_admins_cannot_set_passwords(editor_client, db):
    target = make_user(db, "viewer", "victim")
    response = editor_client.post(f"/admin/users/{target['id']}/password",
                                  data={"password": "taken over now"})
    assert response.status_code == 403
