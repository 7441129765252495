"""The impact and growth CLI, API and pages: shapes, errors, roles (real database)."""

import csv
import io
import json
import re
from urllib.parse import quote

import pytest
from flask import render_template
from markupsafe import escape

from tests.growth_data import GROWTH_ROWS, SECOND, SHOWCASE, THIRD, document
from tracker.repositories.graph import import_document
from tracker.services import growth as collaborations

RAP_2024 = {
    "event": "rap-2024",
    "new_links": [["c-ds", "o-newco"], ["o-newco", "pn-rap"]],
    "strengthened_links": [{"pair": ["c-ds", "pn-rap"], "before": 1, "after": 2}],
    "newly_reached": ["o-newco"],
    # New keys (issue 13). o-newco is new to the network, so no introduction and no bridge;
    # the largest component holds everyone before and after; Louvain (seeded, on strength)
    # finds two communities in the showcase's weighted clique, before and after.
    "closed_triangles": [],
    "bridges": [],
    "largest_component_share": {"before": 1.0, "after": 1.0, "change": 0.0},
    "communities": {"before": 2, "after": 2, "change": 0},
    "what_changed": [
        "No introductions: none of the new links joined two actors who already shared a "
        "partner.",
        "No bridges: none of the new links joined two parts of the network that were separate.",
        "The largest part of the network stayed at 100% of actors.",
        "Still 2 communities."],
}


@pytest.fixture
def loaded(db):
    import_document(db, document(SHOWCASE, SECOND, THIRD))
    return db


