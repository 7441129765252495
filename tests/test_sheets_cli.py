"""`tracker attendance import`, `tracker domains`, `tracker events import-sheet` on a real Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

from tests.sheets_files import big_csv, forms_xlsx, workbook
from tests.sheets_helpers import ENCRYPTED, EVENTBRITE, PROGRAMME, TEAMS, attendance, seed
from tracker.repositories import events as events_repo
from tracker.repositories.graph import import_document

KEYS = {"event", "rows", "attendance", "unattributed", "problems", "written", "cleaned"}


def _json(result):  # type: ignore[no-untyped-def]
    return json.loads(result.output)


def _without(path: Path, tmp_path: Path, *needles: str) -> Path:
    """A copy of a fixture without the lines containing any of the needles."""
    out = tmp_path / path.name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(line for line in lines if not any(n in line for n in needles)),
                   encoding="utf-8")
    return out


def test_ambiguous_and_unknown_are_problems_and_nothing_is_written(db, cli):  # type: ignore[no-untyped-def]
    seed(db)
    result = cli("attendance", "import", str(EVENTBRITE), "--event", "showcase-2023", "--json")
    assert result.exit_code == 1, result.output
    out = _json(result)
    assert set(out) == KEYS
    assert out["event"] == "showcase-2023"
    assert out["rows"] == 17
    assert out["written"] is False
    problems = {p["value"]: p for p in out["problems"]}
    assert problems["Data Unit"]["row"] == 9
    assert problems["Data Unit"]["problem"].startswith("ambiguous organisation (1 row): could be")
    assert problems["Acme Analytics Ltd"]["problem"].startswith("unknown organisation (1 row)")
    assert attendance(db, "showcase-2023") == {}
    # --create-new creates unknown ones, but an ambiguous one is still a problem.
    result = cli("attendance", "import", str(EVENTBRITE), "--event", "showcase-2023",
                 "--create-new", "--json")
    assert result.exit_code == 1
    assert [p["value"] for p in _json(result)["problems"]] == ["Data Unit"]
    assert attendance(db, "showcase-2023") == {}
    assert db.read("organisations/exists", ids=["acme-analytics-ltd"]) == []


def test_eventbrite_with_domains_and_create_new_exact_json(db, cli, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    assert cli("domains", "set", "ons.gov.uk", "ons").exit_code == 0
    assert cli("domains", "set", "gov.wales", "wg").exit_code == 0
    path = _without(EVENTBRITE, tmp_path, "Data Unit")
    args = ("attendance", "import", str(path), "--event", "showcase-2023", "--create-new",
            "--json")
    dry = cli(*args, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert _json(dry)["written"] is False
    assert attendance(db, "showcase-2023") == {}
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert _json(result) == {
        "event": "showcase-2023", "rows": 16,
        "attendance": [
            {"organisation": "acme-analytics-ltd", "attendees": 1, "how": "new"},
            # 'Cardiff Council' and 'cardiff council'.
            {"organisation": "cardiff", "attendees": 2, "how": "exact"},
            # 'MINISTRY OF JUSTICE' and the typo 'Minstry of Justice' (a tie goes to exact).
            {"organisation": "moj", "attendees": 2, "how": "exact"},
            # Two rows by name, 'ONS' (abbreviation), one blank row by its ons.gov.uk address.
            {"organisation": "ons", "attendees": 4, "how": "exact"},
            # By name, by its Welsh name, and one blank row by its gov.wales address.
            {"organisation": "wg", "attendees": 3, "how": "exact"},
        ],
        # gmail.com, nhs.net and yahoo.co.uk are shared; one row has neither organisation
        # nor address.
        "unattributed": 4, "problems": [], "written": True, "cleaned": ""}
    assert attendance(db, "showcase-2023") == {"acme-analytics-ltd": 1, "cardiff": 2, "moj": 2,
                                               "ons": 4, "wg": 3}
    # The same file again: the same attendance, not double; Acme is now found, not created.
    again = cli(*args)
    assert again.exit_code == 0
    assert _json(again)["attendance"][0] == {"organisation": "acme-analytics-ltd",
                                             "attendees": 1, "how": "exact"}
    assert attendance(db, "showcase-2023") == {"acme-analytics-ltd": 1, "cardiff": 2, "moj": 2,
                                               "ons": 4, "wg": 3}
    sources = events_repo.get(db, "showcase-2023")["attendance_sources"]  # type: ignore[index]
    assert [(s["file"], s["rows"], s["unattributed"], s["attendees"]) for s in sources] == [
        ("eventbrite-attendees.csv", 16, 4, 12)]


def test_teams_report_by_domain_and_table_output(db, cli):  # type: ignore[no-untyped-def]
    seed(db)
    cli("domains", "set", "ons.gov.uk", "ons")
    cli("domains", "set", "gov.wales", "wg")
    result = cli("attendance", "import", str(TEAMS), "--event", "toolshed")
    assert result.exit_code == 0, result.output
    assert "teams-attendance.csv (teams): 6 rows, header on row 10" in result.output
    assert "Unattributed rows: 3" in result.output
    assert "1 shared e-mail domain" in result.output
    assert "1 e-mail domain not in the domain map" in result.output
    assert attendance(db, "toolshed") == {"ons": 1, "wg": 2}
    # Counts of a session show on its collaboration's page, with where they came from.
    sources = events_repo.get(db, "showcase-2023")["attendance_sources"]  # type: ignore[index]
    assert [(s["event"], s["file"]) for s in sources] == [("toolshed", "teams-attendance.csv")]


def test_hand_entered_attendance_is_kept_when_a_file_is_reimported(db, cli, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)

    import_document(db, {"events": [{"id": "showcase-2023", "name": "Showcase 2023",
                                     "start": "2023-11-14",
                                     "attendance": [{"organisation": "moj", "attendees": 10}]}]})
    path = _without(EVENTBRITE, tmp_path, "Data Unit", "Acme")
    for _ in range(2):
        assert cli("attendance", "import", str(path), "--event", "showcase-2023").exit_code == 0
    assert attendance(db, "showcase-2023")["moj"] == 12


def test_forms_xlsx_with_sheet_and_columns(db, cli, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    path = forms_xlsx(tmp_path / "forms.xlsx", extra_sheet=True)
    result = cli("attendance", "import", str(path), "--event", "showcase-2023", "--sheet",
                 "Responses", "--organisation-column", "Which organisation do you work for?",
                 "--json")
    assert result.exit_code == 0, result.output
    assert _json(result) == {
        "event": "showcase-2023", "rows": 6,
        "attendance": [{"organisation": "moj", "attendees": 1, "how": "exact"},
                       # 'ONS' and 'ons ': the abbreviation, through the matcher.
                       {"organisation": "ons", "attendees": 2, "how": "match"},
                       {"organisation": "wg", "attendees": 1, "how": "exact"}],
        # cardiff.gov.uk is not in the domain map; outlook.com is shared.
        "unattributed": 2, "problems": [], "written": True, "cleaned": ""}


def test_unknown_event_and_bad_files_write_nothing(db, cli, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    result = cli("attendance", "import", str(TEAMS), "--event", "nope", "--json")
    assert result.exit_code == 1
    assert _json(result)["problems"] == [{"row": 0, "value": "",
                                          "problem": "No event has the id 'nope'."}]
    merged = workbook(tmp_path / "merged.xlsx", [["Email", "Company"], ["a@x.org", "ONS"],
                                                 ["b@x.org", None]], merge="B2:B3")
    for path, message in ((ENCRYPTED, "protected with a password"),
                          (merged, "are merged"), (tmp_path / "missing.csv", "no such file")):
        result = cli("attendance", "import", str(path), "--event", "showcase-2023")
        assert result.exit_code == 1, result.output
        assert message in result.output, result.output
    assert attendance(db, "showcase-2023") == {}


def test_domains_commands(db, cli):  # type: ignore[no-untyped-def]
    seed(db)
    assert cli("domains", "list").output.strip() == "(none)"
    assert cli("domains", "set", "@ONS.gov.uk", "ons").output.strip() == \
        "ons.gov.uk -> ons (Office for National Statistics)."
    for domain, message in (("nhs.net", "shared by many organisations"),
                            ("yahoo.co.uk", "shared"), ("not a domain", "is not an e-mail domain")):
        result = cli("domains", "set", domain, "ons")
        assert result.exit_code == 1
        assert message in result.output
    result = cli("domains", "set", "gov.wales", "nobody")
    assert result.exit_code == 1
    assert "No organisation has the id 'nobody'" in result.output
    cli("domains", "set", "ons.gov.uk", "wg")  # a second confirmation replaces the first
    listed = _json(cli("domains", "list", "--json"))
    assert [(r["domain"], r["organisation"]) for r in listed] == [("ons.gov.uk", "wg")]
    assert cli("domains", "remove", "ons.gov.uk").exit_code == 0
    assert cli("domains", "remove", "ons.gov.uk").exit_code == 1
    assert _json(cli("domains", "list", "--json")) == []


def test_programme_sheet(db, cli, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    result = cli("events", "import-sheet", str(PROGRAMME), "--json")
    assert result.exit_code == 1
    out = _json(result)
    assert set(out) == {"rows", "events", "contributions", "problems", "written", "cleaned"}
    assert {p["value"] for p in out["problems"]} == {"Data Unit", "Acme Analytics Ltd"}
    path = _without(PROGRAMME, tmp_path, "xx-none")
    text = path.read_text(encoding="utf-8").replace("; Data Unit", "")
    path.write_text(text, encoding="utf-8")
    result = cli("events", "import-sheet", str(path), "--create-new", "--json")
    assert result.exit_code == 0, result.output
    out = _json(result)
    assert out["written"] is True
    assert out["rows"] == 4
    by_name = {e["name"]: e for e in out["events"]}
    # An event already in the tracker (same name and start) is reused, not duplicated.
    assert by_name["The data science toolshed"] == {
        "id": "toolshed", "name": "The data science toolshed", "start": "2023-11-15",
        "end": None, "parent": by_name["Data Science Community Showcase 2023"]["id"],
        "existing": True}
    assert by_name["Linguistic Data meet-up"]["start"] == "2023-03-15"  # Excel serial 45000
    assert {"event": by_name["Splink in Action"]["id"], "actor": "acme-analytics-ltd",
            "role": "speaker", "how": "new"} in out["contributions"]
    assert {"event": "toolshed", "actor": "rap", "role": "co-host", "how": "exact"} \
        in out["contributions"]
    again = cli("events", "import-sheet", str(path), "--json")
    assert again.exit_code == 0, again.output
    def triples(o):  # type: ignore[no-untyped-def]
        return [(c["event"], c["actor"], c["role"]) for c in o["contributions"]]
    assert triples(_json(again)) == triples(out)
    assert {e["id"] for e in _json(again)["events"]} == {e["id"] for e in out["events"]}
    top = events_repo.get(db, by_name["Data Science Community Showcase 2023"]["id"])
    assert top is not None
    assert len(top["sessions"]) == 2
    assert len([c for c in top["contributors"] if c["event"] == "toolshed"]) == 4


def test_long_file_reports_progress(db, cli, tmp_path):  # type: ignore[no-untyped-def]

    seed(db)
    path = big_csv(tmp_path / "big.csv", 20_000)
    result = cli("attendance", "import", str(path), "--event", "showcase-2023", "--create-new",
                 "--dry-run")
    assert result.exit_code == 0, result.output
    assert "big.csv: 10,000 rows read" in result.output
    assert "big.csv: 20,000 rows read" in result.output
    assert "Dry run: nothing was written." in result.output
    assert attendance(db, "showcase-2023") == {}


def test_names_and_ids_beyond_the_model_limits_are_problems(db, cli, tmp_path):  # type: ignore[no-untyped-def]
    seed(db)
    long_name = "Very Long Organisation " * 20
    path = tmp_path / "long.csv"
    path.write_text(f"Email,Company\na@x.example,{long_name}\n", encoding="utf-8")
    result = cli("attendance", "import", str(path), "--event", "showcase-2023", "--create-new",
                 "--json")
    assert result.exit_code == 1
    assert "cannot create it: a name has at most 300 characters" in \
        _json(result)["problems"][0]["problem"]
    sheet = tmp_path / "programme.csv"
    sheet.write_text("Id,Date,Name,Host\n-bad id,2024-01-01,Meet-up,Welsh Government\n",
                     encoding="utf-8")
    result = cli("events", "import-sheet", str(sheet), "--json")
    assert result.exit_code == 1
    assert _json(result)["problems"][0]["value"] == "-bad id"


def test_control_characters_removed_from_cells_are_reported(db, cli, tmp_path):  # type: ignore[no-untyped-def]
    # Invisible characters pasted into cells are removed (a cell cannot be corrected on the
    # review) and the import says which cells lost them, on the table output and in --json.
    seed(db)
    path = _without(EVENTBRITE, tmp_path, "Data Unit")  # no ambiguous name: it would refuse
    text = path.read_text(encoding="utf-8")
    text = text.replace("Attending,Welsh Government,", "Attending,Welsh\x07 Government,", 1)
    path.write_text(text, encoding="utf-8")
    args = ("attendance", "import", str(path), "--event", "showcase-2023", "--create-new")
    table = cli(*args, "--dry-run")
    assert table.exit_code == 0, table.output
    assert "were removed from 1 cell: row 4, Company." in table.output
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    out = _json(result)
    assert out["cleaned"].endswith("removed from 1 cell: row 4, Company.")
    assert {a["organisation"]: a["how"] for a in out["attendance"]}["wg"] == "exact"
    assert "\x07" not in json.dumps(events_repo.get(db, "showcase-2023"))
    programme = tmp_path / "programme.csv"
    programme.write_text(PROGRAMME.read_text(encoding="utf-8").replace(
        "Splink in Action", "Splink\x1b in Action", 1), encoding="utf-8")
    listed = cli("events", "import-sheet", str(programme), "--json")
    assert _json(listed)["cleaned"].endswith("removed from 1 cell: row 6, Name.")
