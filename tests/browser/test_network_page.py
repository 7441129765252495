"""The network page in a real headless Chromium: draw, slide through time, click an actor."""

from __future__ import annotations

import pytest

from tests.browser.waiting import wait_until
from tests.network_scenario import HOSTILE, extra_event, load
from tracker.demo import read_demo
from tracker.repositories.graph import import_document
from tracker.services.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def click_node(page, actor_id):
    """Click an actor's circle on the canvas at the position Cytoscape drew it."""
    page.locator("#net-graph").scroll_into_view_if_needed()
    point = page.evaluate(
        """(id) => {
            const view = window.networkView;
            const i = view.data.nodes.id.indexOf(id);
            const pos = view.cy.getElementById('n' + i).renderedPosition();
            const box = view.cy.container().getBoundingClientRect();
            return {x: box.left + pos.x, y: box.top + pos.y};
        }""", actor_id)
    page.mouse.click(point["x"], point["y"])


def test_network_page_slider_and_panel(page, db):
    load(db)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    caption = page.locator("#net-collab")
    assert "Collaboration 3 of 3: Workshop" in caption.inner_text()
    assert page.locator("#net-summary").inner_text().count("7") >= 1
    # Slide back to the second collaboration: its strengthened link is styled and counted.
    page.locator("#net-slider").focus()
    page.keyboard.press("ArrowLeft")
    wait_until(page,
        "document.getElementById('net-collab').textContent.includes('Meetup')")
    assert "0 new links, 1 strengthened" in caption.inner_text()
    assert page.evaluate("window.networkView.cy.edges('.stronger').length") == 1
    assert page.evaluate("window.networkView.cy.edges('.new').length") == 0
    # o3 joins only at the third collaboration: hidden now.
    hidden = page.evaluate("""() => { const v = window.networkView;
        return v.cy.getElementById('n' + v.data.nodes.id.indexOf('o3')).style('display') === 'none'; }""")
    assert hidden is True
    page.keyboard.press("ArrowLeft")
    wait_until(page,
        "document.getElementById('net-collab').textContent.includes('Showcase 2023')")
    assert page.evaluate("window.networkView.cy.edges('.new').length") == 10
    legend = page.locator("#net-legend").inner_text()
    assert "new link" in legend
    assert "strengthened" in legend
    # Click an actor: its panel shows metrics, partners and a link to its page.
    page.locator("#net-next").click()
    click_node(page, "o1")
    panel = page.locator("#net-panel")
    panel.wait_for(state="visible")
    assert page.locator("#net-panel-name").inner_text() == "Welsh Government"
    assert page.locator("#net-panel-link").get_attribute("href") == "/organisations/o1"
    assert "Broker score" in page.locator("#net-panel-metrics").inner_text()
    partners = page.locator("#net-panel-partners").inner_text()
    assert "Data Science Community — 2 joint collaborations" in partners
    assert HOSTILE in partners  # hostile names are shown as text, never run
    assert dialogs == []
    page.watch.assert_clean()


def test_search_filters_table_and_ego_view(page, db):
    load(db)
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    page.fill("#net-search", "rap net")
    page.locator("#net-search-form button").click()
    wait_until(page,
        "document.getElementById('net-panel-name').textContent === 'RAP Network'")
    assert page.locator("#net-panel-link").get_attribute("href") == "/networks/rap"
    # Filter by nation: only Welsh organisations remain drawn.
    page.select_option("#net-nation", "Wales")
    shown = page.evaluate(
        "window.networkView.cy.nodes().filter((n) => n.style('display') !== 'none').length")
    assert shown == 2
    # The table sorts by a clicked column.
    page.locator("#net-table button[data-key=name]").click()
    first = page.locator("#net-table tbody tr").first.inner_text()
    assert first.startswith(HOSTILE) or first.startswith("Data Science Community")
    # Actor pages link to /network?focus=<id>: that actor's panel opens.
    page.goto(f"{page.base}/network?focus=o1")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    assert page.locator("#net-panel-name").inner_text() == "Welsh Government"
    # The ego view of an actor draws its partners.
    page.goto(f"{page.base}/network/ego/c1")
    page.wait_for_selector(".ego[data-ready=true]", timeout=30_000)
    assert "4 partners" in page.locator(".ego-status").inner_text()
    assert "Welsh Government — 2 joint collaborations" in page.locator(".ego-partners").inner_text()
    page.watch.assert_clean()


