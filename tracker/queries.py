"""Named Cypher files: load them from cypher/, read their headers, check parameters.

Each file holds one statement and starts with a `//` header::

    // Upsert organisations in one batch.
    // params: $rows
    // returns: count

A query is named by its path below cypher/ without the suffix (``organisations/upsert``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString

from tracker.paths import CYPHER_DIR

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# String literals and comments may mention `$x` without it being a parameter.
_STRIP = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*")


class QueryError(LookupError):
    """An unknown query name, or parameters that do not match a query's header."""


@dataclass(frozen=True)
class Query:
    """One Cypher statement with its documented parameters."""

    name: str
    text: LiteralString
    params: frozenset[str]
    doc: str
    returns: str

    def check(self, given: dict[str, object]) -> None:
        """Raise QueryError unless exactly the declared parameters are given."""
        missing = self.params - given.keys()
        extra = given.keys() - self.params
        if missing or extra:
            raise QueryError(
                f"query {self.name}: missing {sorted(missing)}, unexpected {sorted(extra)}"
            )


def parse(name: str, source: str) -> Query:
    """Parse one file's text into a Query, checking its header against its body."""
    header: list[str] = []
    body_lines: list[str] = []
    in_header = True
    for line in source.splitlines():
        if in_header and line.startswith("//"):
            header.append(line[2:].rstrip())
        else:
            in_header = False
            body_lines.append(line)
    body = "\n".join(body_lines).strip()
    doc_lines: list[str] = []
    # `params:` and `returns:` may continue on indented lines; other lines after them are notes.
    fields: dict[str, str] = {}
    current = ""
    for raw in header:
        line = raw.strip()
        key, _, rest = line.partition(":")
        if key.strip().lower() in ("params", "returns"):
            current = key.strip().lower()
            fields[current] = rest.strip()
        elif current and raw.startswith("   "):
            fields[current] = f"{fields[current]} {line}".strip()
        elif not fields:
            doc_lines.append(line)
        else:
            current = ""
    saw_params = "params" in fields
    declared = set(_PARAM.findall(fields.get("params", "")))
    returns = fields.get("returns", "")
    if not body:
        raise QueryError(f"query {name}: empty statement")
    if not doc_lines or not saw_params or not returns:
        raise QueryError(f"query {name}: the header needs a description, `params:` and `returns:`")
    used = set(_PARAM.findall(_STRIP.sub("", body)))
    if used != declared:
        raise QueryError(
            f"query {name}: header declares {sorted(declared)} but the statement uses {sorted(used)}"
        )
    # Only text read from cypher/ reaches the driver, never text built at run time: this is the
    # one place a str becomes a LiteralString (mypy treats the two alike, so no cast is needed).
    text: LiteralString = body
    return Query(name, text, frozenset(declared), " ".join(doc_lines), returns)


class QueryLibrary:
    """All queries below a folder, loaded once and found by name."""

    def __init__(self, root: Path = CYPHER_DIR) -> None:
        self.root = root
        self._queries: dict[str, Query] = {}
        for path in sorted(root.rglob("*.cypher")):
            name = path.relative_to(root).with_suffix("").as_posix()
            self._queries[name] = parse(name, path.read_text(encoding="utf-8"))

    def __getitem__(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryError(f"no query named {name!r} in {self.root}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def names(self, prefix: str = "") -> list[str]:
        """Query names, optionally only those under a folder."""
        return sorted(n for n in self._queries if n.startswith(prefix))


_LIBRARY: QueryLibrary | None = None


def library() -> QueryLibrary:
    """The process-wide library of cypher/ (loaded on first use)."""
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = QueryLibrary()
    return _LIBRARY
