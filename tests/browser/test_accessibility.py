"""WCAG 2.2 AA in a real Chromium: axe-core on every page of the demo (logged in as an admin,
no serious or critical violation), and the three stories done with the keyboard alone.

TRACKER_AXE_REPORT=path.json writes what axe found on each page (for the accessibility
statement and reviews).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import reach_scenario
from tests.browser.axe import DEMO_PAGES, blocking, run_axe
from tests.browser.waiting import wait_until
from tests.conftest import PASSWORD, make_user
from tracker.bootstrap import first_run
from tracker.repositories import events

#: Pages whose content a script draws after loading: wait for it before asking axe.
READY = {"/network": "document.getElementById('network-app').dataset.ready === 'true'",
         "/": "!document.getElementById('growth-chart') || !!window.Chart",
         "/growth": "!!window.Chart"}


def log_in(context: Any, base: str, username: str) -> Any:
    """A page of `context`, logged in as `username` (the shared test password)."""
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


@pytest.fixture
def axe_page(browser, live_server, db) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """An admin's page on the demo; CSP bypassed in this context only, to inject axe-core."""
    first_run(db, say=lambda line: None)
    make_user(db, "admin", "axe-admin")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = log_in(context, live_server, "axe-admin")
    page.base = live_server
    yield page
    context.close()


def check(page: Any, label: str, found: dict[str, Any]) -> None:
    """Run axe on the page as it is and file what it says under `label`."""
    violations = run_axe(page)
    found[label] = {"violations": violations, "blocking": blocking(violations)}


def test_axe_finds_no_serious_or_critical_violation_on_any_demo_page(axe_page):
    page = axe_page
    found: dict[str, Any] = {}
    for path in DEMO_PAGES:
        response = page.goto(page.base + path)
        assert response.status < 500, path
        ready = READY.get(path.split("?")[0])
        if ready:
            wait_until(page, ready)
        check(page, path, found)
    # States a page reaches only by use: forms sent back with problems, an actor's panel.
    page.goto(page.base + "/organisations/new")
    page.click("form.entity-form button[type=submit]")  # not the header's "Log out"
    page.wait_for_selector("[data-error-summary]")
    check(page, "/organisations/new (sent empty)", found)
    page.goto(page.base + "/events/new")
    page.click("button[type=submit]:has-text('Log this collaboration')")
    page.wait_for_selector("[data-error-summary]")
    check(page, "/events/new (sent empty)", found)
    page.goto(page.base + "/network")
    wait_until(page, READY["/network"])
    page.select_option("#net-actor", index=1)
    page.wait_for_selector("#net-panel:not([hidden])")
    check(page, "/network (an actor's panel open)", found)
    logged_out = page.context.browser.new_context(bypass_csp=True)
    login_page = logged_out.new_page()
    login_page.goto(page.base + "/login")
    check(login_page, "/login (logged out)", found)
    login_page.goto(page.base + "/accessibility")
    check(login_page, "/accessibility (logged out)", found)
    logged_out.close()

    if os.environ.get("TRACKER_AXE_REPORT"):
        with open(os.environ["TRACKER_AXE_REPORT"], "w", encoding="utf-8") as out:
            json.dump(found, out, indent=1)
    assert len(found) >= len(DEMO_PAGES)
    bad = {label: r["blocking"] for label, r in found.items() if r["blocking"]}
    assert bad == {}


# -- keyboard only -------------------------------------------------------------------------------

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return true; }
  const s = getComputedStyle(el);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
}"""


def tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until `selector` has the focus, checking that every stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        here = page.evaluate("document.activeElement ? document.activeElement.outerHTML"
                             ".slice(0, 120) : ''")
        assert page.evaluate(FOCUS_VISIBLE), f"no visible focus on {here}"
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


#: What a person types into a date field, digit by digit. The day equals the month in each, so
#: the digits are the same whether the browser shows dd/mm/yyyy or mm/dd/yyyy.
DAY_MONTH_YEAR = {"2026-11-11": "11112026", "2024-01-01": "01012024", "2025-12-12": "12122025"}


@pytest.fixture
def keyboard_page(browser, live_server, db, tmp_path) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """An editor's page on the reach scenario, downloads allowed."""
    reach_scenario.build(db, tmp_path)
    make_user(db, "editor", "keyboard-editor")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = log_in(context, live_server, "keyboard-editor")
    page.base = live_server
    yield page
    context.close()


def test_keyboard_only_log_a_collaboration_with_the_organisation_picker(keyboard_page, db):
    page = keyboard_page
    tab_to(page, "a[href='/events/new']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#name")
    page.keyboard.type("Keyboard Workshop")
    tab_to(page, "#start")
    page.keyboard.type(DAY_MONTH_YEAR["2026-11-11"])
    assert page.input_value("#start") == "2026-11-11"
    tab_to(page, "input[name='contributors-0-actor_name']")
    page.keyboard.type("Welsh Council")
    # The picker offers names as they are typed; finishing one picks it (its id is kept).
    wait_until(page, "[...document.querySelectorAll('datalist option')]"
                     ".some(o => o.value === 'Welsh Council B')")
    page.keyboard.type(" B")
    assert page.input_value("input[name='contributors-0-actor']") == "w2"
    tab_to(page, "select[name='contributors-0-role']")
    page.keyboard.type("host")
    assert page.input_value("select[name='contributors-0-role']") == "host"
    tab_to(page, "#event-form button[type=submit]:not([name])")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{page.base}/events/keyboard-workshop"
    saved = events.get(db, "keyboard-workshop")
    assert [(c["actor"], c["role"]) for c in saved["contributors"]] == [("w2", "host")]


def test_keyboard_only_find_who_is_not_reached_and_download_it(keyboard_page):
    page = keyboard_page
    tab_to(page, "nav a[href='/reach']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#nation")
    page.keyboard.type("Wales")
    assert page.input_value("#nation") == "Wales"
    tab_to(page, "form[aria-label=Filters] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "nation=Wales" in page.url
    assert "Welsh Council B" in page.locator("#list-table").inner_text()
    tab_to(page, "#lists a[href*='/reach/not-reached.csv']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "not-reached-wales-today.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Welsh Council B" in text
    assert "English Council D" not in text


def test_keyboard_only_compare_two_dates(keyboard_page):
    page = keyboard_page
    tab_to(page, "nav a[href='/growth']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "input[name=from]")
    page.keyboard.type(DAY_MONTH_YEAR["2024-01-01"])
    tab_to(page, "input[name=to]")
    page.keyboard.type(DAY_MONTH_YEAR["2025-12-12"])
    tab_to(page, "form[action='/growth/compare'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "from=2024-01-01" in page.url
    assert "to=2025-12-12" in page.url
    assert "Meetup 2024" in page.locator("main").inner_text()
