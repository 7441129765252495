"""The reach page, its CSV downloads, the reach and match API, and the unmatched admin page."""

import csv
import io

import pytest
from flask import render_template

from tests import reach_scenario
from tracker.model import MAX_NAME
from tracker.repositories.graph import import_document
from tracker.services import reach

AS_OF = "2025-01-01"


@pytest.fixture
def scenario(db, tmp_path):  # type: ignore[no-untyped-def]
    reach_scenario.build(db, tmp_path)
    return db


# -- the page ------------------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_login(client):
    assert client.get("/reach").status_code == 302
    assert client.get("/reach/not-reached.csv").status_code == 302
    assert client.get("/api/v1/reach?question=coverage").status_code == 401


def test_viewer_sees_coverage_and_the_not_reached_list(scenario, viewer_client):
    response = viewer_client.get(f"/reach?as_of={AS_OF}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="coverage-chart"' in html
    assert "vendor/chart.umd.js" in html
    assert "js/reach.js" in html
    # Coverage table: Wales 3 in register, 1 reached, 33.3%.
    assert "33.3%" in html
    assert "Who is missing in Wales" in html
    # The default list: not reached as of that date.
    assert "Not reached yet: 3 organisations" in html
    for name in ("English Council D", "Welsh Council B", "Welsh Health Board C"):
        assert name in html
    assert '"groups": ["England", "Scotland", "Wales"]' in html


def test_filters_and_grouping(scenario, viewer_client):
    html = viewer_client.get(f"/reach?as_of={AS_OF}&nation=Wales&by=type").get_data(
        as_text=True)
    assert "Coverage by type" in html
    assert "Not reached yet: 2 organisations" in html
    assert "English Council D" not in html
    assert '<option value="Wales" selected>' in html


@pytest.mark.parametrize(("query", "expected", "absent"), [
    ("question=lapsed&months=12&as_of=2024-11-15", ["Lapsed: 4 organisations",
                                                    "Old Partner Ltd", "2023-11-14"], []),
    ("question=reachable-through-partners&as_of=2025-01-01",
     ["Reachable through partners: 2 organisations", "net-active", "sub-x"], ["net-silent"]),
    ("question=follow-ups&as_of=2025-01-01", ["Follow-ups due: 1 organisation",
                                              "English Council A", "Showcase 2023"], []),
])
def test_each_list(scenario, viewer_client, query, expected, absent):
    html = viewer_client.get(f"/reach?{query}").get_data(as_text=True)
    for text in expected:
        assert text in html, text
    for text in absent:
        assert text not in html, text


@pytest.mark.parametrize("query", ["as_of=2025-02-30", "months=0&question=lapsed",
                                   "question=bogus", "by=colour", "months=abc"])
def test_bad_filters_are_field_errors_not_500(scenario, viewer_client, query):
    response = viewer_client.get(f"/reach?{query}")
    assert response.status_code == 400
    assert "could not be used" in response.get_data(as_text=True)


def test_empty_register_page_says_how_to_load_it(db, viewer_client):
    html = viewer_client.get("/reach").get_data(as_text=True)
    assert "tracker register import" in html


def test_hostile_names_are_shown_literally(db, tmp_path, viewer_client):
    reach_scenario.import_scenario_register(db, tmp_path, [
        ("evil", "<script>alert(1)</script>", "Wales", "Wales", "<b>x</b>")])
    html = viewer_client.get("/reach").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# -- CSV downloads -------------------------------------------------------------------------------

def read_csv(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_csv_download_of_each_list(scenario, viewer_client):
    rows = read_csv(viewer_client.get(f"/reach/not-reached.csv?as_of={AS_OF}&nation=Wales"))
    assert rows == [["id", "name", "nation", "region", "type"],
                    ["w2", "Welsh Council B", "Wales", "Wales", "Council"],
                    ["w3", "Welsh Health Board C", "Wales", "Wales", "Health board"]]
    lapsed = read_csv(viewer_client.get("/reach/lapsed.csv?months=12&as_of=2024-11-15"))
    assert [r[0] for r in lapsed[1:]] == ["e1", "old-partner", "s1", "w1"]
    assert lapsed[0][-1] == "last_reached"
    assert lapsed[1][-1] == "2023-11-14"
    reachable = read_csv(viewer_client.get(f"/reach/reachable-through-partners.csv?as_of={AS_OF}"))
    assert reachable[1][-1] == "net-active"
    follow = read_csv(viewer_client.get(f"/reach/follow-ups.csv?as_of={AS_OF}"))
    assert follow[1][0] == "e1"
    assert "showcase" in follow[1]
    coverage = read_csv(viewer_client.get(f"/reach/coverage.csv?as_of={AS_OF}&by=nation"))
    assert coverage[0] == ["group", "in_register", "reached", "share"]
    assert coverage[3] == ["Wales", "3", "1", "0.3333"]


def test_csv_cells_cannot_become_spreadsheet_formulas(db, tmp_path, viewer_client):
    reach_scenario.import_scenario_register(db, tmp_path, [
        ("f1", "=HYPERLINK(\"http://x\")", "Wales", "Wales", "+cmd")])
    rows = read_csv(viewer_client.get("/reach/not-reached.csv"))
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][4] == "'+cmd"


def test_csv_download_refuses_bad_input(scenario, viewer_client):
    assert viewer_client.get("/reach/nothing.csv").status_code == 404
    bad = viewer_client.get("/reach/not-reached.csv?as_of=yesterday")
    assert bad.status_code == 400
    assert "as_of" in bad.get_data(as_text=True)


# -- API -----------------------------------------------------------------------------------------

def test_api_answers_with_the_cli_shapes(scenario, viewer_client):
    got = viewer_client.get(f"/api/v1/reach?question=not-reached&as_of={AS_OF}&nation=Wales")
    assert got.status_code == 200
    assert got.get_json() == {"count": 2, "organisations": [
        {"id": "w2", "name": "Welsh Council B", "nation": "Wales", "region": "Wales",
         "type": "Council"},
        {"id": "w3", "name": "Welsh Health Board C", "nation": "Wales", "region": "Wales",
         "type": "Health board"}]}
    coverage = viewer_client.get(f"/api/v1/reach?question=coverage&by=region&as_of={AS_OF}")
    assert coverage.get_json()[0] == {"group": "London", "in_register": 1, "reached": 1,
                                      "share": 1.0}
    lapsed = viewer_client.get("/api/v1/reach?question=lapsed&months=12&as_of=2024-11-15")
    assert lapsed.get_json()["count"] == 4
    via = viewer_client.get(f"/api/v1/reach?question=reachable-through-partners&as_of={AS_OF}")
    assert via.get_json()["organisations"][1]["via"] == ["sub-x"]
    follow = viewer_client.get("/api/v1/reach?question=follow-ups&as_of=2024-01-01")
    assert [o["id"] for o in follow.get_json()["organisations"]] == ["e1", "uni-x", "w1"]
    # The same answer as the repository, as the CLI prints it.
    assert via.get_json() == reach.public(
        "reachable-through-partners", reach.reachable_through_partners(scenario, as_of=AS_OF))


@pytest.mark.parametrize(("query", "field"), [
    ("", "question"),
    ("question=who", "question"),
    ("question=lapsed", "months"),
    ("question=lapsed&months=-3", "months"),
    ("question=not-reached&as_of=01/02/2024", "as_of"),
    ("question=coverage&by=colour", "by"),
    ("question=not-reached&nation=" + "x" * 300, "nation"),
])
def test_api_bad_parameters_are_400_json(scenario, viewer_client, query, field):
    response = viewer_client.get(f"/api/v1/reach?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400
    assert any(p.startswith(field) for p in body["problems"])


def test_register_match_api(scenario, viewer_client):
    found = viewer_client.get("/api/v1/register/match?name=Welsh Council B&limit=2").get_json()
    assert found["matches"][0]["id"] == "w2"
    assert len(found["matches"]) <= 2
    assert viewer_client.get("/api/v1/register/match?name=Zzzz Qqqq").get_json()[
        "matches"] == []
    for query in ("", "name=", "name=" + "a" * (MAX_NAME + 1), "name=x&limit=0", "name=x&limit=abc"):
        response = viewer_client.get(f"/api/v1/register/match?{query}")
        assert response.status_code == 400
        assert response.get_json()["status"] == 400


# -- admin: organisations outside the register ---------------------------------------------------

def test_unmatched_page_is_for_admins_only(scenario, client_as):
    assert client_as("viewer").get("/admin/unmatched").status_code == 403


def test_unmatched_page_is_forbidden_to_editors(scenario, editor_client):
    assert editor_client.get("/admin/unmatched").status_code == 403


def test_unmatched_page_offers_a_merge_into_the_register_entry(scenario, admin_client):
    import_document(scenario, {
        "organisations": [{"id": "welsh-b-dup", "name": "Welsh Council B"}],
        "events": [{"id": "ev-dup", "name": "Dup event", "start": "2024-02-02",
                    "attendance": [{"organisation": "welsh-b-dup", "attendees": 1}]}]},
        allow_similar=True)  # a duplicate on purpose
    response = admin_client.get("/admin/unmatched")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # Engaged logged organisations outside the register are listed...
    assert "University X" in html
    assert "Old Partner Ltd" in html
    assert "welsh-b-dup" in html
    # ...with the confident match as a link to the merge preview, never a one-click merge.
    assert 'action="/organisations/merge"' not in html
    assert "/organisations/merge?keep=w2&amp;drop=welsh-b-dup" in html


# -- the dashboard partial -----------------------------------------------------------------------

def test_gaps_partial_renders_gaps_and_follow_ups(scenario, app):
    with app.test_request_context("/"):
        html = render_template("reach/_gaps.html",
                               gaps=reach.biggest_gaps(scenario, as_of=AS_OF),
                               follow_ups=reach.follow_ups(scenario, as_of=AS_OF))
    assert "Wales" in html
    assert "2 of 3 not reached" in html
    assert "English Council A" in html
    assert "Showcase 2023" in html
    with app.test_request_context("/"):
        empty = render_template("reach/_gaps.html", gaps=[], follow_ups=[])
    assert "No follow-ups due" in empty


def test_only_admins_see_the_link_to_the_unmatched_page(scenario, viewer_client, admin_client):
    assert "/admin/unmatched" not in viewer_client.get("/reach").get_data(as_text=True)
    assert "/admin/unmatched" in admin_client.get("/reach").get_data(as_text=True)


def test_editors_can_read_the_reach_page_and_api(scenario, editor_client):
    assert editor_client.get("/reach?question=follow-ups").status_code == 200
    assert editor_client.get("/api/v1/reach?question=coverage").status_code == 200
