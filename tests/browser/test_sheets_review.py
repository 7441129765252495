"""In a real Chromium: import an Eventbrite export from the event page, review it on one
screen (an ambiguous name, an unknown one, a domain), commit, and see where the counts came from."""

from __future__ import annotations

from tests.sheets_helpers import EVENTBRITE, attendance, seed


def test_review_screen_then_commit(page, db, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    page.goto(f"{page.base}/events/showcase-2023")
    page.click("a:has-text('Import attendance')")
    page.set_input_files("input[type=file]", str(EVENTBRITE))
    page.click("button:has-text('Read and review')")
    page.wait_for_url(f"{page.base}/imports/*")
    assert "17 rows" in page.locator("main").inner_text()
    assert "abbreviation" in page.locator("tr[data-value='ONS']").inner_text()
    ambiguous = page.locator("tr[data-value='Data Unit']")
    assert ambiguous.get_attribute("data-decision") == "ambiguous"
    unknown = page.locator("tr[data-value='Acme Analytics Ltd']")
    assert unknown.get_attribute("data-decision") == "new"
    # Committing with open questions writes nothing and says which rows need a choice.
    page.click("button:has-text('Commit')")
    assert "still need a choice" in page.locator("#review-problems").inner_text()
    assert attendance(db, "showcase-2023") == {}
    page.locator("tr[data-value='Data Unit'] select").select_option("org:data-unit-wales")
    page.locator("tr[data-value='Acme Analytics Ltd'] select").select_option("new")
    page.click("button:has-text('Check my choices')")
    ready = page.locator("#review-ready").inner_text()
    assert "6 organisations, 11 attendees, 6 rows not attributed" in ready
    assert "shared by many organisations" in page.locator("tr[data-domain='gmail.com']").inner_text()
    page.click("button:has-text('Commit')")
    page.wait_for_url(f"{page.base}/events/showcase-2023#attendance")
    assert page.locator("#attendance-total").inner_text() == "11"
    assert "eventbrite-attendees.csv" in page.locator("#attendance-sources").inner_text()
    assert attendance(db, "showcase-2023")["acme-analytics-ltd"] == 1
    # The one expected 400 is the commit with open questions; nothing else went wrong.
    assert [m for m in page.watch.console_errors if "status of 400" not in m] == []
    assert len(page.watch.console_errors) == 1
    assert page.watch.outside_requests == []
