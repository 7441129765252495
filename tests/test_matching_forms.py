"""Never create silently: the collaboration form, the organisation form and the JSON importer
resolve typed names through the matcher (real register, real Neo4j), and /admin/unmatched only
suggests confident matches, a page at a time, as links to the merge preview."""

from __future__ import annotations

import json

import pytest

from tests.events_helpers import attendance, contributor, form_data
from tracker.problems import Problems
from tracker.repositories import events
from tracker.repositories.graph import export_document, import_document
from tracker.repositories.register import import_register


@pytest.fixture
def registered(db):  # type: ignore[no-untyped-def]
    import_register(db)
    return db


def _organisation_ids(db) -> set[str]:  # type: ignore[no-untyped-def]
    return {o["id"] for o in export_document(db).get("organisations", [])}


def _post(**rows: str) -> dict[str, str]:
    return {"name": "Showcase 2023", "start": "2023-11-14", **rows}


@pytest.mark.parametrize(("typed", "expected", "name"), [
    ("ONS", "govuk-office-for-national-statistics", "Office for National Statistics"),
    ("welsh government", "govuk-welsh-government", "Welsh Government"),
    ("HMRC", "govuk-hm-revenue-customs", "HM Revenue & Customs"),
])
def test_typing_an_abbreviation_or_case_variant_uses_the_register_organisation(
        registered, editor_client, typed: str, expected: str, name: str) -> None:
    before = _organisation_ids(registered)
    response = editor_client.post("/events/new", data=_post(**{
        "contributors-0-actor_name": typed, "contributors-0-role": "speaker",
        "attendance-0-organisation_name": typed, "attendance-0-attendees": "5"}),
        follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert f"{typed} → {name}".replace("&", "&amp;") in html
    assert _organisation_ids(registered) == before  # nothing created
    doc = export_document(registered)
    event = next(e for e in doc["events"] if e["name"] == "Showcase 2023")
    assert {c["actor"] for c in event["contributors"]} == {expected}
    assert {a["organisation"] for a in event["attendance"]} == {expected}


def test_an_unknown_name_asks_before_creating_and_nothing_is_written(registered,
                                                                   editor_client) -> None:
    before = export_document(registered)
    asked = editor_client.post("/events/new", data=_post(**{
        "contributors-0-actor_name": "University of Glasgow",
        "contributors-0-role": "speaker"}))
    html = asked.get_data(as_text=True)
    assert asked.status_code == 400
    assert "create a new organisation “University of Glasgow”" in html
    assert 'name="contributors-0-actor_choice" value="new"' in html
    assert 'value="la-glg"' not in html or "Is it one of these?" in html
    assert export_document(registered) == before  # nothing written until chosen
    created = editor_client.post("/events/new", data=_post(**{
        "contributors-0-actor_name": "University of Glasgow",
        "contributors-0-role": "speaker", "contributors-0-actor_choice": "new"}))
    assert created.status_code == 302
    orgs = {o["name"]: o["id"] for o in export_document(registered)["organisations"]}
    assert "University of Glasgow" in orgs
    assert orgs["University of Glasgow"] != "la-glg"


def test_a_split_body_offers_every_successor_and_the_choice_is_used(registered,
                                                                   editor_client) -> None:
    asked = editor_client.post("/events/new", data=_post(**{
        "attendance-0-organisation_name": "Public Health England",
        "attendance-0-attendees": "3"}))
    html = asked.get_data(as_text=True)
    assert asked.status_code == 400
    assert "Is it one of these?" in html
    assert 'value="govuk-uk-health-security-agency"' in html
    assert 'value="govuk-office-for-health-improvement-and-disparities"' in html
    chosen = editor_client.post("/events/new", data=_post(**{
        "attendance-0-organisation_name": "Public Health England",
        "attendance-0-attendees": "3",
        "attendance-0-organisation_choice": "govuk-uk-health-security-agency"}))
    assert chosen.status_code == 302
    event = next(e for e in export_document(registered)["events"]
                 if e["name"] == "Showcase 2023")
    assert event["attendance"] == [{"organisation": "govuk-uk-health-security-agency",
                                    "attendees": 3}]


def _person(db, name: str) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    return next((p for p in export_document(db).get("people", []) if p["name"] == name), None)


def test_a_new_speakers_organisation_goes_through_the_matcher(registered,
                                                              editor_client) -> None:
    before = _organisation_ids(registered)
    response = editor_client.post("/events/new", data=_post(**{
        "speakers-0-person_name": "Ada Speaker", "speakers-0-organisation_name": "DWP"}),
        follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "DWP → Department for Work and Pensions" in html
    assert _organisation_ids(registered) == before  # no organisation called "DWP" made
    person = _person(registered, "Ada Speaker")
    assert person is not None
    assert person["organisation"] == "govuk-department-for-work-pensions"


def test_an_unknown_speaker_organisation_asks_first_and_writes_nothing(registered,
                                                                        editor_client) -> None:
    before = export_document(registered)
    asked = editor_client.post("/events/new", data=_post(**{
        "speakers-0-person_name": "Bo Speaker",
        "speakers-0-organisation_name": "University of Glasgow"}))
    html = asked.get_data(as_text=True)
    assert asked.status_code == 400
    assert 'name="speakers-0-organisation_choice" value="new"' in html
    assert export_document(registered) == before  # neither the person nor the organisation
    created = editor_client.post("/events/new", data=_post(**{
        "speakers-0-person_name": "Bo Speaker",
        "speakers-0-organisation_name": "University of Glasgow",
        "speakers-0-organisation_choice": "new"}))
    assert created.status_code == 302
    orgs = {o["name"]: o["id"] for o in export_document(registered)["organisations"]}
    person = _person(registered, "Bo Speaker")
    assert person is not None
    assert person["organisation"] == orgs["University of Glasgow"]


def test_an_existing_speaker_keeps_their_organisation(registered, editor_client) -> None:
    import_document(registered, {"people": [{"id": "cy", "name": "Cy Speaker",
                                             "organisation": "govuk-welsh-government"}]})
    response = editor_client.post("/events/new", data=_post(**{
        "speakers-0-person_name": "Cy Speaker",
        "speakers-0-organisation_name": "Some Unknown Trust"}))
    assert response.status_code == 302  # no question: the typed organisation is not used
    person = _person(registered, "Cy Speaker")
    assert person is not None
    assert person["organisation"] == "govuk-welsh-government"
    assert "Some Unknown Trust" not in {o["name"] for o in
                                        export_document(registered)["organisations"]}


def test_a_speaker_row_needs_the_speaker(registered, editor_client) -> None:
    response = editor_client.post("/events/new", data=_post(**{
        "speakers-0-organisation_name": "DWP"}))
    assert response.status_code == 400
    assert "Pick or type the speaker." in response.get_data(as_text=True)


def test_the_repository_refuses_to_create_unasked_and_reports_choices(registered) -> None:
    with pytest.raises(Problems) as caught:
        events.save(registered, form_data(contributors=[contributor(
            "", "Cardiff University", "speaker", choice="")]))
    assert caught.value.paths == ["contributors-0-actor_name"]
    assert "contributors-0-actor_name" in caught.value.choices
    notes: list[str] = []
    saved = events.save(registered, form_data(attendance=[attendance("", "DWP", 4, choice="")]),
                        notes=notes)
    assert notes == ["DWP → Department for Work and Pensions"]
    assert saved


def test_the_organisation_form_offers_the_match_before_creating(registered,
                                                               editor_client) -> None:
    before = _organisation_ids(registered)
    offered = editor_client.post("/organisations/new", data={"name": "ONS"})
    html = offered.get_data(as_text=True)
    assert "Is it one of these?" in html
    assert "govuk-office-for-national-statistics" in html
    assert "abbreviation of" in html
    assert _organisation_ids(registered) == before
    created = editor_client.post("/organisations/new", data={"name": "ONS",
                                                              "create_anyway": "y"})
    assert created.status_code == 302
    assert len(_organisation_ids(registered)) == len(before) + 1


def test_the_json_importer_refuses_probable_duplicates_unless_allowed(registered, cli,
                                                                     tmp_path) -> None:
    doc = {"organisations": [{"id": "ons-copy", "name": "O.N.S."},
                             {"id": "uni-glasgow", "name": "University of Glasgow"}]}
    with pytest.raises(Problems) as caught:
        import_document(registered, doc)
    assert len(caught.value.messages) == 1
    assert "govuk-office-for-national-statistics" in caught.value.messages[0]
    assert "ons-copy" not in _organisation_ids(registered)
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    refused = cli("import", str(path))
    assert refused.exit_code == 1
    assert "--allow-similar" in refused.output
    allowed = cli("import", str(path), "--allow-similar")
    assert allowed.exit_code == 0, allowed.output
    assert {"ons-copy", "uni-glasgow"} <= _organisation_ids(registered)


def test_unmatched_suggests_only_confident_matches_as_links_a_page_at_a_time(
        registered, admin_client) -> None:
    extra = {"organisations": [{"id": "ons-typed", "name": "ONS"},
                               {"id": "glasgow-uni", "name": "University of Glasgow"}],
             "events": [{"id": "ev", "name": "Ev", "start": "2023-01-01",
                         "attendance": [{"organisation": "ons-typed", "attendees": 2},
                                        {"organisation": "glasgow-uni", "attendees": 3}]}]}
    import_document(registered, extra, allow_similar=True)
    html = admin_client.get("/admin/unmatched").get_data(as_text=True)
    row_glasgow = html[html.index("glasgow-uni"):]
    row_glasgow = row_glasgow[:row_glasgow.index("</tr>")]
    assert "No confident match" in row_glasgow
    assert "la-glg" not in row_glasgow
    row_ons = html[html.index("ons-typed"):]
    row_ons = row_ons[:row_ons.index("</tr>")]
    assert "govuk-office-for-national-statistics" in row_ons
    assert "/organisations/merge?keep=govuk-office-for-national-statistics" in row_ons
    assert 'method="post"' not in html.split("<table")[1]  # no one-click merge
    assert admin_client.get("/admin/unmatched?page=999").status_code == 200
    assert admin_client.get("/admin/unmatched?page=x").status_code == 200
