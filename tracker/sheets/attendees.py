"""Attendee lists: find the organisation and e-mail columns, then count rows per value.

The scan keeps no names and no addresses: each row becomes the pair (organisation value,
e-mail domain) and only the counts of those pairs leave this module. People are read again
from the file, at commit time, only when the coordinator chose to keep them (``people``).

>>> detect_columns(["Order #", "First Name", "Surname", "Email", "Company"])
{'organisation': 4, 'email': 3, 'upn': None}
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracker.sheets.domains import email_domain, teams_upn_email
from tracker.sheets.read import (
    Cell,
    SheetError,
    Table,
    cell_text,
    merged_in_columns,
    normalise_header,
    open_table,
)

# Headers of the organisation column in Eventbrite, Microsoft Forms and hand-made lists.
ORGANISATION_HEADERS = ("organisation", "organization", "company", "company name",
                        "organisation name", "organization name", "employer", "affiliation",
                        "department", "your organisation", "your organization")
ORGANISATION_WORDS = ("organisation", "organization", "company", "employer", "affiliation")
EMAIL_HEADERS = ("email", "e-mail", "email address", "e-mail address", "attendee email",
                 "work email", "work e-mail")
UPN_HEADERS = ("participant id (upn)", "upn", "user principal name")
NAME_HEADERS = ("name", "full name", "attendee name", "participant name", "display name")
FIRST_NAME_HEADERS = ("first name", "given name", "forename")
LAST_NAME_HEADERS = ("surname", "last name", "family name")
# Values people type when they have no organisation to give.
BLANK_VALUES = frozenset({"", "-", "--", ".", "n/a", "na", "none", "nil", "null", "tbc", "?"})
PROGRESS_EVERY = 10_000


def _find(headers: list[str], exact: tuple[str, ...], words: tuple[str, ...] = ()) -> int | None:
    normalised = [normalise_header(h) for h in headers]
    for wanted in exact:
        if wanted in normalised:
            return normalised.index(wanted)
    for i, h in enumerate(normalised):
        if any(w in h for w in words):
            return i
    return None


def detect_columns(headers: list[str], organisation: str | None = None,
                   email: str | None = None) -> dict[str, int | None]:
    """Column indexes of the organisation, e-mail and Teams UPN columns (None when absent).

    `organisation` and `email` name a header to use instead of the detected one.
    """
    def named(name: str) -> int | None:
        wanted = normalise_header(name)
        return next((i for i, h in enumerate(headers) if normalise_header(h) == wanted), None)

    org = named(organisation) if organisation else _find(headers, ORGANISATION_HEADERS,
                                                          ORGANISATION_WORDS)
    mail = named(email) if email else _find(headers, EMAIL_HEADERS, ("email", "e-mail"))
    upn = None if email else _find(headers, UPN_HEADERS)
    if mail is not None and mail == upn:
        upn = None
    return {"organisation": org, "email": mail, "upn": upn}


def header_test(organisation: str | None, email: str | None) -> Callable[[list[str]], bool]:
    """Whether a row is the header: it names the chosen columns, or an e-mail/organisation one."""
    def test(cells: list[str]) -> bool:
        if sum(1 for c in cells if c) < 2 and not (organisation or email):
            return False
        found = detect_columns(cells, organisation, email)
        if organisation and found["organisation"] is None:
            return False
        if email and found["email"] is None:
            return False
        return any(v is not None for v in found.values())
    return test


def blank(value: str) -> bool:
    """True for an organisation cell that says nothing ('', 'n/a', '-')."""
    return value.casefold() in BLANK_VALUES


def value_key(value: str) -> str:
    """The grouping key of an organisation value: case and spacing do not make a new one."""
    return re.sub(r"\s+", " ", value).strip().casefold()


@dataclass
class AttendeeScan:
    """Counts per (organisation value, e-mail domain), and the spelling shown for each value."""
    file: str
    kind: str
    sheet: str | None
    sheets: list[str]
    encoding: str | None
    header_row: int
    headers: list[str]
    columns: dict[str, str | None]
    rows: int = 0
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    first_row: dict[tuple[str, str], int] = field(default_factory=dict)
    spellings: dict[str, Counter[str]] = field(default_factory=dict)
    sha256: str = ""
    cleaned: list[str] = field(default_factory=list)  # cells that lost control characters

    def display(self, key: str) -> str:
        """The most common spelling of a value (ties: the first seen)."""
        counter = self.spellings.get(key)
        return counter.most_common(1)[0][0] if counter else key


def open_attendees(path: Path, *, sheet: str | None = None, organisation_column: str | None = None,
                   email_column: str | None = None) -> tuple[Table, dict[str, int | None]]:
    """Open an attendee list and find its columns; SheetError when it has neither column."""
    want = ("a row of column names with an organisation column (Company, Organisation) or an "
            "e-mail column (Email, Participant ID (UPN))")
    if organisation_column or email_column:
        want = "a row naming the column(s) " + " and ".join(
            repr(c) for c in (organisation_column, email_column) if c)
    table = open_table(path, header_test(organisation_column, email_column), sheet=sheet,
                       want=want)
    columns = detect_columns(table.headers, organisation_column, email_column)
    used = [c for c in columns.values() if c is not None]
    merged = merged_in_columns(table, used) if table.merged else []
    if merged:
        table.close()
        raise SheetError(f"{path.name}: cells {', '.join(merged[:5])} are merged; unmerge them "
                         "(Excel: Merge & Center > Unmerge Cells), fill every row, and import "
                         "again.")
    return table, columns


def _formula_check(table: Table, columns: dict[str, int | None]) -> None:
    for col in columns.values():
        if col is not None and col in table.formulas:
            raise SheetError(f"{table.path.name}: cell {table.formulas[col]} holds a formula; "
                             "paste values instead (Excel: Copy, then Paste Special > Values) "
                             "and import again.")


def row_email(cells: list[Cell], columns: dict[str, int | None]) -> str:
    """The row's e-mail address: the e-mail column, else a Teams guest's UPN."""
    for key in ("email", "upn"):
        col = columns.get(key)
        if col is not None and col < len(cells):
            text = cell_text(cells[col])
            if key == "upn":
                text = teams_upn_email(text) or ""
            if "@" in text:
                return text
    return ""


def scan(path: Path, *, sheet: str | None = None, organisation_column: str | None = None,
         email_column: str | None = None,
         progress: Callable[[int], None] | None = None) -> AttendeeScan:
    """Read every row once and count (organisation value, e-mail domain) pairs.

    Names and e-mail addresses are not kept: only the domain of each address is.
    """
    table, columns = open_attendees(path, sheet=sheet, organisation_column=organisation_column,
                                    email_column=email_column)
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    result = AttendeeScan(
        file=path.name, kind=table.kind, sheet=table.sheet, sheets=table.sheets,
        encoding=table.encoding, header_row=table.header_row, headers=table.headers,
        columns={k: (table.headers[v] if v is not None and v < len(table.headers) else None)
                 for k, v in columns.items()}, sha256=digest.hexdigest())
    if columns["organisation"] is None and columns["email"] is None and columns["upn"] is None:
        table.close()
        raise SheetError(f"{path.name}: no organisation or e-mail column; the columns are "
                         + ", ".join(repr(h) for h in table.headers if h) + ". Name one with "
                         "--organisation-column or --email-column.")
    org_col = columns["organisation"]
    try:
        for number, cells in table.rows:
            result.rows += 1
            value = cell_text(cells[org_col]) if org_col is not None and org_col < len(cells) \
                else ""
            key = "" if blank(value) else value_key(value)
            if key:
                result.spellings.setdefault(key, Counter())[value] += 1
            domain = email_domain(row_email(cells, columns)) or ""
            pair = (key, domain)
            result.pairs[pair] += 1
            result.first_row.setdefault(pair, number)
            if progress and result.rows % PROGRESS_EVERY == 0:
                progress(result.rows)
        _formula_check(table, columns)
        result.cleaned = table.cleaned
    finally:
        table.close()
    if result.rows == 0:
        raise SheetError(f"{path.name}: the header row (row {result.header_row}) has no rows "
                         "below it.")
    return result


@dataclass(frozen=True)
class PersonRow:
    """One attendee, read only at commit time and only when people are kept."""
    row: int
    name: str
    value: str  # grouping key of the organisation value
    domain: str


def people(path: Path, *, sheet: str | None = None, organisation_column: str | None = None,
           email_column: str | None = None) -> Iterator[PersonRow]:
    """Each row's name, organisation value and e-mail domain (the address itself is dropped)."""
    table, columns = open_attendees(path, sheet=sheet, organisation_column=organisation_column,
                                    email_column=email_column)
    headers = table.headers
    full = _find(headers, NAME_HEADERS)
    first, last = _find(headers, FIRST_NAME_HEADERS), _find(headers, LAST_NAME_HEADERS)
    org_col = columns["organisation"]
    try:
        for number, cells in table.rows:
            def text(col: int | None, cells: list[Cell] = cells) -> str:
                return cell_text(cells[col]) if col is not None and col < len(cells) else ""
            name = text(full) or " ".join(t for t in (text(first), text(last)) if t)
            value = text(org_col)
            yield PersonRow(number, name, "" if blank(value) else value_key(value),
                            email_domain(row_email(cells, columns)) or "")
    finally:
        table.close()
