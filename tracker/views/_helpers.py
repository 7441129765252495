"""Helpers every view shares: problems onto form fields, stale edits, 404 for what is not there, CSV
downloads and page numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from flask import Response, abort, flash, request
from flask_wtf import FlaskForm

from tracker.dates import BadDate, parse_as_of
from tracker.problems import Problems
from tracker.repositories.versions import StaleEdit
from tracker.text import spreadsheet_safe

T = TypeVar("T")


def get_or_404(found: T | None, description: str | None = None) -> T:
    """found, or a 404 (with the reason, where the API shows it) when it is None."""
    if found is None:
        abort(404, description=description)
    return found


def form_field(form: Any, path: str) -> Any:
    """The field a problem path names: `name`, or `contributors-2-actor_name` in a FieldList."""
    parts = path.split("-")
    if len(parts) == 1:
        return form._fields.get(parts[0])
    if len(parts) == 3 and parts[1].isdigit():
        rows = form._fields.get(parts[0])
        entries = getattr(rows, "entries", [])
        index = int(parts[1])
        if index < len(entries):
            return entries[index].form._fields.get(parts[2])
    return None


def apply_problems(form: FlaskForm, problems: Problems, *, general: bool = False) -> list[str]:
    """Put each problem on the field its path names.

    Returns the problems that name no field (for the form as a whole); with ``general=False``
    those go on the form's first visible field instead, for templates that only show field
    errors.
    """
    rest = []
    for path, message in problems.items:
        target = form_field(form, path) if path else None
        if target is None:
            rest.append(message)
        else:
            target.errors = [*list(target.errors), message]
    if rest and not general:
        first = next(f for f in form if f.type not in ("CSRFTokenField", "HiddenField"))
        first.errors = [*list(first.errors), *rest]
        return []
    return rest


def keep_for_another_save(form: Any, stale: StaleEdit) -> None:
    """A save refused as stale: say who changed the record and when, and let the form (which
    keeps what the user typed) carry the newer version, so saving again replaces it on purpose."""
    for message in stale.messages:
        flash(message, "error")
    form.version.data = stale.version
    form.version.raw_data = [stale.version]


def csv_cell(value: Any) -> Any:
    """One CSV cell: None is empty, lists are joined with '; ', formula-like text is quoted."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return spreadsheet_safe(value)


def csv_response(filename: str, columns: Sequence[str],
                 rows: Iterable[Mapping[str, Any]]) -> Response:
    """A CSV download (UTF-8, header row, spreadsheet-safe cells) of the given columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def page_number(value: Any) -> int:
    """A 1-based page number from a query argument (anything odd becomes 1)."""
    try:
        page = int(value)
    except (TypeError, ValueError):
        return 1
    return page if 1 <= page <= 1_000_000 else 1


def as_of_arg() -> str | None:
    """The ?as_of= argument, checked; a bad date is a 400 with the reason."""
    try:
        return parse_as_of(request.args.get("as_of"))
    except BadDate as exc:
        abort(400, description=str(exc))
