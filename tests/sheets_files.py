"""Spreadsheet files made on the fly for the tests (each bad case and the Forms export)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

FORMS_HEADERS = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
                 "Which organisation do you work for?", "Anything else?"]


def forms_xlsx(path: Path, *, extra_sheet: bool = False) -> Path:
    """A Microsoft Forms export: responses on Sheet1, one row per response, dates as dates."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if extra_sheet:
        ws.title = "About"
        ws.append(["This workbook was made by hand"])
        ws = wb.create_sheet("Responses")
    else:
        ws.title = "Sheet1"
    ws.append(FORMS_HEADERS)
    started = dt.datetime(2023, 11, 1, 9, 0, 0)
    answers = [("aisha.khan@ons.gov.uk", "Aisha Khan", "ONS"),
               ("b.owen@ons.gov.uk", "Ben Owen", "ons "),
               ("carys.jones@gov.wales", "Carys Jones", "welsh government"),
               ("anonymous", "", "Ministry of Justice"),
               ("k.ali@cardiff.gov.uk", "Karim Ali", ""),
               ("fiona@outlook.com", "Fiona Reid", "")]
    for i, (email, name, org) in enumerate(answers, start=1):
        ws.append([i, started + dt.timedelta(minutes=i), started + dt.timedelta(minutes=i + 2),
                   email, name, None, org, None])
    wb.save(path)
    return path


def workbook(path: Path, rows: list[list[object]], *, merge: str | None = None,
             title: str = "Sheet1") -> Path:
    """A one-sheet workbook with the given rows (and one merged range)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def big_csv(path: Path, rows: int) -> Path:
    """An Eventbrite-shaped export with `rows` attendees from 200 organisations."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Order #,First Name,Surname,Email,Company\n")
        for i in range(rows):
            org = i % 200
            fh.write(f"{7000000 + i},Person,{i},p{i}@org{org}.example,Organisation {org}\n")
    return path
