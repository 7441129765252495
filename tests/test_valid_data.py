"""Valid data in: one rule for ids and text on every entry path (forms, JSON import, the CLI,
spreadsheets), unknown keys refused with their JSON path, and nothing written when refused."""

from __future__ import annotations

import json

import pytest

from tests.events_helpers import seed
from tracker.interchange import check
from tracker.model import text_problem
from tracker.problems import Problems
from tracker.repositories.graph import import_document
from tracker.repositories.networks import NETWORKS
from tracker.repositories.organisations import ORGANISATIONS
from tracker.sheets.read import cell_text


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\r", "\x7f", "\x85", "\ufffe",
                                 "\ud800"])
def test_the_text_rule_refuses_control_and_invalid_characters(bad):
    assert text_problem(f"Name{bad}") is not None


@pytest.mark.parametrize("good", ["tab\there", "two\nlines", "ñ😀\u202e", "<&>\"'"])
def test_the_text_rule_keeps_tab_newline_and_any_printable_text(good):
    assert text_problem(good) is None


def test_the_importer_refuses_bad_text_unknown_keys_and_sections_with_their_paths():
    _, problems = check({
        "organisation": [],  # a typo for the section: nothing would be imported
        "organisations": [{"id": "a", "name": "A\x00", "nation": "Wales\x1b"},
                          {"id": "b", "name": "B", "tags": {"nested": True}}],
        "partner_networks": [{"id": "n", "name": "N"}],
        "memberships": [{"member": "a", "of": "n", "sinc": "2020-01-01"}],
        "events": [{"id": "e", "name": "E", "start": "2024-01-01",
                    "contributors": [{"actor": "a", "role": "host", "rol": "x"}],
                    "attendance": [{"organisation": "a", "atendees": 3, "attendees": 1}],
                    "feedback": [{"organisation": "a", "rating": 4, "coment": "typo"}]}],
    })
    paths = dict(problems)
    assert "unknown section" in paths["$.organisation"]
    assert "U+0000" in paths["$.organisations[0].name"]
    assert "U+001B" in paths["$.organisations[0].nation"]
    assert "would be lost" in paths["$.organisations[1].tags"]
    assert "unknown key" in paths["$.memberships[0].sinc"]
    assert "unknown key" in paths["$.events[0].contributors[0].rol"]
    assert "unknown key" in paths["$.events[0].attendance[0].atendees"]
    assert "unknown key" in paths["$.events[0].feedback[0].coment"]


def test_notes_and_extra_properties_are_still_fine():
    _, problems = check({"_notice": "made up", "organisations": [
        {"id": "a", "name": "A", "website": "https://a.example", "codes": ["x", "y"],
         "_comment": {"any": "thing"}, "gone": None}]})
    assert problems == []


@pytest.mark.parametrize("bad_id", ["a/b", "../../admin", "-x", "a b", "x" * 101, "é", "x\n"])
def test_ids_the_forms_refuse_are_refused_by_the_importer_and_the_repository(db, bad_id):
    with pytest.raises(Problems) as refused:
        import_document(db, {"organisations": [{"id": bad_id, "name": "X"}]})
    assert refused.value.paths == ["$.organisations[0].id"]
    with pytest.raises(Problems):
        ORGANISATIONS.create(db, bad_id, {"name": "X"})
    assert ORGANISATIONS.list(db)["total"] == 0


def test_cli_import_of_bad_text_lists_the_paths_and_writes_nothing(cli, db, tmp_path):
    seed(db)
    version = db.data_version()
    file = tmp_path / "bad.json"
    file.write_text(json.dumps({"organisations": [{"id": "x", "name": "Bell\x07"}],
                                "extra": []}), encoding="utf-8")
    result = cli("import", str(file))
    assert result.exit_code == 1
    assert "$.organisations[0].name: has the control character U+0007" in result.output
    assert "$.extra: unknown section" in result.output
    assert db.data_version() == version


def test_the_forms_refuse_control_characters_and_keep_textarea_newlines(db, editor_client):
    response = editor_client.post("/organisations/new", data={
        "id": "bell", "name": "Bell\x07 Org", "create_anyway": "y"})
    assert response.status_code == 400
    assert "U+0007" in response.get_data(as_text=True)
    assert ORGANISATIONS.get(db, "bell") is None
    response = editor_client.post("/networks/new", data={
        "id": "net", "name": "Net", "description": "line one\r\nline two"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert NETWORKS.get(db, "net")["item"]["description"] == "line one\nline two"


def test_spreadsheet_cells_lose_control_characters():
    assert cell_text("Min\x00istry of\x1fJustice\x07") == "Ministry of Justice"
