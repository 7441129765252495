"""The spreadsheet readers on their own (no database): formats, headers, columns, bad files."""

from __future__ import annotations

import codecs
import datetime as dt
import doctest
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.sheets_files import big_csv, forms_xlsx, workbook
from tests.sheets_helpers import ENCRYPTED, EVENTBRITE, PROGRAMME, TEAMS
from tracker.services import sheets as service
from tracker.sheets import attendees, domains, programme
from tracker.sheets import attendees as attendees_module
from tracker.sheets.read import SheetError, parse_date


def test_eventbrite_export_columns_and_pairs() -> None:
    scan = attendees.scan(EVENTBRITE)
    assert (scan.kind, scan.header_row, scan.rows) == ("csv", 1, 17)
    assert scan.columns == {"organisation": "Company", "email": "Email", "upn": None}
    # Case and spacing do not make a new value; the most common spelling is shown.
    assert scan.pairs[("office for national statistics", "ons.gov.uk")] == 2
    assert scan.display("office for national statistics") == "Office for National Statistics"
    # 'n/a' is blank; an e-mail address is reduced to its domain, nothing else is kept.
    assert scan.pairs[("", "nhs.net")] == 1
    assert scan.pairs[("", "")] == 1
    assert not any("@" in k or "@" in d for k, d in scan.pairs)


def test_teams_report_utf16_summary_first_and_stops_at_next_section() -> None:
    scan = attendees.scan(TEAMS)
    assert scan.kind == "teams"
    assert scan.encoding == "utf-16"
    assert scan.header_row == 10  # found below the summary section, not assumed
    assert scan.columns == {"organisation": None, "email": "Email", "upn": "Participant ID (UPN)"}
    assert scan.rows == 6  # the In-Meeting Activities section is not read as participants
    # A guest's original address is recovered from the #EXT# UPN when Email is blank.
    assert scan.pairs[("", "gov.wales")] == 2


def test_forms_xlsx_and_sheet_choice(tmp_path: Path) -> None:
    scan = attendees.scan(forms_xlsx(tmp_path / "forms.xlsx"))
    assert scan.kind == "xlsx"
    assert scan.sheet == "Sheet1"
    assert scan.rows == 6
    assert scan.columns["organisation"] == "Which organisation do you work for?"
    assert scan.pairs[("ministry of justice", "")] == 1  # 'anonymous' is not an address
    path = forms_xlsx(tmp_path / "two.xlsx", extra_sheet=True)
    with pytest.raises(SheetError, match="no header row found"):
        attendees.scan(path)  # the first sheet is a note, not the responses
    assert attendees.scan(path, sheet="responses").sheet == "Responses"
    with pytest.raises(SheetError, match="no sheet named 'Nope'; the sheets are 'About', "
                                         "'Responses'"):
        attendees.scan(path, sheet="Nope")


def test_columns_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "own.csv"
    path.write_text("Who,Employer (as typed),Contact\nA,Welsh Government,a@gov.wales\n",
                    encoding="utf-8")
    scan = attendees.scan(path, organisation_column="employer (as typed)", email_column="Contact")
    assert scan.columns == {"organisation": "Employer (as typed)", "email": "Contact", "upn": None}
    assert scan.pairs == {("welsh government", "gov.wales"): 1}
    with pytest.raises(SheetError, match="expected a row naming the column"):
        attendees.scan(path, organisation_column="Company")


def test_encodings(tmp_path: Path) -> None:
    text = "Name,Company\nZoë,Cyngor Gwynedd – Café\n"
    for encoding, name in (("utf-8", "plain.csv"), ("utf-8-sig", "bom.csv"),
                           ("cp1252", "windows.csv")):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        scan = attendees.scan(path)
        assert scan.display("cyngor gwynedd – café") == "Cyngor Gwynedd – Café", encoding
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Name,Company\nA,\x81\x8d broken \xff\n")
    with pytest.raises(SheetError, match="neither UTF-8 nor Windows-1252"):
        attendees.scan(bad)
    nobom = tmp_path / "utf16.csv"
    nobom.write_bytes("Name\tEmail\nA\ta@ons.gov.uk\n".encode("utf-16-le"))
    assert attendees.scan(nobom).pairs == {("", "ons.gov.uk"): 1}


HEADER = ["Name", "Surname", "Email", "Quantity", "Company"]


def _corrupt(tmp_path: Path) -> Path:
    good = forms_xlsx(tmp_path / "good.xlsx")
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(good.read_bytes()[:2000])
    return path


def _merged(tmp_path: Path) -> Path:
    path = workbook(tmp_path / "merged.xlsx",
                    [["Sign-up sheet (banner merged above the header is fine)"], HEADER,
                     ["a", "b", "a@ons.gov.uk", 1, "ONS"], ["c", "d", "c@ons.gov.uk", 1, None]],
                    merge="E3:E4")
    # The banner merge above the header does not count; the one in the data does.
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("A1:E1")  # type: ignore[union-attr]
    wb.save(path)
    return path


