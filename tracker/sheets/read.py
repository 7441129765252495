"""Open a spreadsheet file, find its header row, and stream its data rows.

Formats are recognised by content, not by the file name: a zip is an ``.xlsx`` workbook, an OLE2
compound file is an old ``.xls`` or a password-protected workbook, a UTF-16 byte order mark is
the Microsoft Teams attendance report, anything else is CSV text in UTF-8 (with or without BOM)
or Windows-1252. Every way a file can be unreadable raises ``SheetError`` with one sentence a
coordinator can act on; nothing is read half-way and then written.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.model import BAD_CHARACTERS
from tracker.problems import Problems

HEADER_SEARCH_ROWS = 50  # the header row is looked for among the first rows, not assumed
Cell = str | int | float | dt.datetime | dt.date | None
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
# Bytes Windows-1252 leaves undefined: their presence means the text is in neither encoding.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_SECTION = re.compile(r"^\d+\.\s+\S")  # "3. In-Meeting Activities" ends the Teams participants


class SheetError(Problems):
    """A file that cannot be read as a table; the one message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__([("", message)])


@dataclass
class Table:
    """A header row and the data rows below it (streamed once; blank rows skipped)."""

    path: Path
    kind: str  # "csv", "teams" or "xlsx"
    headers: list[str]
    header_row: int  # 1-based line (CSV) or row (xlsx) number of the header
    rows: Iterator[tuple[int, list[Cell]]]
    encoding: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    # Cells holding a formula, by column index (xlsx only): reported when a used column has one.
    formulas: dict[int, str] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)
    closer: Callable[[], None] | None = None
    # Data cells whose control characters cell_text removes ("row 7, Organisation"), filled as
    # the rows are read, so that the review can say so.
    cleaned: list[str] = field(default_factory=list)

    def column(self, name: str) -> int | None:
        """The index of a header (case and spaces ignored), or None."""
        wanted = normalise_header(name)
        for i, header in enumerate(self.headers):
            if normalise_header(header) == wanted:
                return i
        return None

    def close(self) -> None:
        """Release the file (a workbook keeps its zip open while rows are read)."""
        if self.closer is not None:
            self.closer()
            self.closer = None


def normalise_header(text: Any) -> str:
    """'  Participant ID (UPN) ' -> 'participant id (upn)'; curly quotes become straight."""
    value = "" if text is None else str(text)
    value = value.replace("\u2019", "'").replace("\ufeff", "")
    return re.sub(r"\s+", " ", value).strip().casefold()


def cell_text(value: Cell) -> str:
    """A cell as trimmed text (numbers without a trailing .0, dates as ISO).

    Characters no stored text may hold (control characters pasted in with a name, see
    tracker.model.BAD_CHARACTERS) are removed: a cell cannot be corrected on the review page.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return BAD_CHARACTERS.sub("", re.sub(r"\s+", " ", str(value))).strip()


def open_table(path: Path, is_header: Callable[[list[str]], bool], *, sheet: str | None = None,
               want: str = "a header row") -> Table:
    """Open path and find its header row: the first row (of the first 50) that is_header accepts.

    `want` describes the header in the message when none is found.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise SheetError(f"{path.name}: no such file.") from None
    except IsADirectoryError:
        raise SheetError(f"{path.name}: is a folder, not a file.") from None
    if not head:
        raise SheetError(f"{path.name}: the file is empty.")
    if head.startswith(_ZIP):
        table = _open_xlsx(path, sheet)
    elif head.startswith(_OLE2):
        raise SheetError(_ole2_message(path))
    else:
        if sheet:
            raise SheetError(f"{path.name}: --sheet only applies to .xlsx workbooks; this is a "
                             "text file.")
        table = _open_text(path)
    return _find_header(table, is_header, want)