# -- CLI ---------------------------------------------------------------------------------------
def test_cli_impact_json_is_exactly_the_documented_shape(loaded, cli):
    result = cli("impact", "rap-2024", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == RAP_2024


def test_cli_impact_of_a_session_answers_for_its_collaboration(loaded, cli):
    result = cli("impact", "splink-in-action", "--json")
    assert json.loads(result.output)["event"] == "showcase-2023"


def test_cli_impact_table(loaded, cli):
    result = cli("impact", "rap-2024")
    assert result.exit_code == 0
    assert "2 new partnerships, 1 strengthened, 1 organisation reached" in result.output
    assert "New Council" in result.output
    assert "before" in result.output
    assert "0.8095" in result.output
    said = result.output.split("What changed in the network:\n")[1].splitlines()[:4]
    assert said == [f"  {line}" for line in RAP_2024["what_changed"]]


def test_cli_impact_unknown_id_exits_1_with_a_message(loaded, cli):
    result = cli("impact", "nope")
    assert result.exit_code == 1
    assert "no event with id 'nope'" in result.output


def test_cli_growth_json_and_by_month(loaded, cli):
    result = cli("growth", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == GROWTH_ROWS
    months = json.loads(cli("growth", "--json", "--by", "month").output)
    assert [m["month"] for m in months] == ["2023-11", "2024-03"]


def test_cli_growth_table(loaded, cli):
    result = cli("growth")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["DATE", "EVENT", "REACHED"]
    assert "emtech-2024" in lines[3]
    assert "0.7778" in lines[3]


def test_cli_growth_bad_by_is_refused(loaded, cli):
    result = cli("growth", "--by", "week")
    assert result.exit_code == 2


def test_cli_growth_on_an_empty_database(db, cli):
    assert json.loads(cli("growth", "--json").output) == []
    assert cli("growth").output.strip() == "(none)"


# -- API ---------------------------------------------------------------------------------------
def test_api_impact_for_a_viewer(loaded, viewer_client):
    response = viewer_client.get("/api/v1/events/rap-2024/impact")
    assert response.status_code == 200
    assert response.get_json() == RAP_2024


def test_api_impact_unknown_is_404_json(loaded, viewer_client):
    response = viewer_client.get("/api/v1/events/nope/impact")
    assert response.status_code == 404
    assert response.get_json() == {"error": "No event with id 'nope'.", "status": 404}


def test_api_growth(loaded, viewer_client):
    assert viewer_client.get("/api/v1/growth").get_json() == GROWTH_ROWS
    months = viewer_client.get("/api/v1/growth?by=month").get_json()
    assert months[1]["month"] == "2024-03"
    assert months[1]["new_links"] == 3
    bad = viewer_client.get("/api/v1/growth?by=year")
    assert bad.status_code == 400
    assert "by must be one of" in bad.get_json()["error"]


def test_api_needs_a_login(loaded, client):
    assert client.get("/api/v1/growth").status_code == 401
    assert client.get("/api/v1/events/rap-2024/impact").status_code == 401


# -- pages -------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["viewer", "editor", "admin"])
def test_every_role_can_read_the_pages(loaded, client_as, role):
    client = client_as(role)
    for path in ("/events/rap-2024/impact", "/growth", "/growth.csv",
                 "/growth/compare?from=2024-01-01&to=2024-12-31"):
        assert client.get(path).status_code == 200, path


def test_pages_need_a_login(loaded, client):
    for path in ("/events/rap-2024/impact", "/growth", "/growth.csv", "/growth/compare"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_impact_page_shows_the_summary_and_the_lists(loaded, viewer_client):
    html = viewer_client.get("/events/rap-2024/impact").get_data(as_text=True)
    assert "2 new partnerships, 1 strengthened, 1 organisation reached for the first time" in html
    assert "New Council" in html
    assert "RAP Network" in html
    assert 'id="strengthened-links"' in html
    assert "network-before-after" in html


def test_impact_page_of_a_session_says_so(loaded, viewer_client):
    html = viewer_client.get("/events/splink-in-action/impact").get_data(as_text=True)
    assert "is a session of this collaboration" in html
    assert "15 new partnerships" in html


def test_impact_page_unknown_is_404(loaded, viewer_client):
    response = viewer_client.get("/events/nope/impact")
    assert response.status_code == 404
    assert "No event with id" in response.get_data(as_text=True)


# No "/" in these: a slash cannot be part of one path segment, so such ids never route here.
@pytest.mark.parametrize("event_id", ["<img src=x onerror=alert(1)>", "' OR 1=1 --", "x" * 5000,
                                      "ünï©ødé"])
def test_hostile_unknown_ids_are_404s_shown_literally(loaded, viewer_client, event_id):
    page = viewer_client.get(f"/events/{quote(event_id, safe='')}/impact")
    assert page.status_code == 404
    assert "<img src=x" not in page.get_data(as_text=True)
    api = viewer_client.get(f"/api/v1/events/{quote(event_id, safe='')}/impact")
    assert api.status_code == 404
    assert api.get_json()["error"] == f"No event with id {event_id!r}."


def test_growth_page_has_the_chart_data_and_the_table(loaded, viewer_client):
    html = viewer_client.get("/growth").get_data(as_text=True)
    assert "vendor/chart.umd.js" in html
    assert 'id="chart-reached"' in html
    assert "Emerging tech meet-up" in html
    assert "2024-03" in html
    start = html.index('id="growth-data">') + len('id="growth-data">')
    data = json.loads(html[start:html.index("</script>", start)])
    assert [r["links"] for r in data] == [15, 17, 18]


def test_growth_csv_per_collaboration_and_per_month(loaded, viewer_client):
    response = viewer_client.get("/growth.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["event"] for r in rows] == ["showcase-2023", "rap-2024", "emtech-2024"]
    assert rows[1]["density"] == "0.8095"
    assert rows[1]["name"] == "RAP conference 2024"
    months = list(csv.DictReader(io.StringIO(
        viewer_client.get("/growth.csv?by=month").get_data(as_text=True))))
    assert [m["month"] for m in months] == ["2023-11", "2024-03"]
    assert viewer_client.get("/growth.csv?by=decade").status_code == 400


def test_csv_neutralises_formula_names(db, viewer_client):
    doc = document([{"id": "evil", "name": "=HYPERLINK(\"x\")", "start": "2024-01-01",
                     "contributors": [{"actor": "c-ds", "role": "host"}]}])
    import_document(db, doc)
    text = viewer_client.get("/growth.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text


def test_hostile_names_are_shown_literally(db, viewer_client):
    doc = document([{"id": "x", "name": "<script>alert(1)</script>", "start": "2024-01-01",
                     "contributors": [{"actor": "c-ds", "role": "host"}]}])
    import_document(db, doc)
    for path in ("/growth", "/events/x/impact"):
        html = viewer_client.get(path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "\\u003cscript" in html


def test_impact_page_says_all_four_changes_in_order(loaded, viewer_client):
    html = viewer_client.get("/events/rap-2024/impact").get_data(as_text=True)
    listed = html.split('<ul id="what-changed">')[1].split("</ul>")[0]
    assert listed == "".join(f"<li>{escape(line)}</li>" for line in RAP_2024["what_changed"])


def test_names_in_what_changed_are_shown_literally(db, viewer_client):
    hostile = [("o-a", "<b>Ann</b> & Co"), ("o-b", "Bob's <i>Lab</i>"), ("o-c", "<em>Cat</em>"),
               ("o-d", "<script>alert(1)</script>")]
    import_document(db, {"organisations": [{"id": i, "name": n} for i, n in hostile], "events": [
        {"id": "e1", "name": "One", "start": "2024-01-01",
         "contributors": [{"actor": "o-a", "role": "host"}, {"actor": "o-b", "role": "host"}]},
        {"id": "e2", "name": "Two", "start": "2024-02-01",
         "contributors": [{"actor": "o-c", "role": "host"}, {"actor": "o-d", "role": "host"}]},
        {"id": "e3", "name": "Three", "start": "2024-03-01",
         "contributors": [{"actor": "o-b", "role": "host"}, {"actor": "o-d", "role": "host"}]}]})
    line = collaborations.impact(db, "e3")["what_changed"][1]
    # Two parts of two: the first found (o-a's) counts as the largest, the other is named.
    assert line == ("Joined <em>Cat</em>'s part of the network (2 actors) to the rest of the "
                    "network (2 actors) through 1 new link: "
                    "<script>alert(1)</script> – Bob's <i>Lab</i>.")
    html = viewer_client.get("/events/e3/impact").get_data(as_text=True)
    assert f"<li>{escape(line)}</li>" in html
    assert "<script>alert(1)</script>" not in html
    assert "<i>Lab</i>" not in html
    assert "<em>Cat</em>" not in html
    counts = html.split('id="what-changed-counts">')[1].split("</div>\n</div>")[0]
    assert "0</span> introductions (" in counts
    assert "1</span> bridge (" in counts


def test_the_first_collaboration_page_has_no_was(loaded, viewer_client):
    report = collaborations.impact(loaded, "showcase-2023")
    assert report["before"]["actors"] == 0
    html = viewer_client.get("/events/showcase-2023/impact").get_data(as_text=True)
    counts = html.split('id="what-changed-counts">')[1].split("</div>\n</div>")[0]
    assert "(was" not in counts
    assert "; was" not in counts
    found = report["communities"]["after"]
    assert counts.endswith(f"{found}</span> {'community' if found == 1 else 'communities'} "
                           "(Louvain on tie strength)")
    assert "of actors in the largest connected part</div>" in counts
    assert report["what_changed"][0].startswith("No introductions: the network starts here")
    later = viewer_client.get("/events/rap-2024/impact").get_data(as_text=True)
    assert "(was 100.0%)" in later
    assert "; was 2)" in later


def test_compare_page_lists_the_changes(loaded, viewer_client):
    html = viewer_client.get("/growth/compare?from=2024-01-01&to=2024-12-31").get_data(
        as_text=True)
    assert "2 collaborations" in html
    assert "o-newco" in html
    assert "o-gos" in html
    assert "New Council" in html
    assert "RAP Network" in html


@pytest.mark.parametrize(("query", "message"), [
    ("from=2024-13-01&to=2024-12-31", "Not a valid date: use YYYY-MM-DD"),
    ("from=yesterday&to=2024-12-31", "Not a valid date: use YYYY-MM-DD"),
    ("from=2024-12-31&to=2024-01-01", "The end date must not be before the start date."),
    ("from=2024-01-01", "Give an end date as YYYY-MM-DD."),
    ("to=2024-01-01", "Give a start date as YYYY-MM-DD."),
])
def test_compare_bad_dates_are_a_400_with_a_clear_message(loaded, viewer_client, query,
                                                          message):
    response = viewer_client.get(f"/growth/compare?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_compare_without_dates_shows_the_form(loaded, viewer_client):
    response = viewer_client.get("/growth/compare")
    assert response.status_code == 200
    assert 'name="from"' in response.get_data(as_text=True)


def test_impact_summary_partial_renders_for_other_pages(loaded, app):
    with app.test_request_context():
        html = render_template("growth/_impact_summary.html",
                               impact=collaborations.impact(loaded, "rap-2024"))
        empty = render_template("growth/_impact_summary.html", impact=None)
    assert "2 new partnerships, 1 strengthened" in html
    # All four lines, the last one (communities) included.
    assert [str(escape(line)) for line in RAP_2024["what_changed"]] == [
        item.split("</li>")[0] for item in html.split("<li>")[1:]]
    assert "/events/rap-2024/impact" in html
    assert empty.strip() == ""


def test_empty_database_pages(db, viewer_client):
    assert "No collaborations yet" in viewer_client.get("/growth").get_data(as_text=True)
    assert viewer_client.get("/growth.csv").get_data(as_text=True).startswith("event,name,date")
    assert viewer_client.get("/api/v1/growth").get_json() == []


# -- the demo: four lines for every collaboration ---------------------------------------------
INTRODUCTIONS = re.compile(r"(No introductions: .+|1 introduction: .+|\d+ introductions: .+)\.")
BRIDGES = re.compile(r"(No bridges: .+|Joined .+)\.")
SHARE = re.compile(r"The largest part of the network (stayed at|grew from .+ to|shrank from .+ to"
                   r"|starts at) (?P<after>[\d.]+%) of actors\.")
COMMUNITIES = re.compile(r"(Still |Now |The network starts with )(?P<after>\d+) communit"
                         r"(y|ies)(, (up|down) from (?P<before>\d+))?\.")


def check_four_lines(report):
    """The four lines in order, each saying what the report's own keys say."""
    intro, bridge, share, groups = report["what_changed"]
    names = report["names"]
    assert INTRODUCTIONS.fullmatch(intro), intro
    assert intro.startswith("No ") == (not report["closed_triangles"])
    for t in report["closed_triangles"][:3]:
        assert f"{names[t['pair'][0]]} – {names[t['pair'][1]]}" in intro
    assert BRIDGES.fullmatch(bridge), bridge
    assert bridge.startswith("No ") == (not report["bridges"])
    for b in report["bridges"][:3]:
        a, c = (names[actor] for actor in b["pair"])
        assert f"{a} – {c}" in bridge or f"{c} – {a}" in bridge  # the joined part's actor first
    found = SHARE.fullmatch(share)
    assert found, share
    after = report["largest_component_share"]["after"] * 100
    assert found["after"] == f"{after:.1f}".removesuffix(".0") + "%"
    found = COMMUNITIES.fullmatch(groups)
    assert found, groups
    assert int(found["after"]) == report["communities"]["after"]
    assert (found["before"] is None) == (not report["communities"]["change"]
                                         or not report["communities"]["before"])


def test_the_demo_reports_say_four_lines_for_every_collaboration(cli, db, viewer_client):
    assert cli("demo").exit_code == 0
    events = [row["event"] for row in json.loads(cli("growth", "--json").output)]
    assert "showcase-2025" in events
    for event_id in events:
        check_four_lines(collaborations.impact(db, event_id))
    latest = collaborations.impact(db, "showcase-2025")
    from_cli = json.loads(cli("impact", "showcase-2025", "--json").output)
    from_api = viewer_client.get("/api/v1/events/showcase-2025/impact").get_json()
    assert from_cli["what_changed"] == from_api["what_changed"] == latest["what_changed"]
    plain = cli("impact", "showcase-2025").output
    for line in latest["what_changed"]:
        assert f"  {line}\n" in plain
    html = viewer_client.get("/events/showcase-2025/impact").get_data(as_text=True)
    assert "".join(f"<li>{escape(line)}</li>" for line in latest["what_changed"]) in html
