"""Walk the demo in a real Chromium: dashboard -> impact report -> network -> reach.

With TRACKER_SCREENSHOTS=docs (`make screenshots`) each stop is saved as a PNG under docs/ for
the README; without it the walk still runs and checks every page for console errors.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.demo import load_demo
from tracker.paths import PROJECT_ROOT

SHOTS = os.environ.get("TRACKER_SCREENSHOTS")
STOPS = [  # (file name, path, something the page must show)
    ("dashboard", "/", "Dashboard"),
    ("impact", "/events/showcase-2023/impact", "Showcase 2023"),
    ("network", "/network", "Network"),
    ("reach", "/reach", "reach"),
]


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Save the page as docs/<name>.png when screenshots were asked for."""
    if SHOTS:
        folder = PROJECT_ROOT / SHOTS if not Path(SHOTS).is_absolute() else Path(SHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.fixture
def demo_page(page, db):  # type: ignore[no-untyped-def]
    """The logged-in page with the Showcase demo loaded."""
    load_demo(db)
    return page


def test_dashboard_draws_its_chart_and_is_keyboard_friendly(demo_page):
    page = demo_page
    response = page.goto(page.base + "/")
    assert response.ok
    assert page.title() == "Dashboard · Partner Tracker"
    assert page.locator("[data-number=collaborations]").inner_text() == "6"
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    if page.locator("#growth-chart").count():  # growth(db) is installed: the chart draws
        page.wait_for_function("Chart.getChart(document.getElementById('growth-chart'))")
    page.watch.assert_clean()


def test_empty_dashboard_in_the_browser(page):
    page.goto(page.base + "/")
    assert page.get_by_role("heading", name="Nothing logged yet: first steps").is_visible()
    page.set_viewport_size({"width": 375, "height": 800})  # a phone: nothing overflows sideways
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.watch.assert_clean()


def test_walk_dashboard_impact_network_reach(demo_page):
    page = demo_page
    for name, path, text in STOPS:
        response = page.goto(page.base + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        page.wait_for_load_state("networkidle")
        assert text.lower() in page.content().lower(), path
        shoot(page, name)
    page.watch.assert_clean()