def test_slider_moves_the_cards_and_actors_keep_their_places(page, db):
    load(db)
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)

    def cards():
        return {key: page.locator(f"#net-card-{key}").inner_text()
                for key in ("actors", "links", "density", "components",
                            "largest_component_share", "modularity")}

    def positions():
        return page.evaluate("""() => window.networkView.cy.nodes().map(
            (n) => [n.id(), n.position('x'), n.position('y')])""")

    last, where = cards(), positions()
    # After the Workshop: 7 actors, 11 links in two parts (5 and 2 actors).
    assert (last["actors"], last["links"], last["components"]) == ("7", "11", "2")
    assert last["largest_component_share"] == "71.4%"
    page.locator("#net-slider").focus()
    page.keyboard.press("ArrowLeft")
    wait_until(page,
        "document.getElementById('net-collab').textContent.includes('Meetup')")
    before = cards()
    # After the Meetup: the first five actors, all ten pairs linked, one part.
    assert (before["actors"], before["links"], before["density"], before["components"]) == (
        "5", "10", "1", "1")
    assert before["largest_component_share"] == "100.0%"
    assert "after collaboration 2 of 3" in page.locator("#net-cards-note").inner_text()
    assert positions() == where  # nobody moved
    # Central actors carry a label at every zoom; the legend explains strength and labels.
    assert page.evaluate("window.networkView.cy.nodes('.labelled').length") == 6  # one in four, at least six
    legend = page.locator("#net-legend").inner_text()
    assert "weak tie" in legend
    assert "Size:" in legend
    # The actor picker and the search suggestions are filled once the map is painted.
    wait_until(page, "document.getElementById('network-app').dataset.lists === 'true'")
    assert page.evaluate("""() => [document.querySelectorAll('#net-actor option').length,
        document.querySelectorAll('#net-names option').length,
        window.networkView.data.nodes.id.length]""") == [8, 7, 7]
    assert page.locator("#net-actor option").nth(1).inner_text() == HOSTILE  # sorted by name
    page.watch.assert_clean()


def test_after_a_change_the_page_shows_the_previous_picture_then_refreshes_itself(page, db):
    load(db)
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    assert page.locator("#net-updating").is_hidden()
    load(db, extra_event())  # a fourth collaboration: the kept picture is now the previous one
    page.goto(f"{page.base}/network")
    wait_until(page, "document.getElementById('network-app').dataset.updating === 'true'")
    notice = page.locator("#net-updating")
    assert "Updating: this picture is from before the latest change" in notice.inner_text()
    # The page asks the server until the new picture is ready, then reloads it by itself.
    page.wait_for_selector("#network-app[data-ready=true]:not([data-updating])", timeout=60_000)
    assert "4 of 4" in page.locator("#net-collab").inner_text()
    assert page.locator("#net-updating").is_hidden()
    assert "updating" not in page.evaluate("Object.keys(window.networkView.data)")
    page.watch.assert_clean()


def test_the_refresh_after_an_update_keeps_the_viewers_place(page, db):
    load(db)
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    load(db, extra_event())  # a fourth, later collaboration: the kept picture is the previous one
    # The server's "still updating" answer is held until the viewer has moved, so the reload
    # cannot come before (the recomputation itself may finish at any time).
    page.route("**/api/v1/network/status*", lambda route: route.fulfill(
        json={"updating": True}, status=200))
    page.goto(f"{page.base}/network")
    wait_until(page, "document.getElementById('network-app').dataset.updating === 'true'")
    assert "Collaboration 3 of 3: Workshop" in page.locator("#net-collab").inner_text()
    page.locator("#net-slider").focus()
    page.keyboard.press("ArrowLeft")
    wait_until(page, "document.getElementById('net-collab').textContent.includes('Meetup')")
    page.select_option("#net-colour", "community")
    page.locator("#net-actor").focus()
    page.select_option("#net-actor", label="Welsh Government")
    assert page.locator("#net-panel-name").inner_text() == "Welsh Government"
    page.unroute("**/api/v1/network/status*")  # the next poll hears the real answer
    page.wait_for_selector("#network-app[data-ready=true]:not([data-updating])", timeout=60_000)
    # The new picture has four collaborations; the viewer is still at the Meetup, with the
    # same colouring and the same actor open.
    assert "Collaboration 2 of 4: Meetup" in page.locator("#net-collab").inner_text()
    assert page.locator("#net-slider").input_value() == "1"
    assert page.locator("#net-colour").input_value() == "community"
    assert page.locator("#net-panel-name").inner_text() == "Welsh Government"
    assert "still showing collaboration 2 of 4" in page.locator("#net-status").inner_text()
    # The place is kept for that one reload only: opening the page again starts at the latest.
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    assert "Collaboration 4 of 4" in page.locator("#net-collab").inner_text()
    page.watch.assert_clean()