# -- header ----------------------------------------------------------------------------------
def _find_header(table: Table, is_header: Callable[[list[str]], bool], want: str) -> Table:
    seen = 0
    first: list[str] | None = None
    for number, cells in table.rows:
        texts = [cell_text(c) for c in cells]
        if not any(texts):
            continue
        seen += 1
        first = first or texts
        if is_header(texts):
            while texts and not texts[-1]:
                texts.pop()
            table.headers = texts
            table.header_row = number
            table.rows = _data_rows(table.rows, table)
            table.merged = [m for m in table.merged if _merge_top(m) >= number]
            return table
        if seen >= HEADER_SEARCH_ROWS:
            break
    table.close()
    where = f"sheet {table.sheet!r} of {table.path.name}" if table.sheet else table.path.name
    if first is None:
        raise SheetError(f"{where}: the sheet is empty (no cell has a value)." if table.sheet
                         else f"{where}: the file has no rows.")
    shown = ", ".join(repr(t) for t in first if t)[:160]
    others = [s for s in table.sheets if s != table.sheet]
    hint = (" The workbook's other sheets: " + ", ".join(repr(s) for s in others)
            + " (choose one with --sheet or the Sheet field).") if others else ""
    raise SheetError(f"{where}: no header row found in the first {HEADER_SEARCH_ROWS} rows: "
                     f"expected {want}. The first row reads {shown}.{hint}")


def _data_rows(rows: Iterator[tuple[int, list[Cell]]], table: Table
               ) -> Iterator[tuple[int, list[Cell]]]:
    for number, cells in rows:
        if not any(c not in (None, "") and (not isinstance(c, str) or c.strip()) for c in cells):
            continue
        table.cleaned += [f"row {number}, {_column_name(table.headers, col)}"
                          for col, c in enumerate(cells)
                          if isinstance(c, str) and BAD_CHARACTERS.search(c)]
        if table.kind == "teams":
            texts = [cell_text(c) for c in cells]
            if _SECTION.match(texts[0]) and not any(texts[1:]):
                return  # the next section of the report starts: the participants table ended
        yield number, cells


def _column_name(headers: list[str], col: int) -> str:
    """A column's header, or its place when it has none ("column 4")."""
    return headers[col] if col < len(headers) and headers[col] else f"column {col + 1}"


def cleaned_notice(cleaned: list[str], shown: int = 5) -> str:
    """One sentence saying which cells lost control characters ("" when none did).

    >>> cleaned_notice(["row 3, Name", "row 9, Organisation"]).split(": ")[1]
    'row 3, Name; row 9, Organisation.'
    >>> cleaned_notice([f"row {n}, Name" for n in range(2, 9)], shown=2).split(": ")[1]
    'row 2, Name; row 3, Name; and 5 more.'
    """
    if not cleaned:
        return ""
    more = f"; and {len(cleaned) - shown} more" if len(cleaned) > shown else ""
    cells = "cell" if len(cleaned) == 1 else "cells"
    return ("Control characters (invisible characters that no stored text may hold) were "
            f"removed from {len(cleaned)} {cells}: " + "; ".join(cleaned[:shown]) + more + ".")


# -- text: CSV and the Teams report -----------------------------------------------------------
def detect_encoding(path: Path) -> str:
    """utf-8-sig, utf-16 or cp1252 after reading the whole file; SheetError when none fits."""
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        sample = fh.read(4096)
        if sample and sample.count(b"\x00") * 4 > len(sample):
            # Mostly NUL bytes: UTF-16 without its byte order mark (every other byte is 0).
            odd, even = sample[1::2], sample[0::2]
            # ASCII-range text in UTF-16: one half of the bytes almost all zero, the other not.
            if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
                return "utf-16-le"
            if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
                return "utf-16-be"
            raise SheetError(f"{path.name}: this is not a text file (it holds binary data); "
                             "export the list as CSV (UTF-8) or .xlsx.")
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        undefined = False
        try:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                undefined = undefined or any(b in _CP1252_UNDEFINED for b in chunk)
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError as exc:
            bad_at = offset + exc.start
        # Not UTF-8: Windows-1252 if no byte it leaves undefined occurs anywhere in the file.
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            undefined = undefined or any(b in _CP1252_UNDEFINED for b in chunk)
        if undefined:
            raise SheetError(f"{path.name}: the text is neither UTF-8 nor Windows-1252 (first bad "
                             f"byte at position {bad_at}); save it again as “CSV UTF-8”.")
        return "cp1252"


