"""Login hardening on the real database: throttling, audit of every attempt, password policy,
one-time passwords, change my password, and the second factor."""

from __future__ import annotations

import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest

from tests.conftest import PASSWORD, login, make_user
from tracker import create_app
from tracker.repositories import audit as audit_repo
from tracker.repositories import users
from tracker.security import passwords


def _app(db, **config):  # type: ignore[no-untyped-def]
    return create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": False, **config})


def _try(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/login", data={"username": username, "password": password})


def test_the_21st_try_is_refused_even_with_the_right_password(db):
    # No growing delay here (base 0), so only the lockout after 20 failures is at work.
    app = _app(db, LOGIN_BASE_DELAY=0.0)
    make_user(db, "editor", "target")
    client = app.test_client()
    for _ in range(20):
        assert _try(client, "target", "wrong password guess").status_code == 400
    refused = _try(client, "target", PASSWORD)
    assert refused.status_code == 429
    assert "locked" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 800
    with client.session_transaction() as s:
        assert "_user_id" not in s
    # Another address is locked out of this account too (the account counter), ...
    other = app.test_client()
    assert other.post("/login", data={"username": "target", "password": PASSWORD},
                      environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 429
    # ... an admin's reset lifts the lockout (and the new password is one-time).
    target = users.authenticate(db, "target", PASSWORD)
    assert target is not None
    admin = login(app.test_client(), make_user(db, "admin")["username"])
    admin.post(f"/admin/users/{target['id']}/password", data={"password": "reset by the admin 7"})
    assert _try(app.test_client(), "target", "reset by the admin 7").status_code == 302


def test_failures_make_the_next_try_wait_longer(db):
    app = _app(db, LOGIN_BASE_DELAY=5.0)
    make_user(db, "viewer", "slow")
    client = app.test_client()
    for _ in range(5):
        assert _try(client, "slow", "not the password").status_code == 400
    waiting = _try(client, "slow", PASSWORD)
    assert waiting.status_code == 429
    assert "wait" in waiting.get_data(as_text=True)
    assert 1 <= int(waiting.headers["Retry-After"]) <= 6


def test_unknown_usernames_are_throttled_like_known_ones(db):
    app = _app(db, LOGIN_BASE_DELAY=0.0, LOGIN_ACCOUNT_LOCK_AFTER=3)
    client = app.test_client()
    for _ in range(3):
        assert _try(client, "nobody-here", "some guess or other").status_code == 400
    assert _try(client, "nobody-here", "some guess or other").status_code == 429


def test_the_address_counter_stops_spraying_across_usernames(db):
    app = _app(db, LOGIN_BASE_DELAY=0.0, LOGIN_ADDRESS_LOCK_AFTER=5)
    make_user(db, "viewer", "sprayed")
    client = app.test_client()
    for i in range(5):
        _try(client, f"user{i}", "Password123!")
    assert _try(client, "sprayed", PASSWORD).status_code == 429
    # From another address the account is fine.
    assert app.test_client().post("/login", data={"username": "sprayed", "password": PASSWORD},
                                  environ_base={"REMOTE_ADDR": "10.1.1.1"}).status_code == 302


def test_a_success_clears_the_account_counter(db):
    app = _app(db, LOGIN_BASE_DELAY=0.0, LOGIN_ACCOUNT_LOCK_AFTER=3)
    make_user(db, "viewer", "typo")
    client = app.test_client()
    for _ in range(2):
        _try(client, "typo", "fat fingers here")
    assert _try(client, "typo", PASSWORD).status_code == 302
    for _ in range(2):
        _try(app.test_client(), "typo", "fat fingers here")
    assert _try(app.test_client(), "typo", PASSWORD).status_code == 302


def test_every_login_success_and_failure_is_audited_without_the_password(db):
    app = _app(db, LOGIN_BASE_DELAY=0.0)
    make_user(db, "viewer", "audited")
    client = app.test_client()
    _try(client, "audited", "a wrong password here")
    _try(client, "ghost", "another wrong password")
    assert _try(client, "audited", PASSWORD).status_code == 302
    items = audit_repo.list_entries(db, entity="login")["items"]
    seen = {(a["entity_id"], a["action"]) for a in items}
    assert {("audited", "failure"), ("ghost", "failure"), ("audited", "success")} <= seen
    for a in items:
        assert a["changes"]["address"] == "127.0.0.1"
        assert a["at"]
        text = str(a)
        assert "wrong password" not in text
        assert PASSWORD not in text
    # A login changes no data: caches keyed by the data version survive it.
    version = db.data_version()
    _try(app.test_client(), "audited", "wrong again and again")
    assert db.data_version() == version


@pytest.mark.parametrize(("password", "username", "message"), [
    ("short pass", "x", "at least 12"),
    ("password1234", "x", "most common"),
    ("qwerty123456", "x", "most common"),
    ("ilovemyalice-2024", "alice", "username"),
])
def test_password_policy(password, username, message):
    assert any(message in p for p in passwords.problems(password, username))


def test_the_common_password_list_is_bundled():
    common = passwords.common_passwords()
    assert len(common) == 10_000
    assert "password" in common
    assert "qwertyuiop" in common


def test_admin_cannot_set_a_weak_password(admin_client, db):
    response = admin_client.post("/admin/users", data={
        "username": "weakling", "role": "viewer", "password": "password1234"})
    assert response.status_code == 400
    assert "most common" in response.get_data(as_text=True)
    assert users.authenticate(db, "weakling", "password1234") is None


def test_cli_keeps_a_deliberate_password_and_refuses_a_weak_one(cli, db, tmp_path, app):
    weak = tmp_path / "weak"
    weak.write_text("scripted-user-pw\n")
    result = cli("users", "create", "scripted", "--password-file", str(weak))
    assert result.exit_code == 2
    assert "username" in result.output
    good = tmp_path / "good"
    good.write_text("a deliberate long secret\n")
    assert cli("users", "create", "scripted", "--password-file", str(good)).exit_code == 0
    client = app.test_client()
    response = _try(client, "scripted", "a deliberate long secret")
    assert response.status_code == 302
    assert response.location == "/"
    assert client.get("/").status_code == 200


def test_first_admin_and_admin_reset_must_change_at_first_login(app, db):
    one_time = users.ensure_first_admin(db)
    assert one_time
    client = app.test_client()
    response = _try(client, "admin", one_time)
    assert response.status_code == 302
    assert response.location == "/account/password"
    # Until it is changed, every page leads back to the change page; the API says why.
    assert client.get("/organisations").location == "/account/password"
    assert client.get("/api/v1/export").status_code == 403
    refused = client.post("/account/password", data={
        "current_password": one_time, "new_password": "admin-password-x", "confirm":
        "admin-password-x"})
    assert refused.status_code == 400
    assert "username" in refused.get_data(as_text=True)
    changed = client.post("/account/password", data={
        "current_password": one_time, "new_password": "a fresh choice of mine",
        "confirm": "a fresh choice of mine"})
    assert changed.status_code == 302
    assert client.get("/organisations").status_code == 200
    assert users.authenticate(db, "admin", one_time) is None
    entries = audit_repo.list_entries(db, entity="user")["items"]
    assert any(a["action"] == "change_password" for a in entries)


def test_change_my_password_checks_the_current_one_and_ends_other_sessions(app, db):
    make_user(db, "viewer", "changer")
    mine, other = login(app.test_client(), "changer"), login(app.test_client(), "changer")
    wrong = mine.post("/account/password", data={
        "current_password": "not it at all", "new_password": "my brand new secret",
        "confirm": "my brand new secret"})
    assert wrong.status_code == 400
    assert "not your current password" in wrong.get_data(as_text=True)
    ok = mine.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "my brand new secret",
        "confirm": "my brand new secret"})
    assert ok.status_code == 302
    assert mine.get("/organisations").status_code == 200  # this session goes on
    assert other.get("/organisations").status_code == 302  # the other one has ended


