"""Security pages in Chromium: the one-time password is replaced at first login, the strict CSP
holds on every main page (a violation is a console error), a token is shown once, a second
factor works end to end, and a logged-out tab's back button shows nothing cached."""

from __future__ import annotations

import re
import time

import pyotp

from tests.events_helpers import seed
from tracker.repositories import users

PAGES = ["/", "/events", "/organisations", "/networks", "/people", "/growth", "/reach",
         "/network", "/account", "/account/tokens", "/account/2fa"]


def _watched(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def _login(page, base: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def test_first_admin_replaces_the_one_time_password(browser, live_server, db):
    one_time = users.ensure_first_admin(db)
    context, page, errors = _watched(browser)
    _login(page, live_server, "admin", one_time)
    page.wait_for_url(f"{live_server}/account/password")
    page.goto(f"{live_server}/organisations")
    assert page.url == f"{live_server}/account/password"  # nowhere else until it is changed
    page.fill("input[name=current_password]", one_time)
    page.fill("input[name=new_password]", "password1234")
    page.fill("input[name=confirm]", "password1234")
    page.click("main button[type=submit]")
    assert "most common" in page.locator(".errors").inner_text()
    for name, value in (("current_password", one_time), ("new_password", "my own long secret"),
                        ("confirm", "my own long secret")):
        page.fill(f"input[name={name}]", value)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server}/account")
    page.goto(f"{live_server}/organisations")
    assert page.url == f"{live_server}/organisations"
    # The refused weak password answered 400 (a form error); nothing else went wrong.
    assert [e for e in errors if "status of 400" not in e] == []
    context.close()


def test_no_page_breaks_the_content_security_policy(page, db):
    seed(db, {"events": [{"id": "ev", "name": "Showcase", "start": "2023-11-14",
                          "contributors": [{"actor": "moj", "role": "host"},
                                           {"actor": "wg", "role": "speaker"}],
                          "attendance": [{"organisation": "wg", "attendees": 3}]}]})
    page.set_default_timeout(120_000)  # cold caches on a busy machine
    for path in [*PAGES, "/events/ev", "/organisations/moj"]:
        response = page.goto(f"{page.base}{path}")
        assert response is not None, path
        assert response.status == 200, path
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.watch.assert_clean()


def test_a_token_is_shown_once(page):
    page.goto(f"{page.base}/account/tokens")
    page.fill("input[name=name]", "weekly report")
    page.click("main button[type=submit]")
    token = page.locator("#new-token").inner_text()
    assert re.fullmatch(r"pt_[0-9a-f]{16}_[A-Za-z0-9_-]+", token)
    page.goto(f"{page.base}/account/tokens")
    assert "weekly report" in page.content()
    assert token not in page.content()
    answer = page.request.get(f"{page.base}/api/v1/export",
                              headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200
    page.watch.assert_clean()


def test_two_step_login_end_to_end(page, browser, live_server):
    page.goto(f"{page.base}/account/2fa")
    secret = page.locator("#totp-secret").inner_text()
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    page.click("main button[type=submit]")
    assert page.locator("ul.codes li").count() == 10
    context, other, errors = _watched(browser)
    _login(other, live_server, "browser-editor", "correct horse battery staple")
    other.wait_for_url(f"{live_server}/login/verify")
    # The enrolment code is spent (each code works once): the next time step's is accepted.
    other.fill("input[name=code]", pyotp.TOTP(secret).at(time.time() + 30))
    other.click("main button[type=submit]")
    other.wait_for_url(f"{live_server}/")
    assert errors == []
    context.close()


def test_after_logout_the_back_button_shows_no_data(page):
    page.goto(f"{page.base}/organisations")
    page.click("form.logout button")
    page.wait_for_url(re.compile(r".*/login"))
    page.go_back()
    page.wait_for_load_state()
    assert "/login" in page.url  # no-store: the page is asked for again, and refused
