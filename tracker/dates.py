"""Dates as the app reads them: YYYY-MM-DD text from forms, files, URLs and the command line.

Every entry path parses dates here, so one spelling is accepted everywhere and every refusal
reads the same.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadDate(ValueError):
    """Text that is not a real date written YYYY-MM-DD."""


def iso_date(value: object) -> dt.date | None:
    """A 'YYYY-MM-DD' string (exactly) as a date, else None.

    >>> iso_date("2024-02-29"), iso_date("2023-02-29"), iso_date("2024-2-1")
    (datetime.date(2024, 2, 29), None, None)
    """
    if not isinstance(value, str) or not _ISO.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$")


def iso_datetime(value: object) -> str | None:
    """An ISO 8601 date and time ('2024-02-29T10:30:00Z', fractions up to nanoseconds, with or
    without an offset: UTC when none) as given, else None.

    >>> iso_datetime("2024-02-29T10:30:00.123456789+00:00"), iso_datetime("2024-02-30T10:30")
    ('2024-02-29T10:30:00.123456789+00:00', None)
    """
    if not isinstance(value, str) or not _ISO_TIME.match(value):
        return None
    try:
        dt.date.fromisoformat(value[:10])
        dt.time.fromisoformat(value[11:16])
    except ValueError:
        return None
    return value


def parse_as_of(text: str | None, name: str = "as-of date") -> str | None:
    """'' or None -> None; ' YYYY-MM-DD ' -> 'YYYY-MM-DD'; anything else raises BadDate.

    >>> parse_as_of(" 2024-02-29 "), parse_as_of("")
    ('2024-02-29', None)
    """
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    parsed = iso_date(text)
    if parsed is None:
        raise BadDate(f"{name} {text[:40]!r} is not a date in the form YYYY-MM-DD")
    return parsed.isoformat()


def day_or_today(value: dt.date | str | None, name: str = "as_of") -> dt.date:
    """A date from a date or 'YYYY-MM-DD' text (today when None or blank); BadDate otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    parsed = iso_date(value.strip())
    if parsed is None:
        raise BadDate(f"{name} must be a date written YYYY-MM-DD, not {value!r}")
    return parsed


def iso(value: str | dt.date) -> str:
    """A date or 'YYYY-MM-DD' text as ISO text (the form the graph's dates come back in)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(value).isoformat()


def optional_iso(day: dt.date | str | None, name: str = "date") -> str | None:
    """None or '' -> None; a date or 'YYYY-MM-DD' text -> ISO text; anything else BadDate."""
    if day is None or day == "":
        return None
    if isinstance(day, dt.date):
        return day.isoformat()
    parsed = iso_date(str(day).strip())
    if parsed is None:
        raise BadDate(f"{name} must be a date written YYYY-MM-DD, not {str(day)[:40]!r}")
    return parsed.isoformat()


def date_prefix(text: str | None) -> dt.date | None:
    """The date at the start of stored text ('2024-01-31' or a timestamp), else None."""
    return iso_date(text[:10]) if text else None