def _open_text(path: Path) -> Table:
    encoding = detect_encoding(path)
    fh = path.open("r", encoding=encoding, newline="", errors="strict")
    first_lines = list(_peek_lines(fh, 60))
    fh.seek(0)
    kind = "teams" if encoding.startswith("utf-16") else "csv"
    delimiter = _delimiter(first_lines, default="\t" if kind == "teams" else ",")
    if first_lines and any(re.match(r"^\ufeff?\s*(1\.\s*summary|meeting summary)", line, re.I)
                           for line in first_lines[:2]):
        kind = "teams"
    if any("\x00" in line for line in first_lines):
        fh.close()
        raise SheetError(f"{path.name}: the text holds NUL characters: it is not a CSV export.")
    reader = csv.reader(fh, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for cells in reader:
                if cells and isinstance(cells[0], str):
                    cells[0] = cells[0].lstrip("\ufeff")
                yield reader.line_num, list(cells)
        except csv.Error as exc:
            raise SheetError(f"{path.name}, line {reader.line_num}: not valid CSV ({exc}).") from None
        except UnicodeDecodeError:
            raise SheetError(f"{path.name}: the text changes encoding part-way through; save it "
                             "again as “CSV UTF-8”.") from None

    return Table(path=path, kind=kind, headers=[], header_row=0, rows=rows(), encoding=encoding,
                 closer=fh.close)


def _peek_lines(fh: io.TextIOBase, limit: int) -> Iterable[str]:
    for i, line in enumerate(fh):
        if i >= limit:
            return
        yield line


def _delimiter(lines: list[str], default: str) -> str:
    """The separator most lines agree on (comma, semicolon or tab)."""
    best, best_score = default, 0
    for candidate in (",", ";", "\t"):
        counts = [line.count(candidate) for line in lines if line.strip()]
        score = sum(1 for c in counts if c > 0)
        if score > best_score or (score == best_score and candidate == default):
            best, best_score = candidate, score
    return best


# -- xlsx --------------------------------------------------------------------------------------
def _ole2_message(path: Path) -> str:
    with path.open("rb") as fh:
        data = fh.read(1 << 20)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (f"{path.name}: the workbook is protected with a password; open it in Excel, "
                "remove the password (File > Info > Protect Workbook) or save a copy as CSV, "
                "and import that.")
    return (f"{path.name}: this is an old-style .xls workbook; open it in Excel and save it as "
            ".xlsx or CSV UTF-8.")


def _choose_sheet(path: Path, names: list[str], sheet: str | None) -> str:
    """The sheet asked for (exact name first, then ignoring case), else the first one."""
    if sheet is None:
        if not names:
            raise SheetError(f"{path.name}: the workbook has no sheets.")
        return names[0]
    chosen = next((n for n in names if n == sheet), None) or \
        next((n for n in names if n.casefold() == sheet.casefold()), None)
    if chosen is None:
        raise SheetError(f"{path.name}: no sheet named {sheet!r}; the sheets are "
                         + ", ".join(repr(n) for n in names) + ".")
    return chosen


def _is_formula(cell: object, value: object) -> bool:
    """True for a formula cell (or text that openpyxl kept as one, starting with `=`)."""
    if getattr(cell, "data_type", None) == "f":
        return True
    return (isinstance(value, str) and value.startswith("=")
            and getattr(cell, "data_type", "") not in ("s", "inlineStr"))


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook  # noqa: PLC0415 (openpyxl loads only for .xlsx files)
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415 (openpyxl loads only for .xlsx files)

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError,
            TypeError) as exc:
        raise SheetError(f"{path.name}: the .xlsx workbook is damaged or not a workbook "
                         f"({type(exc).__name__}); open it in Excel and save it again.") from None
    names = list(workbook.sheetnames)
    try:
        chosen = _choose_sheet(path, names, sheet)
    except SheetError:
        workbook.close()
        raise
    ws = workbook[chosen]
    try:
        merged = _merged_ranges(path, workbook, chosen)
    except (KeyError, zipfile.BadZipFile, OSError):
        merged = []
    table = Table(path=path, kind="xlsx", headers=[], header_row=0, rows=iter(()), sheet=chosen,
                  sheets=names, merged=merged, closer=workbook.close)

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for number, cells in enumerate(ws.iter_rows(), start=1):
                values: list[Cell] = []
                for i, c in enumerate(cells):
                    v = getattr(c, "value", None)
                    if _is_formula(c, v) and i not in table.formulas:
                        table.formulas[i] = f"{getattr(c, 'coordinate', '?')} ({v})"
                    values.append(v)
                yield number, values
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as exc:
            raise SheetError(f"{path.name}: the .xlsx workbook is damaged "
                             f"({type(exc).__name__}); open it in Excel and save it "
                             "again.") from None

    table.rows = rows()
    return table


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_ranges(path: Path, workbook: Any, sheet: str) -> list[str]:
    """Merged ranges of a sheet, read from its XML (read-only mode does not expose them)."""
    ws = workbook[sheet]
    member = getattr(ws, "_worksheet_path", None) or getattr(getattr(ws, "_reader", None),
                                                              "path", None)
    if not member:
        return []
    found: list[str] = []
    tail = b""
    with zipfile.ZipFile(path) as zf, zf.open(str(member).lstrip("/")) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            data = tail + chunk
            found += [m.group(1).decode() for m in _MERGE.finditer(data)]
            tail = data[-200:]
            # A match inside the carried-over tail was found already; drop duplicates below.
    return list(dict.fromkeys(found))


