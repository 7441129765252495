"""Sessions that end: logout, password reset, disabling and a role change end them everywhere;
idle and absolute limits end them too. On the real database through the real login form."""

from __future__ import annotations

import time

from tests.conftest import PASSWORD, login, make_user
from tracker import create_app
from tracker.repositories import users


def _cookie(client) -> str:  # type: ignore[no-untyped-def]
    return client.get_cookie("session").value


def _replay(app, cookie: str):  # type: ignore[no-untyped-def]
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief.get("/organisations")


def test_a_replayed_cookie_after_logout_is_sent_to_the_login_page(app, db):
    make_user(db, "editor", "leaver")
    client = login(app.test_client(), "leaver")
    stolen = _cookie(client)
    assert _replay(app, stolen).status_code == 200
    client.post("/logout")
    replayed = _replay(app, stolen)
    assert replayed.status_code == 302
    assert replayed.location.startswith("/login")


def test_an_admin_reset_ends_the_users_sessions(app, db, admin_client):
    target = make_user(db, "editor", "reset-me")
    client = login(app.test_client(), "reset-me")
    assert client.get("/organisations").status_code == 200
    admin_client.post(f"/admin/users/{target['id']}/password",
                      data={"password": "reset by an admin now"})
    assert client.get("/organisations").status_code == 302


def test_disabling_and_a_role_change_end_the_users_sessions(app, db, admin_client):
    target = make_user(db, "editor", "demoted")
    client = login(app.test_client(), "demoted")
    admin_client.post(f"/admin/users/{target['id']}",
                      data={"prefix": "u0", "u0-role": "viewer", "u0-active": "y"})
    assert client.get("/organisations").status_code == 302
    client = login(app.test_client(), "demoted")
    assert client.get("/organisations").status_code == 200
    users.change(db, target["id"], "viewer", False)
    assert client.get("/organisations").status_code == 302
    # Saving the same role and state again changes nothing and ends nothing.
    other = make_user(db, "viewer", "unchanged")
    kept = login(app.test_client(), "unchanged")
    users.change(db, other["id"], "viewer", True)
    assert kept.get("/organisations").status_code == 200


def test_logout_everywhere(app, db):
    make_user(db, "viewer", "many-devices")
    a, b = login(app.test_client(), "many-devices"), login(app.test_client(), "many-devices")
    a.post("/account/sessions/end")
    assert b.get("/organisations").status_code == 302


def test_idle_timeout_and_absolute_lifetime(db, monkeypatch):
    app = create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": False,
                      "SESSION_IDLE_MINUTES": 10, "SESSION_MAX_HOURS": 1})
    make_user(db, "viewer", "sleepy")
    client = login(app.test_client(), "sleepy")
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start + 9 * 60)
    assert client.get("/organisations").status_code == 200  # active: the idle clock restarts
    monkeypatch.setattr(time, "time", lambda: start + 18 * 60)
    assert client.get("/organisations").status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 29 * 60)
    idle = client.get("/organisations")
    assert idle.status_code == 302
    assert idle.location.startswith("/login")

    monkeypatch.setattr(time, "time", lambda: start)
    busy = login(app.test_client(), "sleepy")
    for minutes in range(5, 60, 5):
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert busy.get("/organisations").status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 61 * 60)
    assert busy.get("/organisations").status_code == 302


def test_a_login_starts_a_fresh_session(app, db):
    make_user(db, "viewer", "fixated")
    client = app.test_client()
    with client.session_transaction() as s:
        s["planted"] = "by an attacker"
    client.post("/login", data={"username": "fixated", "password": PASSWORD})
    with client.session_transaction() as s:
        assert "planted" not in s