def test_the_map_is_on_screen_and_the_panel_says_what_follows_the_slider(page, db):
    load(db)
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    # The map comes straight after the cards and the slider: most of it is on the first screen.
    top = page.locator("#net-graph").bounding_box()["y"]
    assert top + 400 <= page.viewport_size["height"], top
    # Back to the Showcase, then choose Welsh Government in the list below the map.
    page.locator("#net-slider").focus()
    page.keyboard.press("Home")
    wait_until(page, "document.getElementById('net-collab').textContent.includes('Showcase')")
    page.select_option("#net-actor", label="Welsh Government")
    wait_until(page, "document.getElementById('net-panel-name').textContent === 'Welsh Government'")
    box = page.locator("#net-panel").bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"], box  # scrolled back to the map
    # A nation that is also the region is said once.
    assert page.locator("#net-panel-kind").inner_text() == "Organisation · devolved government · Wales"

    def pairs(list_id):
        return page.evaluate("""(id) => { const out = {};
            document.getElementById(id).querySelectorAll('dt').forEach(
                (dt) => { out[dt.textContent] = dt.nextElementSibling.textContent; });
            return out; }""", list_id)

    labels = page.evaluate("window.networkView.data.vocabulary.metrics")
    now = pairs("net-panel-now")
    # After the Showcase, o1 has 4 partners once each (c1, rap, sc1 in session s1's team of 4,
    # o2 too in s1a's team of 5); its strength is 3 x (1/3 + 1/4) + 1/4 = 2. The Meetup later
    # adds c1 again: 5 joint collaborations and strength 3 in the whole network.
    assert now[labels["degree"]] == "4"
    assert now[labels["weighted_degree"]] == "4"
    assert abs(float(now[labels["strength"]]) - 2.0) < 0.01
    i = page.evaluate("window.networkView.data.nodes.id.indexOf('o1')")
    assert page.evaluate(f"window.networkView.data.nodes.weighted_degree[{i}]") == 5
    whole = pairs("net-panel-metrics")
    assert set(whole) == {labels[k] for k in ("betweenness", "pagerank", "community", "broker")}
    assert page.locator("#net-panel-whole").inner_text() == "In the whole network at collaboration 3 of 3"
    assert "at the latest collaboration (3 of 3)" in page.locator("#net-size-legend").inner_text()
    assert "scores the communities the network had at that point" in \
        page.locator("#net-cards-note").inner_text()
    # An actor that joins later says so instead of showing zeros as if it were there.
    page.select_option("#net-actor", label="NHS Wales")
    wait_until(page, "document.getElementById('net-panel-name').textContent === 'NHS Wales'")
    assert page.locator("#net-panel-partner-count").inner_text() == (
        "(not in the network yet: joins at collaboration 3 of 3, Workshop)")
    # As of a date, the page says up to which date it shows.
    page.goto(f"{page.base}/network?as_of=2023-12-31")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    assert page.locator("#net-status").inner_text().startswith(
        "Showing the network as of its latest collaboration up to 2023-12-31.")
    page.watch.assert_clean()


def test_labels_seen_on_zoom_stay_smaller_on_screen_than_the_central_ones(page, db):
    load(db)
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    # On-screen font sizes of the labels given on zoom (not central) and of the central ones.
    sizes = """() => { const cy = window.networkView.cy, z = cy.zoom();
        const px = (keep) => cy.nodes('.near, .labelled').filter(keep)
            .map((n) => n.numericStyle('font-size') * z);
        return {near: px((n) => !n.hasClass('labelled')), central: px((n) => n.hasClass('labelled'))}; }"""
    for zoom in (1.5, 3.0):
        # A statement, not an expression: cy.zoom(z) returns the whole Cytoscape core, which
        # Playwright would try to serialise.
        page.evaluate(f"() => {{ window.networkView.cy.zoom({zoom}); }}")
        wait_until(page, f"(({sizes})()).near.length > 0 && "
                         f"Math.abs((({sizes})()).near[0] - 11) < 0.01")
        seen = page.evaluate(sizes)
        assert seen["near"], zoom
        assert all(abs(px - 11) < 0.01 for px in seen["near"]), (zoom, seen)
        assert all(abs(px - 13) < 0.01 for px in seen["central"]), (zoom, seen)
    page.watch.assert_clean()


OVERLAPS_JS = """() => { const cy = window.networkView.cy;
    const boxes = cy.nodes('.labelled').filter((n) => n.visible()).map((n) => n.boundingBox(
        {includeNodes: false, includeEdges: false, includeLabels: true}));
    let count = 0;
    for (let i = 0; i < boxes.length; i++) { for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) { count += 1; } } }
    return count; }"""


def test_the_central_actors_labels_do_not_cover_each_other(page, db):
    import_document(db, read_demo())
    page.goto(f"{page.base}/network")
    page.wait_for_selector("#network-app[data-ready=true]", timeout=60_000)
    assert page.evaluate(OVERLAPS_JS) == 0
    # All under their actor, as before placement, some would meet: the demo needs it.
    page.evaluate("() => { window.networkView.cy.nodes().removeClass('label-top label-right label-left'); }")
    assert page.evaluate(OVERLAPS_JS) > 0
    # Zooming places them again for the new scale.
    page.locator("#net-zoom-in").click()
    wait_until(page, f"({OVERLAPS_JS})() === 0")
    page.watch.assert_clean()
