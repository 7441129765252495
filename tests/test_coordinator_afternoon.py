"""Issue 17: what a coordinator noticed in the first afternoon, each mended and pinned here.

Every test fails on the code before the fix (the issue's list, in its order).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from tests import reach_scenario
from tracker import forms, model
from tracker.paths import PROJECT_ROOT
from tracker.register import read_register
from tracker.repositories.graph import import_document
from tracker.repositories.register import DEFAULT_DIR

DOC = {
    "partner_networks": [{"id": "net-a", "name": "Analysts Network"}],
    "organisations": [{"id": "org-a", "name": "Org Alpha"}, {"id": "org-b", "name": "Org Beta"}],
    "people": [{"id": "p-1", "name": "Pat Speaker", "organisation": "org-a"}],
    "events": [
        {"id": "first", "name": "First Meetup", "start": "2026-01-10",
         "contributors": [{"actor": "org-a", "role": "host"}]},
        {"id": "day", "name": "One Day Workshop", "start": "2026-11-24", "end": "2026-11-24",
         "contributors": [{"actor": "net-a", "role": "curator"},
                          {"actor": "org-a", "role": "speaker"}],
         "attendance": [{"organisation": "org-b", "attendees": 4}],
         "speakers": ["p-1"],
         "feedback": [{"organisation": "org-b", "rating": 4, "work_together_again": True}]},
    ],
}


@pytest.fixture
def events(db):  # type: ignore[no-untyped-def]
    import_document(db, DOC)
    return db


# -- the event and impact pages ------------------------------------------------------------------

def test_event_page_shows_what_it_changed_and_links_to_its_impact_report(events, viewer_client):
    html = viewer_client.get("/events/day").get_data(as_text=True)
    assert "What One Day Workshop changed" in html
    assert 'href="/events/day/impact"' in html
    assert "new links" in html


def test_names_on_the_event_page_are_links_and_kinds_are_words(events, editor_client):
    html = editor_client.get("/events/day").get_data(as_text=True)
    assert '<a href="/networks/net-a">Analysts Network</a>' in html
    assert '<a href="/organisations/org-a">Org Alpha</a>' in html
    assert '<a href="/organisations/org-b">Org Beta</a>' in html  # attendance and feedback
    assert '<a href="/people/p-1">Pat Speaker</a>' in html
    assert "PartnerNetwork" not in html
    assert "<td>Partner network</td>" in html


def test_a_one_day_event_shows_one_date(events, viewer_client):
    for path in ("/events/day", "/events/day/impact"):
        html = viewer_client.get(path).get_data(as_text=True)
        assert "2026-11-24" in html
        assert "2026-11-24 to 2026-11-24" not in html, path


def test_names_on_the_impact_page_are_links(events, viewer_client):
    html = viewer_client.get("/events/day/impact").get_data(as_text=True)
    assert '<a href="/networks/net-a">Analysts Network</a>' in html  # a new link and a group
    assert '<a href="/organisations/org-b">Org Beta</a>' in html  # reached for the first time
    assert 'href="/events/day"' in html


# -- the reach page ------------------------------------------------------------------------------

@pytest.fixture
def scenario(db, tmp_path):  # type: ignore[no-untyped-def]
    reach_scenario.build(db, tmp_path)
    return db


def test_reach_lists_are_paged_and_the_csv_has_them_all(scenario, app, viewer_client):
    app.config["PAGE_SIZE"] = 2
    first = viewer_client.get("/reach?as_of=2025-01-01").get_data(as_text=True)
    assert "Not reached yet: 3 organisations" in first
    assert "Showing 1–2 of 3" in first
    assert "English Council D" in first
    assert "Welsh Council B" in first
    assert "Welsh Health Board C" not in first
    second = viewer_client.get("/reach?as_of=2025-01-01&page=2").get_data(as_text=True)
    assert "Welsh Health Board C" in second
    assert "English Council D" not in second
    csv_rows = viewer_client.get("/reach/not-reached.csv?as_of=2025-01-01&page=2")
    assert len(csv_rows.get_data(as_text=True).strip().splitlines()) == 4  # header + 3


def test_the_register_check_comes_before_the_filters_and_lists(scenario, viewer_client):
    html = viewer_client.get("/reach").get_data(as_text=True)
    assert html.index('id="find"') < html.index('aria-label="Filters"') < html.index('id="lists"')


@pytest.mark.parametrize(("query", "name"), [
    ("as_of=2025-01-01", "not-reached-2025-01-01.csv"),
    ("nation=Wales&type=Health board", "not-reached-wales-health-board-today.csv"),
])
def test_the_csv_name_says_which_filters_made_it(scenario, viewer_client, query, name):
    got = viewer_client.get(f"/reach/not-reached.csv?{query}")
    assert got.headers["Content-Disposition"] == f'attachment; filename="{name}"'


def test_the_lapsed_csv_name_carries_its_months(scenario, viewer_client):
    got = viewer_client.get("/reach/lapsed.csv?months=6&region=North East&as_of=2025-01-01")
    assert 'filename="lapsed-6-months-north-east-2025-01-01.csv"' in got.headers[
        "Content-Disposition"]


# -- the organisation and membership forms -------------------------------------------------------

def test_organisation_type_nation_and_region_are_choices(db, editor_client):
    html = editor_client.get("/organisations/new").get_data(as_text=True)
    assert re.search(r'<select[^>]*id="type"', html)
    assert '<option value="University">University</option>' in html
    assert re.search(r'<select[^>]*id="nation"', html)
    assert re.search(r'<select[^>]*id="region"', html)
    bad = editor_client.post("/organisations/new", data={
        "name": "Markup Org", "type": "<u>Type</u>", "create_anyway": "y"})
    assert bad.status_code == 400
    assert "Not a valid choice" in bad.get_data(as_text=True)
    assert editor_client.get("/organisations/markup-org").status_code == 404
    good = editor_client.post("/organisations/new", data={
        "name": "Choice Org", "type": "University", "nation": "Wales", "region": "Wales",
        "create_anyway": "y"})
    assert good.status_code == 302


def test_an_over_long_name_is_a_field_error_not_cut(db, editor_client):
    form = editor_client.get("/organisations/new").get_data(as_text=True)
    name_input = re.search(r'<input[^>]*id="name"[^>]*>', form).group(0)
    assert "maxlength" not in name_input  # the browser would cut a paste silently
    got = editor_client.post("/organisations/new", data={"name": "x" * 10_000,
                                                         "create_anyway": "y"})
    assert got.status_code == 400
    html = got.get_data(as_text=True)
    assert "There is a problem" in html
    assert f"longer than {model.MAX_NAME}" in html
    assert editor_client.get("/organisations?q=xxxx").get_data(as_text=True).count("xxxxxxxx") == 0


def test_editing_keeps_a_recorded_type_outside_the_vocabulary(db, editor_client):
    import_document(db, {"organisations": [{"id": "odd", "name": "Odd Body", "type": "Guild"}]})
    html = editor_client.get("/organisations/odd/edit").get_data(as_text=True)
    assert '<option selected value="Guild">Guild (as recorded)</option>' in html
    saved = editor_client.post("/organisations/odd/edit", data={"name": "Odd Body",
                                                                "type": "Guild"})
    assert saved.status_code == 302


def test_every_register_type_nation_and_region_is_in_the_vocabulary():
    register = read_register(DEFAULT_DIR)
    rows = [r for source in register.rows.values() for r in source]
    assert {r["type"] for r in rows if r["type"]} <= set(model.ORGANISATION_TYPES)
    assert {r["nation"] for r in rows if r["nation"]} <= set(model.NATIONS)
    assert {r["region"] for r in rows if r["region"]} <= set(model.REGIONS)


def test_membership_dates_in_the_wrong_order_are_a_field_error_with_names(events, editor_client):
    got = editor_client.post("/memberships", data={
        "member": "org-b", "of": "net-a", "since": "2024-05-01", "until": "2023-01-01",
        "back": "/organisations/org-b"})
    assert got.status_code == 400
    html = got.get_data(as_text=True)
    assert "There is a problem" in html
    assert '<a href="#until">Member until: The end date must not be before the start date.</a>' \
        in html
    assert "“Org Beta” in “Analysts Network”" in html


# -- errors, links and help ----------------------------------------------------------------------

def test_the_403_page_speaks_the_apps_words(db, viewer_client):
    got = viewer_client.get("/events/new")
    assert got.status_code == 403
    html = got.get_data(as_text=True)
    assert "This page needs an editor" in html
    assert "viewer" in html
    assert "permission to access the requested resource" not in html


def test_the_import_page_links_to_the_interchange_format(db, admin_client):
    html = admin_client.get("/admin/import").get_data(as_text=True)
    assert 'href="/help/interchange"' in html
    doc = admin_client.get("/help/interchange")
    assert doc.status_code == 200
    assert "<h1>The interchange format</h1>" in doc.get_data(as_text=True)
    assert admin_client.get("/help/nothing").status_code == 404


def test_the_admin_page_links_to_organisations_outside_the_register(db, admin_client):
    assert 'href="/admin/unmatched"' in admin_client.get("/admin").get_data(as_text=True)


def test_the_outside_register_page_follows_the_page_size(db, app, admin_client):
    import_document(db, {"organisations": [{"id": f"o{i}", "name": f"Body {i}"}
                                           for i in range(3)],
                         "events": [{"id": "e", "name": "E", "start": "2025-01-01",
                                     "attendance": [{"organisation": f"o{i}", "attendees": 1}
                                                    for i in range(3)]}]})
    app.config["PAGE_SIZE"] = 2
    html = admin_client.get("/admin/unmatched").get_data(as_text=True)
    assert "Page 1 of 2" in html or "page 1 of 2" in html


def test_table_cells_do_not_break_inside_words():
    css = (PROJECT_ROOT / "tracker/static/css/app.css").read_text(encoding="utf-8")
    assert not re.search(r"(^|[,\s])td[^{]*\{[^}]*overflow-wrap:\s*anywhere", css, re.M)


def test_growth_axes_use_short_labels_and_the_legend_uses_point_styles():
    charts = (PROJECT_ROOT / "tracker/static/js/growth-charts.js").read_text(encoding="utf-8")
    assert 'return r.date + " " + r.name' not in charts
    assert "return r.date; }" in charts
    dashboard = (PROJECT_ROOT / "tracker/static/js/dashboard.js").read_text(encoding="utf-8")
    assert "usePointStyle: true" in dashboard


# -- first run, README, Makefile, WTForms --------------------------------------------------------

def test_setup_prints_the_real_port_and_explains_its_counts(cli):
    result = cli("setup", "--port", "5077")
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5077/login" in result.output
    assert "127.0.0.1:5000" not in result.output
    assert "collaborations with" in result.output
    assert "organisations they reached" in result.output


def test_the_dashboard_says_what_its_counts_count(events, viewer_client):
    html = viewer_client.get("/").get_data(as_text=True)
    assert 'id="what-counts"' in html
    assert "Collaborations are top-level events" in html


def test_make_run_passes_its_port_and_stops_the_local_neo4j():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun: install\n", 1)[1].split("\n\n", 1)[0]
    assert "setup --host 127.0.0.1 --port $(PORT)" in recipe
    assert "trap '$(BIN)/tracker db stop' EXIT" in recipe


def test_the_readme_tells_the_truth_about_settings_and_stopping():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `TRACKER_NEO4J_HEAP`, `TRACKER_NEO4J_PAGECACHE` | memory of the local server | " \
           "`1g`, `256m` |" in readme
    first_run = readme.split("## What it does", 1)[0]
    assert "tracker db stop" in first_run
    assert "PORT=8080" in first_run


def _form_classes() -> list[type]:
    from flask_wtf import FlaskForm  # noqa: PLC0415 - only this helper needs it

    found = []
    for module_path in Path(forms.__file__).parent.glob("*.py"):
        module = __import__(f"tracker.forms.{module_path.stem}", fromlist=["*"])
        found += [v for v in vars(module).values()
                  if isinstance(v, type) and issubclass(v, FlaskForm) and v is not FlaskForm
                  and v.__module__ == module.__name__]
    return found


def test_no_form_raises_a_wtforms_deprecation_warning(app):
    classes = _form_classes()
    assert len(classes) > 10
    with app.test_request_context(), warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for cls in classes:
            form = cls(meta={"csrf": False})
            for field in form:
                field()  # rendering a select iterates its choices
                if hasattr(field, "pre_validate") and getattr(field, "choices", None):
                    field.data = None
                    list(field.iter_choices())


def test_wtforms_is_pinned_below_3_4_and_its_deprecations_fail_the_tests():
    pyproject = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"wtforms>=3.3,<3.4"' in pyproject
    assert "error:Passing SelectField choices:DeprecationWarning" in pyproject


def test_the_accessibility_statement_is_public_and_linked_from_every_page(db, client,
                                                                           viewer_client):
    statement = client.get("/accessibility")  # not logged in
    assert statement.status_code == 200
    html = statement.get_data(as_text=True)
    for heading in ("Accessibility statement for Partner Tracker", "Using this service",
                    "How accessible this service is", "Enforcement procedure",
                    "Compliance status", "Preparation of this accessibility statement"):
        assert heading in html, heading
    assert 'href="/accessibility"' in viewer_client.get("/").get_data(as_text=True)
    assert 'href="/accessibility"' in client.get("/login").get_data(as_text=True)


def test_fields_without_errors_point_at_no_error_list(db, editor_client):
    for path in ("/events/new", "/organisations/new", "/people/new"):
        html = editor_client.get(path).get_data(as_text=True)
        assert 'aria-describedby="None"' not in html, path
