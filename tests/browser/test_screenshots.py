"""Walk the demo in a real Chromium: dashboard -> impact report -> network -> reach.

With TRACKER_SCREENSHOTS=docs (`make screenshots`) each stop is saved as a PNG under docs/ for
the README; without it the walk still runs and checks every page for console errors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.browser.waiting import wait_until
from tracker.bootstrap import first_run
from tracker.demo import DEMO_FILE
from tracker.paths import PROJECT_ROOT

SHOTS = os.environ.get("TRACKER_SCREENSHOTS")
# Counted from the demo file itself: top-level events (no parent) are collaborations.
DEMO_COLLABORATIONS = sum(
    1 for e in json.loads(DEMO_FILE.read_text(encoding="utf-8"))["events"] if not e.get("parent"))
STOPS = [  # (file name, link to follow from the page before, its URL, what it must show)
    ("dashboard", None, "/", "Dashboard"),
    ("impact", "a[href='/events/showcase-2025/impact']", "/events/showcase-2025/impact",
     "Showcase 2025"),
    ("network", "nav a[href='/network']", "/network", "Network"),
    ("reach", "nav a[href='/reach']", "/reach", "reach"),
]


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Save the page as docs/<name>.png when screenshots were asked for."""
    if SHOTS:
        folder = PROJECT_ROOT / SHOTS if not Path(SHOTS).is_absolute() else Path(SHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        # The top of the page, at most 1,600 pixels: long lists would make huge files.
        height = min(page.evaluate("document.documentElement.scrollHeight"), 1600)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1280, "height": height})


@pytest.fixture
def demo_page(page, db):  # type: ignore[no-untyped-def]
    """The logged-in page with what `make run` loads into an empty database (the demo)."""
    first_run(db, say=lambda line: None)
    return page


def test_dashboard_draws_its_chart_and_is_keyboard_friendly(demo_page):
    page = demo_page
    response = page.goto(page.base + "/")
    assert response.ok
    assert page.title() == "Dashboard · Partner Tracker"
    assert page.locator("[data-number=collaborations]").inner_text() == str(DEMO_COLLABORATIONS)
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    wait_until(page, "!!Chart.getChart(document.getElementById('growth-chart'))")
    page.set_viewport_size({"width": 375, "height": 800})  # a phone: nothing overflows sideways
    # Chart.js resizes its canvas on the next frames, so wait for the layout to settle.
    wait_until(page, "document.documentElement.scrollWidth <= window.innerWidth",
                           timeout=5000)
    page.watch.assert_clean()


def test_empty_dashboard_in_the_browser(page):
    page.goto(page.base + "/")
    assert page.get_by_role("heading", name="Nothing logged yet: first steps").is_visible()
    page.set_viewport_size({"width": 375, "height": 800})  # a phone: nothing overflows sideways
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.watch.assert_clean()


def test_walk_dashboard_impact_network_reach(demo_page):
    page = demo_page
    page.goto(page.base + "/")
    for name, link, path, text in STOPS:
        if link:  # follow the link a user would click
            with page.expect_navigation() as nav:
                page.locator(link).first.click()
            response = nav.value
            assert response is not None, path
            assert response.ok, f"{path}: {response.status}"
        assert page.url == page.base + path
        page.wait_for_load_state("networkidle")
        assert text.lower() in page.content().lower(), path
        shoot(page, name)
    page.watch.assert_clean()
