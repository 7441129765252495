"""The app skeleton: login required, roles, CSRF, error pages, health, first admin."""

import socket

import pytest

from tests.conftest import PASSWORD, login, make_user
from tracker import create_app
from tracker.bootstrap import first_run
from tracker.db import Database
from tracker.localdb import Connection
from tracker.repositories import users


def test_anonymous_requests_are_redirected_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_api_without_login_answers_401_json(client):
    response = client.get("/api/v1/anything")
    assert response.status_code == 401
    assert response.get_json()["error"]


def test_login_page_has_username_and_password_fields(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'name="username"' in html
    assert 'name="password"' in html


def test_login_and_logout(client, db):
    make_user(db, "viewer", "vera")
    login(client, "vera")
    assert client.get("/").status_code == 200
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_wrong_password_is_a_field_error_not_a_login(client, db):
    make_user(db, "viewer", "vera")
    response = client.post("/login", data={"username": "vera", "password": "nope"})
    assert response.status_code == 400
    assert "wrong password" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_disabled_account_cannot_log_in(client, db):
    user = make_user(db, "editor", "ed")
    users.update(db, user["id"], "editor", False)
    response = client.post("/login", data={"username": "ed", "password": PASSWORD})
    assert response.status_code == 400


def test_open_redirect_after_login_is_refused(client, db):
    make_user(db, "viewer", "vera")
    response = client.post("/login?next=//evil.example/x",
                           data={"username": "vera", "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_post_without_csrf_token_is_refused_with_400(db):
    app = create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": True})
    make_user(db, "viewer", "vera")
    response = app.test_client().post("/login", data={"username": "vera", "password": PASSWORD})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_unknown_page_is_a_friendly_404(viewer_client):
    response = viewer_client.get("/no/such/page")
    assert response.status_code == 404
    assert "Not found" in response.get_data(as_text=True)


def test_unreachable_database_gives_the_503_page():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    dead = Database(Connection(f"bolt://127.0.0.1:{port}", "neo4j", "x"))
    app = create_app({"TESTING": True, "DATABASE": dead, "WTF_CSRF_ENABLED": False})
    response = app.test_client().get("/login", follow_redirects=False)
    html_page = app.test_client().post("/login", data={"username": "a", "password": "b"})
    assert html_page.status_code == 503
    assert "database cannot be reached" in html_page.get_data(as_text=True)
    assert "Traceback" not in html_page.get_data(as_text=True)
    api = app.test_client().get("/healthz")
    assert api.status_code == 503
    assert response.status_code == 200  # the login form itself needs no database


def test_first_run_creates_one_admin_once(db):
    lines: list[str] = []
    first_run(db, say=lines.append)
    assert users.count_admins(db) == 1
    password_line = next(line for line in lines if "password:" in line)
    password = password_line.split("password:")[1].split()[0]
    assert users.authenticate(db, "admin", password) is not None
    lines.clear()
    first_run(db, say=lines.append)
    assert users.count_admins(db) == 1
    assert not any("password:" in line for line in lines)


def test_users_create_from_password_file(cli, db, tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("a-long-enough-password\n")
    result = cli("users", "create", "alice", "--role", "admin", "--password-file", str(secret))
    assert result.exit_code == 0, result.output
    assert users.authenticate(db, "alice", "a-long-enough-password")["role"] == "admin"
    again = cli("users", "create", "alice", "--password-file", str(secret))
    assert again.exit_code == 1
    assert "taken" in again.output


def test_audit_never_holds_passwords(db):
    make_user(db, "admin", "root")
    rows = db.read_tx(lambda tx: [r.data() for r in tx.run(
        "MATCH (a:AuditEntry) RETURN a.changes AS changes")])
    assert rows
    assert all(PASSWORD not in (r["changes"] or "") for r in rows)
    assert all("password" not in (r["changes"] or "") for r in rows)


def test_init_db_is_idempotent(cli):
    assert cli("init-db").exit_code == 0
    second = cli("init-db")
    assert second.exit_code == 0
    assert "Schema applied" in second.output


@pytest.mark.parametrize("path", ["/static/css/app.css", "/static/vendor/chart.umd.js",
                                  "/static/vendor/cytoscape.min.js"])
def test_front_end_files_are_served_by_the_app(viewer_client, path):
    assert viewer_client.get(path).status_code == 200
