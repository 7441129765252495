"""In a real Chromium: log a collaboration through the one form (rows added and removed with
rows.js), then see it on the event page, with no console errors."""

from __future__ import annotations

import os

from tests.events_helpers import seed
from tracker.repositories import events


def test_log_a_collaboration_with_two_contributors_and_attendance(page, db):
    seed(db)
    page.goto(f"{page.base}/events/new")
    page.fill("#name", "Splink in Action")
    page.fill("#start", "2023-11-16")
    contributors = page.locator("fieldset[data-rows=contributors]")
    rows = contributors.locator("[data-row]")
    assert rows.count() == 3  # blank rows for use without JavaScript
    # rows.js: remove two blank rows, then add one back.
    rows.nth(2).locator("[data-remove-row]").click()
    rows.nth(1).locator("[data-remove-row]").click()
    assert rows.count() == 1
    contributors.locator("[data-add-row]").click()
    assert rows.count() == 2
    rows.nth(0).locator("input[data-picker]").fill("Ministry of Justice")
    rows.nth(0).locator("select").select_option("host")
    rows.nth(1).locator("input[data-picker]").fill("Splink Users <Group>")
    rows.nth(1).locator("select").select_option("speaker")
    attendance = page.locator("fieldset[data-rows=attendance] [data-row]").nth(0)
    attendance.locator("input[data-picker]").fill("Welsh Government")
    attendance.locator("input[type=number]").fill("42")
    page.click("button[type=submit]:has-text('Log this collaboration')")
    # A name nobody has: the form asks before creating it (nothing is written yet).
    choice = page.locator("input[name='contributors-1-actor_choice'][value='new']")
    choice.wait_for()
    assert events.list_events(db)["total"] == 0
    assert "Is it one of these?" in page.locator("fieldset.choices").inner_text()
    choice.check()
    page.click("button[type=submit]:has-text('Log this collaboration')")
    page.wait_for_url(f"{page.base}/events/splink-in-action")
    assert page.locator("h1").inner_text() == "Splink in Action"
    table = page.locator("#contributors + .table-wrap")
    assert "Ministry of Justice" in table.inner_text()
    assert "host" in table.inner_text()
    assert "Splink Users <Group>" in table.inner_text()
    assert page.locator("#attendance-total").inner_text() == "42"
    if os.environ.get("TRACKER_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["TRACKER_SCREENSHOTS"],
                                          "event-detail.png"), full_page=True)
    # The form that asked "Is it one of these?" came back with status 400 (nothing was saved
    # yet), which Chromium notes in the console; there must be nothing else.
    assert [m for m in page.watch.console_errors if "status of 400" not in m] == []
    assert page.watch.outside_requests == []
    saved = events.get(db, "splink-in-action")
    assert {(c["actor"], c["role"]) for c in saved["contributors"]} == {
        ("moj", "host"), ("splink-users-group", "speaker")}
    assert [(a["organisation"], a["attendees"]) for a in saved["own_attendance"]] == [("wg", 42)]


def test_the_form_shows_field_errors_and_keeps_what_was_typed(page, db):
    seed(db)
    page.goto(f"{page.base}/events/new")
    page.fill("#name", "Bad dates")
    page.fill("#start", "2023-11-16")
    page.fill("#end", "2023-11-01")
    page.locator("fieldset[data-rows=attendance] input[type=number]").first.fill("5")
    page.click("button[type=submit]:has-text('Log this collaboration')")
    assert page.locator(".flash-error").is_visible()
    assert "The end is before the start." in page.locator("#end-errors").inner_text()
    assert page.input_value("#name") == "Bad dates"
    assert events.list_events(db)["total"] == 0
    # The refused form comes back with status 400, which Chromium notes in the console; there
    # must be nothing else (no script error).
    others = [m for m in page.watch.console_errors if "status of 400" not in m]
    assert others == []
    assert page.watch.outside_requests == []
