"""The reach page in a real Chromium: the coverage chart renders, a bar click lists who is missing."""

from tests import reach_scenario


def click_bar(page, index: int, dataset: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Click the centre of one bar of the coverage chart (dataset 1 = 'not reached')."""
    x, y = page.evaluate(
        """([index, dataset]) => {
             const bar = window.reachChart.getDatasetMeta(dataset).data[index];
             return [bar.x - (bar.x - bar.base) / 2, bar.y];
           }""", [index, dataset])
    box = page.locator("#coverage-chart").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_coverage_chart_and_click_a_bar_to_see_who_is_missing(page, db, tmp_path):
    reach_scenario.build(db, tmp_path)
    page.goto(f"{page.base}/reach?as_of=2025-01-01")
    page.wait_for_selector("#coverage-chart[data-ready=true]")
    labels = page.evaluate("window.reachChart.data.labels")
    assert labels == ["England", "Scotland", "Wales"]
    assert page.evaluate("window.reachChart.data.datasets[1].data") == [1, 0, 2]
    box = page.locator("#coverage-chart").bounding_box()
    assert box["width"] > 200
    assert box["height"] > 100

    click_bar(page, labels.index("Wales"))
    page.wait_for_selector("#missing-title:has-text('Not reached in Wales: 2 organisations')")
    rows = page.locator("#missing-table tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("td").nth(1).inner_text() == "w2"
    assert rows.nth(1).locator("a").inner_text() == "Welsh Health Board C"
    link = page.locator("#missing-links a", has_text="Open as a list").get_attribute("href")
    assert "nation=Wales" in link
    assert "question=not-reached" in link

    # The table's button does the same for England, and the full list is one click away.
    page.click("button.show-missing[data-group=England]")
    page.wait_for_selector("#missing-title:has-text('Not reached in England: 1 organisation')")
    assert page.locator("#missing-table tbody tr").count() == 1
    page.click("#missing-links a:has-text('Open as a list')")
    page.wait_for_selector("#list-table")
    assert "English Council D" in page.locator("#list-table").inner_text()
    page.watch.assert_clean()


def test_grouping_by_type_and_a_hostile_name_in_the_missing_list(page, db, tmp_path):
    reach_scenario.import_scenario_register(db, tmp_path, [
        ("x1", "<img src=x onerror=alert(1)>", "Wales", "Wales", "Council"),
        ("x2", "Plain Council", "Wales", "Wales", "Council")])
    page.goto(f"{page.base}/reach?by=type")
    page.wait_for_selector("#coverage-chart[data-ready=true]")
    assert page.evaluate("window.reachChart.data.labels") == ["Council"]
    click_bar(page, 0)
    page.wait_for_selector("#missing-title:has-text('Not reached in Council: 2')")
    assert page.locator("#missing-table tbody tr a").first.inner_text() == (
        "<img src=x onerror=alert(1)>")
    assert page.locator("#missing-table img").count() == 0
    page.watch.assert_clean()


def test_typing_a_name_offers_the_register_entry(page, db, tmp_path):
    reach_scenario.import_scenario_register(db, tmp_path)
    page.goto(f"{page.base}/reach")
    events = []
    page.expose_function("recordMatch", lambda detail: events.append(detail))
    page.evaluate("""document.getElementById('register-name').addEventListener(
        'register-match', (e) => window.recordMatch(e.detail))""")
    page.fill("#register-name", "Welsh Councl B")
    button = page.locator(".register-matches button", has_text="Use Welsh Council B")
    button.wait_for()
    button.click()
    page.wait_for_selector(".register-matches li:has-text('Chosen: Welsh Council B (w2)')")
    assert events
    assert events[0]["id"] == "w2"
    page.fill("#register-name", "Zzyzx Qqq")
    page.wait_for_timeout(600)
    assert page.locator(".register-matches button").count() == 0
    page.watch.assert_clean()
