"""Event programmes: one row per event or session, with role columns of ';'-separated names.

>>> role_for_header("Speakers' organisations"), role_for_header("Co-hosts"), role_for_header("Date")
('speaker', 'co-host', None)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.model import id_problem, name_problem
from tracker.sheets.read import (
    Cell,
    SheetError,
    cell_text,
    merged_in_columns,
    normalise_header,
    open_table,
    parse_date,
)

NAME_HEADERS = ("name", "event", "event name", "title", "event title", "session",
                "session name", "session title", "collaboration")
START_HEADERS = ("date", "start", "start date", "date (start)", "when", "starts", "from")
END_HEADERS = ("end", "end date", "date (end)", "until", "to", "ends", "finish")
PARENT_HEADERS = ("parent", "parent event", "part of", "event it is part of", "within")
ID_HEADERS = ("id", "event id")
# Checked in order: "co-host" before "host".
ROLE_WORDS = (("co host", "co-host"), ("cohost", "co-host"), ("curat", "curator"),
              ("host", "host"), ("speak", "speaker"), ("promot", "promoter"),
              ("sponsor", "sponsor"), ("partner", "partner"))
PROGRESS_EVERY = 10_000


def role_for_header(header: str) -> str | None:
    """The contribution role a column holds ('Promoted by' -> 'promoter'), or None."""
    h = normalise_header(header).replace("-", " ").replace("_", " ")
    if h in NAME_HEADERS or h in START_HEADERS or h in END_HEADERS or h in PARENT_HEADERS:
        return None
    return next((role for word, role in ROLE_WORDS if word in h), None)


def _index(headers: list[str], names: tuple[str, ...]) -> int | None:
    normalised = [normalise_header(h) for h in headers]
    return next((normalised.index(n) for n in names if n in normalised), None)


def detect_columns(headers: list[str]) -> dict[str, object]:
    """Indexes of the name, start, end, parent and id columns, and role -> column indexes."""
    roles: dict[str, list[int]] = {}
    for i, header in enumerate(headers):
        role = role_for_header(header)
        if role:
            roles.setdefault(role, []).append(i)
    return {"name": _index(headers, NAME_HEADERS), "start": _index(headers, START_HEADERS),
            "end": _index(headers, END_HEADERS), "parent": _index(headers, PARENT_HEADERS),
            "id": _index(headers, ID_HEADERS), "roles": roles}


def _is_header(cells: list[str]) -> bool:
    found = detect_columns(cells)
    return found["name"] is not None and found["start"] is not None


def split_names(text: str) -> list[str]:
    """'Data Cymru; Welsh Government ;' -> ['Data Cymru', 'Welsh Government'] (order kept)."""
    out: list[str] = []
    for part in text.split(";"):
        name = re.sub(r"\s+", " ", part).strip()
        if name and name.casefold() not in (n.casefold() for n in out):
            out.append(name)
    return out


@dataclass
class ProgrammeRow:
    """One event or session as written in the sheet."""
    row: int
    name: str
    start: dt.date | None
    end: dt.date | None
    parent: str
    id: str
    roles: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Programme:
    """The rows of a programme sheet and the problems found in them (row, value, problem)."""
    file: str
    kind: str
    sheet: str | None
    sheets: list[str]
    header_row: int
    headers: list[str]
    columns: dict[str, object]
    rows: list[ProgrammeRow] = field(default_factory=list)
    problems: list[dict[str, object]] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)  # cells that lost control characters


def _read_row(number: int, cells: list[Cell], columns: dict[str, object],
              roles: dict[str, list[int]]) -> tuple[ProgrammeRow, list[dict[str, object]]]:
    """One programme row and its problems (no name, a bad or missing date, end before start)."""

    def cell(key: str) -> Cell:
        col = columns[key]
        return cells[col] if isinstance(col, int) and col < len(cells) else None

    name = cell_text(cell("name"))
    row = ProgrammeRow(row=number, name=name, start=None, end=None,
                       parent=cell_text(cell("parent")), id=cell_text(cell("id")))
    problems = _name_and_id_problems(row)
    for key in ("start", "end"):
        try:
            day, note = parse_date(cell(key))
        except ValueError as exc:
            problems.append({"row": number, "value": cell_text(cell(key)),
                             "problem": f"{key} date: {exc}"})
            continue
        setattr(row, key, day)
        if note:
            row.notes.append(note)
    if row.start is None and not problems:
        problems.append({"row": number, "value": name, "problem": "the row has no start date"})
    if row.start and row.end and row.end < row.start:
        problems.append({"row": number, "value": row.end.isoformat(),
                         "problem": "the end date is before the start date"})
    row.roles = _row_roles(cells, roles)
    return row, problems


def _name_and_id_problems(row: ProgrammeRow) -> list[dict[str, object]]:
    """A missing or too long event name, an id the model refuses."""
    problems: list[dict[str, object]] = []
    if not row.name:
        problems.append({"row": row.row, "value": "", "problem": "the row has no event name"})
    elif problem := name_problem(row.name, "event name"):
        problems.append({"row": row.row, "value": row.name[:60] + "…", "problem": str(problem)})
    if row.id and (problem := id_problem(row.id)):
        problems.append({"row": row.row, "value": row.id, "problem": str(problem)})
    return problems


def _row_roles(cells: list[Cell], roles: dict[str, list[int]]) -> dict[str, list[str]]:
    """The names in each role's columns of one row (each name once, roles without names left out)."""
    found: dict[str, list[str]] = {}
    for role, cols in roles.items():
        names: list[str] = []
        for col in cols:
            if col < len(cells):
                names += [n for n in split_names(cell_text(cells[col])) if n not in names]
        if names:
            found[role] = names
    return found


