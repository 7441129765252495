"""The upload, review and commit pages for attendee lists and programmes (real Neo4j)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from tests.conftest import login, make_user
from tests.sheets_files import forms_xlsx
from tests.sheets_helpers import ENCRYPTED, EVENTBRITE, PROGRAMME, attendance, seed
from tracker.repositories import domains
from tracker.repositories import events as events_repo
from tracker.repositories.graph import export_document


def _upload(client, path: Path, url: str = "/events/showcase-2023/attendance/import",
            **fields: str):  # type: ignore[no-untyped-def]
    data = {"file": (io.BytesIO(path.read_bytes()), path.name), **fields}
    return client.post(url, data=data, content_type="multipart/form-data")


def _review_url(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]


def _index(html: str, value: str) -> str:
    """The index of the select for a value on the review page."""
    match = re.search(r'<tr data-value="' + re.escape(value) + r'"[^>]*>.*?name="choice-(\d+)"',
                      html, re.S)
    assert match, value
    return match.group(1)


def test_upload_review_commit_attendance(app, db, editor_client, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    app.config["UPLOAD_DIR"] = str(tmp_path)
    url = _review_url(_upload(editor_client, EVENTBRITE))
    token = url.rsplit("/", 1)[1]
    # The review is kept on the server, next to the upload; it holds no e-mail address.
    state = (tmp_path / token / "review.json").read_text(encoding="utf-8")
    assert "@" not in state
    assert "Aisha" not in state
    html = editor_client.get(url).get_data(as_text=True)
    assert 'data-value="Data Unit" data-decision="ambiguous"' in html
    assert 'data-value="Acme Analytics Ltd" data-decision="new"' in html
    assert "shared by many organisations" in html  # gmail.com, nhs.net
    # Without choices: the problems are listed and nothing is written.
    response = editor_client.post(url, data={"action": "commit"})
    assert response.status_code == 400
    assert "still need a choice" in response.get_data(as_text=True)
    assert attendance(db, "showcase-2023") == {}
    choices = {f"choice-{_index(html, 'Data Unit')}": "org:data-unit-wales",
               f"choice-{_index(html, 'Acme Analytics Ltd')}": "new"}
    checked = editor_client.post(url, data={"action": "check", **choices})
    assert checked.status_code == 200
    assert 'id="review-ready"' in checked.get_data(as_text=True)
    assert attendance(db, "showcase-2023") == {}
    done = editor_client.post(url, data={"action": "commit", **choices})
    assert done.status_code == 302
    assert done.headers["Location"].startswith(
        "/events/showcase-2023")
    assert re.search(r'data-value="ONS".*?<td>abbreviation</td>', html, re.S)
    expected = {"ons": 3, "wg": 2, "moj": 2, "cardiff": 2, "data-unit-wales": 1,
                "acme-analytics-ltd": 1}
    assert attendance(db, "showcase-2023") == expected
    assert not (tmp_path / token).exists()
    assert export_document(db)["people"] == []  # by default only counts are stored
    page = editor_client.get("/events/showcase-2023").get_data(as_text=True)
    assert 'id="attendance-sources"' in page
    assert "eventbrite-attendees.csv" in page
    assert editor_client.get(url).status_code == 404  # committed: the review is gone


def _people(db) -> int:  # type: ignore[no-untyped-def]
    found = events_repo.get(db, "showcase-2023")
    assert found is not None
    return len(found["attendees"])


def test_keeping_people_is_a_choice_and_reimport_replaces(app, db, editor_client, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    app.config["UPLOAD_DIR"] = str(tmp_path)
    choices_for = {"Data Unit": "org:data-unit-wales", "Acme Analytics Ltd": "skip"}

    def run(keep: bool) -> None:
        url = _review_url(_upload(editor_client, EVENTBRITE))
        html = editor_client.get(url).get_data(as_text=True)
        assert "e-mail addresses are never stored" in html
        data = {"action": "commit", **{f"choice-{_index(html, v)}": c
                                       for v, c in choices_for.items()}}
        if keep:
            data["keep_people"] = "y"
        assert editor_client.post(url, data=data).status_code == 302

    run(keep=False)
    assert _people(db) == 0
    counts = attendance(db, "showcase-2023")
    assert "acme-analytics-ltd" not in counts  # left out
    run(keep=True)
    assert attendance(db, "showcase-2023") == counts  # replaced, not added
    found = events_repo.get(db, "showcase-2023")
    assert found is not None
    people = {p["name"]: p["organisation"] for p in found["attendees"]}
    assert people["Aisha Khan"] == "Office for National Statistics"
    assert people["Hannah Lee"] == "Data Unit"
    assert len(people) == sum(counts.values())
    # No e-mail address anywhere in what the tracker holds.
    assert "@" not in json.dumps(export_document(db))
    sources = found["attendance_sources"]
    assert len(sources) == 1
    assert sources[0]["people"] == len(people)
    run(keep=False)  # a later import without people unlinks the people it had added
    found = events_repo.get(db, "showcase-2023")
    assert found is not None
    assert found["attendees"] == []


def test_bad_upload_and_other_users(app, db, editor_client, viewer_client, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    app.config["UPLOAD_DIR"] = str(tmp_path)
    response = _upload(editor_client, ENCRYPTED)
    assert response.status_code == 400
    assert "protected with a password" in response.get_data(as_text=True)
    assert list(tmp_path.iterdir()) == []  # nothing kept
    assert _upload(viewer_client, EVENTBRITE).status_code in (302, 403)
    assert list(tmp_path.iterdir()) == []
    url = _review_url(_upload(editor_client, EVENTBRITE))
    other = login(app.test_client(), make_user(db, "editor", "another-editor")["username"])
    assert other.get(url).status_code == 404
    assert editor_client.get("/events/nope/attendance/import").status_code == 404
    cancel = editor_client.post(url + "/cancel")
    assert cancel.status_code == 302
    assert list(tmp_path.iterdir()) == []


def test_domain_map_page(db, editor_client):  # type: ignore[no-untyped-def]
    seed(db)
    bad = editor_client.post("/domains", data={"domain": "gmail.com", "organisation": "ons"})
    assert bad.status_code == 400
    assert "never identifies one" in bad.get_data(as_text=True)
    ok = editor_client.post("/domains", data={"domain": "ons.gov.uk", "organisation": "ons"})
    assert ok.status_code == 302
    page = editor_client.get("/domains").get_data(as_text=True)
    assert "ons.gov.uk" in page
    assert "Office for National Statistics" in page
    assert editor_client.post("/domains/ons.gov.uk/remove").status_code == 302
    after = editor_client.get("/domains").get_data(as_text=True)
    assert "Removed ons.gov.uk" in after
    assert "<td>ons.gov.uk</td>" not in after


def test_programme_upload_review_commit(app, db, editor_client, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    app.config["UPLOAD_DIR"] = str(tmp_path)
    url = _review_url(_upload(editor_client, PROGRAMME, url="/events/import-sheet"))
    html = editor_client.get(url).get_data(as_text=True)
    assert "45000 is an Excel serial date: read as 2023-03-15" in html
    choices = {f"choice-{_index(html, 'Data Unit')}": "org:data-unit-scotland",
               f"choice-{_index(html, 'Acme Analytics Ltd')}": "skip"}
    done = editor_client.post(url, data={"action": "commit", **choices})
    assert done.status_code == 302
    top = events_repo.get(db, "data-science-community-showcase-2023")
    assert top is not None
    assert len(top["sessions"]) == 2
    speakers = {(c["actor"], c["event"]) for c in top["contributors"] if c["role"] == "speaker"}
    assert ("data-unit-scotland", "splink-in-action") in speakers
    assert not any(c["actor"] == "acme-analytics-ltd" for c in top["contributors"])


def test_domain_suggestion_is_used_only_once_confirmed(app, db, editor_client, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    app.config["UPLOAD_DIR"] = str(tmp_path)
    choices_for = {"Data Unit": "skip", "Acme Analytics Ltd": "skip"}

    def review() -> tuple[str, str, dict[str, str]]:
        url = _review_url(_upload(editor_client, EVENTBRITE))
        html = editor_client.get(url).get_data(as_text=True)
        return url, html, {f"choice-{_index(html, v)}": c for v, c in choices_for.items()}

    url, html, choices = review()
    # ons.gov.uk is not in the map: the review suggests ONS (from the domain's name) ...
    match = re.search(r'<tr data-domain="ons.gov.uk">.*?name="(domain-\d+)".*?'
                      r'value="org:ons"', html, re.S)
    assert match, "no suggestion for ons.gov.uk"
    # ... but without a confirmation the blank row with an ons.gov.uk address is unattributed.
    checked = editor_client.post(url, data={"action": "check", **choices}).get_data(as_text=True)
    assert "e-mail domain not in the domain map" in checked
    done = editor_client.post(url, data={"action": "commit", match.group(1): "org:ons",
                                         **choices})
    assert done.status_code == 302
    assert attendance(db, "showcase-2023")["ons"] == 4  # three by name, one by the domain

    assert [(d["domain"], d["organisation"]) for d in domains.list_all(db)] == [
        ("ons.gov.uk", "ons")]
    # Remembered: the next review shows it as mapped, with no question asked.
    _url, html, _choices = review()
    row = re.search(r'<tr data-domain="ons.gov.uk">(.*?)</tr>', html, re.S)
    assert row
    assert "domain map" in row.group(1)
    assert "<select" not in row.group(1)


def test_sheet_and_columns_can_be_changed_on_the_review(app, db, editor_client, tmp_path):  # type: ignore[no-untyped-def]

    seed(db)
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    path = forms_xlsx(tmp_path / "forms.xlsx", extra_sheet=True)
    first = _upload(editor_client, path)
    assert first.status_code == 400
    assert "other sheets: &#39;Responses&#39;" in first.get_data(as_text=True)
    url = _review_url(_upload(editor_client, path, sheet="Responses"))
    html = editor_client.get(url).get_data(as_text=True)
    assert 'data-value="Ministry of Justice"' in html
    assert "<strong>Responses</strong>" in html
    # Read the same upload again with the Name column as the organisation column.
    again = editor_client.post(url + "/reread", data={"sheet": "Responses",
                                                      "organisation_column": "Name"})
    assert again.status_code == 302
    html = editor_client.get(url).get_data(as_text=True)
    assert 'data-value="Aisha Khan"' in html
    assert 'data-value="Ministry of Justice"' not in html
    bad = editor_client.post(url + "/reread", data={"sheet": "Nope"})
    assert bad.status_code == 400


def test_review_pages_say_which_cells_lost_control_characters(app, db, editor_client, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    attendees = tmp_path / "eventbrite-attendees.csv"
    attendees.write_text(EVENTBRITE.read_text(encoding="utf-8").replace(
        "Attending,Welsh Government,", "Attending,Welsh\x07 Government,", 1), encoding="utf-8")
    html = editor_client.get(_review_url(_upload(editor_client, attendees))).get_data(
        as_text=True)
    assert re.search(r'<p class="notice" id="cleaned">Control characters [^<]* removed from 1 '
                     r"cell: row 4, Company\.</p>", html)
    assert 'data-value="Welsh Government"' in html  # the cleaned value is what is matched
    programme = tmp_path / "programme.csv"
    programme.write_text(PROGRAMME.read_text(encoding="utf-8").replace(
        "Splink in Action", "Splink\x1b in Action", 1), encoding="utf-8")
    html = editor_client.get(_review_url(_upload(editor_client, programme,
                                                 url="/events/import-sheet"))).get_data(
        as_text=True)
    assert "removed from 1 cell: row 6, Name.</p>" in html
    clean = editor_client.get(_review_url(_upload(editor_client, PROGRAMME,
                                                  url="/events/import-sheet")))
    assert 'id="cleaned"' not in clean.get_data(as_text=True)