def _written(name: str, data: bytes) -> Callable[[Path], Path]:
    def write(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path
    return write


BAD_FILES: dict[str, Callable[[Path], Path]] = {
    "empty-file": _written("empty.csv", b""),
    "no-header": _written("no-header.csv",
                          "".join(f"{i},{i * 2},{i * 3}\n" for i in range(80)).encode()),
    "empty-sheet": lambda tmp_path: workbook(tmp_path / "empty.xlsx", []),
    "corrupt": _corrupt,
    "password": lambda tmp_path: ENCRYPTED,
    "old-xls": _written("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024),
    "formula": lambda tmp_path: workbook(tmp_path / "formula.xlsx",
                                         [HEADER, ["a", "b", "a@ons.gov.uk", 1, "=LOWER(B2)"]]),
    "merged": _merged,
    "binary": _written("binary.csv", b"\x00\x00\x00\x01" * 500),
    "header-only": _written("header-only.csv", (",".join(HEADER) + "\n").encode()),
}


@pytest.mark.parametrize(("case", "message"), [
    ("empty-file", "the file is empty"),
    ("no-header", "no header row found in the first 50 rows"),
    ("empty-sheet", "the sheet is empty"),
    ("corrupt", "the .xlsx workbook is damaged"),
    ("password", "protected with a password"),
    ("old-xls", "old-style .xls"),
    ("formula", "cell E2 (=LOWER(B2)) holds a formula; paste values"),
    ("merged", "cells E3:E4 are merged; unmerge them"),
    ("binary", "not a text file"),
    ("header-only", "has no rows below it"),
])
def test_bad_files_get_one_clear_message(tmp_path: Path, case: str, message: str) -> None:
    path = BAD_FILES[case](tmp_path)
    with pytest.raises(SheetError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace(".", r"\.")):
        attendees.scan(path)


def test_encrypted_fixture_is_a_real_encrypted_workbook() -> None:
    data = ENCRYPTED.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    assert not zipfile.is_zipfile(ENCRYPTED)


def test_200000_rows_with_progress(tmp_path: Path) -> None:
    path = big_csv(tmp_path / "big.csv", 200_000)
    seen: list[int] = []
    scan = attendees.scan(path, progress=seen.append)
    assert scan.rows == 200_000
    assert len(scan.spellings) == 200
    assert seen[:2] == [10_000, 20_000]
    assert seen[-1] == 200_000


def test_dates() -> None:
    assert parse_date(45236) == (dt.date(2023, 11, 6),
                                 "45236 is an Excel serial date: read as 2023-11-06")
    assert parse_date("45236")[0] == dt.date(2023, 11, 6)
    assert parse_date("06/11/2023") == (dt.date(2023, 11, 6), None)  # day first (UK)
    assert parse_date("6 Nov 2023") == (dt.date(2023, 11, 6), None)
    assert parse_date(dt.datetime(2023, 11, 6, 9, 30)) == (dt.date(2023, 11, 6), None)
    assert parse_date("") == (None, None)
    for bad, reason in (("31/02/2023", "is not a real date"), ("next Tuesday", "is not a date"),
                        (12, "is a number, not a date")):
        with pytest.raises(ValueError, match=reason):
            parse_date(bad)


def test_programme_sheet() -> None:
    sheet = programme.read_programme(PROGRAMME)
    assert sheet.header_row == 3
    assert sheet.problems == []
    assert sheet.columns["roles"] == {"host": ["Host"], "co-host": ["Co-hosts"],
                                      "speaker": ["Speakers' organisations"],
                                      "promoter": ["Promoted by"]}
    first, toolshed, _splink, meetup = sheet.rows
    assert first.end == dt.date(2023, 11, 16)
    assert first.roles["co-host"] == ["Data Cymru", "Welsh Government"]
    assert toolshed.parent == "Data Science Community Showcase 2023"
    assert meetup.start == dt.date(2023, 3, 15)
    assert "Excel serial date" in meetup.notes[0]


def test_programme_xlsx_with_real_dates_and_bad_rows(tmp_path: Path) -> None:
    path = workbook(tmp_path / "p.xlsx", [
        ["Date", "Name", "Host"],
        [dt.datetime(2024, 5, 1), "Spring meet-up", "ONS"],
        ["someday", "Undated", "ONS"],
        [dt.datetime(2024, 6, 1), None, "ONS"],
    ])
    sheet = programme.read_programme(path)
    assert [r.start for r in sheet.rows][:1] == [dt.date(2024, 5, 1)]
    assert [(p["row"], p["problem"][:10]) for p in sheet.problems] == [
        (3, "start date"), (4, "the row ha")]


def test_domains() -> None:
    assert domains.email_domain("A.B@Sub.ONS.gov.uk") == "sub.ons.gov.uk"
    assert domains.lookup_order("sub.ons.gov.uk") == ["sub.ons.gov.uk", "ons.gov.uk"]
    assert domains.lookup_order("nhs.net") == []
    assert domains.lookup_order("gov.uk") == []
    for shared in ("nhs.net", "gov.uk", "gmail.com", "outlook.com", "hotmail.com", "yahoo.co.uk",
                   "yahoo.fr", "icloud.com"):
        assert domains.is_shared(shared)
    assert not domains.is_shared("gov.wales")
    assert domains.teams_upn_email("carys_gov.wales#EXT#@x.onmicrosoft.com") == "carys@gov.wales"
    assert domains.suggestion_text("ons.gov.uk") == "ons"


def test_utf16_bom_detected() -> None:
    assert TEAMS.read_bytes().startswith(codecs.BOM_UTF16_LE)


def test_doctests() -> None:
    for module in (domains, attendees_module, programme, service):
        assert doctest.testmod(module).failed == 0, module.__name__
