"""Notes and follow-ups in a real Chromium: add a note on an organisation's page, add a
follow-up, complete it, and see the dashboard and the follow-ups page agree."""

from __future__ import annotations

import datetime as dt

from tests.events_helpers import seed

EVENTS = {"events": [{"id": "showcase", "name": "Showcase", "start": "2023-11-14",
                      "contributors": [{"actor": "moj", "role": "host"}]}]}


def test_add_a_note_then_add_and_complete_a_follow_up(page, db):
    seed(db, EVENTS)
    page.goto(f"{page.base}/organisations/moj")
    page.fill("#activity textarea[name=text]", "Called their head of data: <keen> on 2025.")
    page.click("#activity button:has-text('Add note')")
    page.wait_for_url("**/organisations/moj#activity")
    assert "Note added" in page.locator(".flash-success").inner_text()
    first = page.locator("ol.timeline li").first
    assert "Called their head of data: <keen> on 2025." in first.inner_text()  # literal text
    assert "Note by browser-editor" in first.inner_text()
    # The event it hosted is on the same timeline, below the newer note.
    assert "Showcase" in page.locator("ol.timeline li").nth(1).inner_text()

    page.click("#follow-ups summary")
    page.fill("#follow-ups input[name=title]", "Send them the programme")
    assert page.input_value("#follow-ups input[name=owner]") == "browser-editor"
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    page.fill("#follow-ups input[name=due]", yesterday)
    page.click("#follow-ups button:has-text('Add follow-up')")
    page.wait_for_url("**/organisations/moj#follow-ups")
    row = page.locator("#follow-ups table tbody tr")
    assert row.count() == 1
    assert "Overdue" in row.inner_text()

    page.goto(f"{page.base}/")
    assert page.locator("[data-number=my_follow_ups]").inner_text() == "1"
    assert page.locator("[data-number=overdue_follow_ups]").inner_text() == "1"
    page.click("text=All overdue follow-ups")
    page.wait_for_url("**/follow-ups?show=overdue")
    page.click("button:has-text('Mark done')")
    page.wait_for_url("**/follow-ups?show=overdue")
    assert "marked done" in page.locator(".flash-success").inner_text()
    assert "Send them the programme" not in page.locator("main").inner_text()
    page.goto(f"{page.base}/follow-ups?show=done")
    done_row = page.locator("table.follow-ups tbody tr")
    assert "Done" in done_row.inner_text()
    assert "by browser-editor" in done_row.inner_text()
    page.goto(f"{page.base}/")
    assert page.locator("[data-number=overdue_follow_ups]").inner_text() == "0"
    page.watch.assert_clean()