def test_totp_second_factor_with_recovery_codes(app, db):
    _well_inside_a_time_step()
    make_user(db, "admin", "careful")
    client = login(app.test_client(), "careful")
    page = client.get("/account/2fa").get_data(as_text=True)
    with client.session_transaction() as s:
        secret = s["_totp_pending"]
    assert secret in page
    assert client.post("/account/2fa", data={"code": "000000"}).status_code == 400 \
        or pyotp.TOTP(secret).now() == "000000"
    done = client.post("/account/2fa", data={"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", done.get_data(as_text=True))
    assert len(codes) == 10
    stored = db.read_one("users/get_by_username", username="careful")
    assert stored["totp_secret"] == secret
    assert codes[0] not in str(stored["recovery_hashes"])

    # The password alone no longer logs in: it leads to the second step.
    fresh = app.test_client()
    step = _try(fresh, "careful", PASSWORD)
    assert step.location == "/login/verify"
    assert fresh.get("/organisations").status_code == 302
    assert fresh.post("/login/verify", data={"code": "12345a"}).status_code == 400
    # The code that turned the factor on is spent; the next time step's code is accepted.
    assert fresh.post("/login/verify", data={"code": pyotp.TOTP(secret).now()}).status_code \
        == 400
    next_code = pyotp.TOTP(secret).at(time.time() + 30)
    assert fresh.post("/login/verify", data={"code": next_code}).status_code == 302
    assert fresh.get("/organisations").status_code == 200

    # A code works once: replayed on another login, it is refused.
    replay = app.test_client()
    _try(replay, "careful", PASSWORD)
    assert replay.post("/login/verify", data={"code": next_code}).status_code == 400

    # A recovery code works once.
    for expected in (302, 400):
        c = app.test_client()
        _try(c, "careful", PASSWORD)
        assert c.post("/login/verify", data={"code": codes[0]}).status_code == expected
    actions = {a["changes"].get("method") for a in audit_repo.list_entries(db, entity="login")["items"]}
    assert {"password+totp", "password+recovery_code"} <= actions


def _well_inside_a_time_step(seconds: float = 10) -> None:
    """Wait, if need be, until `seconds` or more remain in the current 30-second step, so that
    enrolment and the checks after it share one step. On real time, a step that ended between
    them made the spent enrolment code a fresh one: it logged in, and the next code, typed into
    a login that no longer waited for it, was never spent (so its replay passed)."""
    left = 30 - time.time() % 30
    if left < seconds:
        time.sleep(left + 0.1)


def test_simultaneous_attempts_take_turns_so_no_more_than_the_limit_are_checked(db):
    # 30 wrong guesses at once against a limit of 20: exactly 20 are checked, 10 refused.
    app = _app(db, LOGIN_BASE_DELAY=0.0, LOGIN_ACCOUNT_LOCK_AFTER=20)
    make_user(db, "viewer", "raced")

    def attempt(_: int) -> int:
        return _try(app.test_client(), "raced", "a wrong guess at once").status_code

    with ThreadPoolExecutor(max_workers=6) as pool:  # within the driver pool (8 + 2)
        codes = Counter(pool.map(attempt, range(30)))
    assert codes == Counter({400: 20, 429: 10})


def test_successful_logins_do_not_count_against_their_address(db):
    app = _app(db, LOGIN_BASE_DELAY=0.0, LOGIN_ADDRESS_DELAY_AFTER=2, LOGIN_ADDRESS_LOCK_AFTER=3)
    for name in ("desk1", "desk2", "desk3", "desk4", "desk5"):
        make_user(db, "viewer", name)
        assert _try(app.test_client(), name, PASSWORD).status_code == 302
    assert _try(app.test_client(), "desk1", "one wrong guess here").status_code == 400
    assert _try(app.test_client(), "desk2", PASSWORD).status_code == 302


def test_second_step_without_the_first_goes_to_login(client, db):
    assert client.get("/login/verify").location.startswith("/login")