def _merge_top(ref: str) -> int:
    match = re.match(r"[A-Z]+([0-9]+)", ref)
    return int(match.group(1)) if match else 0


def merged_in_columns(table: Table, columns: Iterable[int]) -> list[str]:
    """Merged ranges (at or below the header row) that touch one of the given columns."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415 (openpyxl loads only for .xlsx files)

    wanted = {c + 1 for c in columns}
    out = []
    for ref in table.merged:
        min_col, _min_row, max_col, _max_row = range_boundaries(ref)
        if any(min_col <= c <= max_col for c in wanted):
            out.append(ref)
    return out


# -- dates -------------------------------------------------------------------------------------
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def parse_date(value: Cell) -> tuple[dt.date | None, str | None]:
    """A cell as a date, with a note when it was an Excel serial number; (None, None) if blank.

    Accepts dates from Excel, ISO `2023-11-06`, UK `06/11/2023`, `6 Nov 2023` and Excel serial
    numbers (`45236`, what a date column shows when its format was lost). Raises ValueError
    with the reason otherwise.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    text = cell_text(value)
    serial = _serial(value, text)
    if serial is not None:
        if not 20000 <= serial <= 80000:  # 1954..2119: anything else is not a date
            raise ValueError(f"{text!r} is a number, not a date")
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(serial))
        return day, f"{text} is an Excel serial date: read as {day.isoformat()}"
    return _text_date(text), None


def _serial(value: Cell, text: str) -> float | None:
    """The number in a cell that may be an Excel serial date (a number, or five digits)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return float(text)
    return None


def _text_date(text: str) -> dt.date:
    """ISO, UK day-first or `6 Nov 2023` text as a date; ValueError saying why not."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ ,].*)?", text)
        if match:  # UK order: day first
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})", text)
        if match and match[2][:3].lower() in _MONTHS:
            return dt.date(int(match[3]), _MONTHS[match[2][:3].lower()], int(match[1]))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    raise ValueError(f"{text!r} is not a date (write 2023-11-06 or 06/11/2023)")
