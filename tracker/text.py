"""Text rules shared by every entry path: the one slug rule for ids offered from names."""

from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "item", max_len: int | None = 60) -> str:
    """A lower-case, hyphenated ASCII id offered from a name; `fallback` when nothing is left.

    Accents are folded ('é' -> 'e'), every other run of characters outside a-z and 0-9 becomes
    one '-', and the result is cut to `max_len` characters (None: no cut).

    >>> slugify("Ministry of Justice (MoJ)"), slugify("Café Ünïon"), slugify("日本", "org")
    ('ministry-of-justice-moj', 'cafe-union', 'org')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if max_len is not None:
        slug = slug[:max_len].strip("-")
    return slug or fallback


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula (starting = + - @, tab or CR) gets a leading
    apostrophe; everything else is returned as it is.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("Data Cymru"), spreadsheet_safe(3)
    ("'=1+1", 'Data Cymru', 3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