def read_programme(path: Path, *, sheet: str | None = None,
                   progress: Callable[[int], None] | None = None) -> Programme:
    """Read a programme sheet; row problems are collected, unreadable files raise SheetError."""
    table = open_table(path, _is_header, sheet=sheet,
                       want="a row of column names with a name column (Name, Event, Title, "
                            "Session) and a date column (Date, Start)")
    columns = detect_columns(table.headers)
    roles: dict[str, list[int]] = columns["roles"]  # type: ignore[assignment]
    used = [c for k, c in columns.items() if k != "roles" and isinstance(c, int)]
    used += [c for cols in roles.values() for c in cols]
    merged = merged_in_columns(table, used) if table.merged else []
    if merged:
        table.close()
        raise SheetError(f"{path.name}: cells {', '.join(merged[:5])} are merged; unmerge them "
                         "(Excel: Merge & Center > Unmerge Cells), fill every row (a session's "
                         "parent event on each of its rows), and import again.")
    result = Programme(file=path.name, kind=table.kind, sheet=table.sheet, sheets=table.sheets,
                       header_row=table.header_row, headers=table.headers,
                       columns={k: (table.headers[v] if isinstance(v, int) else None)
                                for k, v in columns.items() if k != "roles"}
                       | {"roles": {r: [table.headers[c] for c in cs] for r, cs in roles.items()}})

    try:
        for count, (number, cells) in enumerate(table.rows, start=1):
            row, problems = _read_row(number, cells, columns, roles)
            result.rows.append(row)
            result.problems += problems
            if progress and count % PROGRESS_EVERY == 0:
                progress(count)
        for col in used:
            if col in table.formulas:
                raise SheetError(f"{path.name}: cell {table.formulas[col]} holds a formula; "
                                 "paste values instead (Excel: Copy, then Paste Special > "
                                 "Values) and import again.")
        result.cleaned = table.cleaned
    finally:
        table.close()
    if not result.rows:
        raise SheetError(f"{path.name}: the header row (row {result.header_row}) has no rows "
                         "below it.")
    return result
