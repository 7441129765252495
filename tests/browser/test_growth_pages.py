"""The impact report and the growth charts in a real Chromium: rendered, no console errors."""

from tests.browser.waiting import wait_until
from tests.growth_data import SECOND, SHOWCASE, THIRD, document
from tracker.repositories.graph import import_document


def test_impact_page_renders_the_report(page, db):
    import_document(db, document(SHOWCASE, SECOND, THIRD))
    page.goto(f"{page.base}/events/rap-2024/impact")
    assert page.locator(".summary-sentence").first.inner_text().startswith(
        "2 new partnerships, 1 strengthened, 1 organisation reached for the first time")
    assert page.locator("#new-links tbody tr").count() == 2
    assert page.locator("#strengthened-links tbody tr").count() == 1
    page.watch.assert_clean()


def test_growth_charts_are_drawn_offline(page, db):
    import_document(db, document(SHOWCASE, SECOND, THIRD))
    page.goto(f"{page.base}/growth")
    wait_until(page, "typeof Chart !== 'undefined'")
    # Chart.js registers each drawn chart on its canvas.
    drawn = page.evaluate("""() => ['chart-reached', 'chart-links', 'chart-new', 'chart-density']
        .map(id => { const c = Chart.getChart(document.getElementById(id));
                     return c ? c.data.datasets.map(d => d.data) : null; })""")
    assert drawn == [[[5, 6, 7]], [[15, 17, 18]], [[15, 2, 1], [0, 1, 0]], [[1, 0.8095, 0.5]]]
    assert page.locator("#growth-table tbody tr").count() == 3
    page.watch.assert_clean()


def test_compare_form_from_the_growth_page(page, db):
    import_document(db, document(SHOWCASE, SECOND, THIRD))
    page.goto(f"{page.base}/growth")
    page.fill("input[name=from]", "2024-01-01")
    page.fill("input[name=to]", "2024-12-31")
    page.click("form.toolbar button[type=submit]")
    page.wait_for_url("**/growth/compare?**")
    assert page.locator("#compare-reached li").all_inner_texts() == ["GO-Science o-gos",
                                                                 "New Council o-newco"]
    page.watch.assert_clean()
