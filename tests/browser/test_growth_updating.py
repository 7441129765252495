"""The growth page after an edit, in a real Chromium: the previous summary with the updating
notice, then the page refreshes by itself once the replay is done, keeping what the reader
typed into its form. The server's database holds its background recomputation at a gate
(``tests/stale_helpers.py``) until the test has typed, so the order is deterministic."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import serve
from tests.network_scenario import load
from tests.stale_helpers import Gated, edit_meetup
from tracker.db import Database
from tracker.services.cache import cache, join_pending


@pytest.fixture
def gated(db: Database) -> Iterator[Gated]:
    join_pending()
    cache.clear()
    held = Gated(db)
    yield held
    held.gate.set()
    join_pending()
    cache.clear()
    held.close()


@pytest.fixture
def live_server(gated: Gated) -> Iterator[str]:
    """The real app on a free loopback port, reading through the gated database."""
    yield from serve(gated)


def _links(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("#growth-summary").inner_text()


def test_after_an_edit_the_growth_page_says_updating_and_refreshes_by_itself(page, db, gated):
    load(db)
    page.goto(f"{page.base}/growth")
    assert page.locator("#updating").count() == 0
    assert "made 11 links" in _links(page)

    edit_meetup(db)  # an earlier collaboration edited: the timeline is replayed
    page.goto(f"{page.base}/growth")
    notice = page.locator("#updating")
    assert notice.is_visible()
    assert notice.get_attribute("role") == "status"
    assert notice.inner_text() == ("Updating: this is from before the latest change; "
                                   "it refreshes by itself.")
    assert "made 11 links" in _links(page)  # the previous summary, said to be previous
    page.wait_for_selector("html[data-updating=true]")  # the page is asking the server
    # The reader starts comparing two dates while they wait.
    page.fill("input[name=from]", "2024-01-01")
    page.locator("h1").click()  # leaves the field

    with page.expect_navigation(timeout=90_000):  # the page reloads by itself ...
        gated.gate.set()  # ... once the replay held at the gate has finished
    page.wait_for_load_state()
    assert page.locator("#updating").count() == 0
    assert "made 13 links" in _links(page)
    assert page.input_value("input[name=from]") == "2024-01-01"  # the reader's place kept
    page.watch.assert_clean()
