"""The UK public-sector register as plain rows: parsing of the source files, no database.

Five files from four sources become one list of organisation rows whose ids meet the ids of
logged organisations (see docs/register.md for the rules, which issue 5 pins exactly):

- local authorities (mySociety) with ``current-authority`` True: ``la-`` + lower-cased code;
- GOV.UK organisations that are live, exempt, joining or transitioning: ``govuk-`` + slug;
- NHS trusts and ICBs in England: ``ods-`` + lower-cased ODS code;
- NHS bodies of Scotland, Wales and Northern Ireland: ``nhsd-`` + slug of the name.

A user's own CSV list is parsed by :func:`parse_user_csv`, which refuses a bad file whole and
lists every problem. Fuzzy matching of names against the register (rapidfuzz) lives here too,
as a pure function over candidate rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from tracker.model import MAX_ID, MAX_NAME, id_problem, text_problem
from tracker.problems import Collector, Item, Problems
from tracker.text import slugify

Row = dict[str, Any]

LOCAL_AUTHORITIES = "local-authorities"
GOVUK = "govuk-organisations"
NHS_TRUSTS = "nhs-england-trusts"
NHS_ICBS = "nhs-england-icbs"
NHS_DEVOLVED = "nhs-devolved-bodies"

GOVUK_KEPT_STATUSES = frozenset({"live", "exempt", "joining", "transitioning"})
# The three devolved governments are the GOV.UK rows that belong to one nation.
DEVOLVED_GOVERNMENTS = {
    "Welsh Government": "Wales",
    "The Scottish Government": "Scotland",
    "Northern Ireland Executive": "Northern Ireland",
}
NATIONS = ("England", "Northern Ireland", "Scotland", "Wales")



def slug(text: str) -> str:
    """The register's slug of a name (the one slug rule, uncut; '' when nothing is left)."""
    return slugify(text, "", None)


def _clean(value: Any) -> str | None:
    """A stripped string, or None for blanks."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _alt_names(name: str, candidates: Iterable[str | None]) -> list[str]:
    """Distinct alternative names (case-insensitive), without the name itself or tiny bits."""
    seen = {name.casefold()}
    out: list[str] = []
    for candidate in candidates:
        text = _clean(candidate)
        if text and len(text) >= 3 and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


def _read_csv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV register file; Problems names any missing column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Problems([(f"{path.name}", f"not UTF-8 ({exc.reason} at byte {exc.start})")]) \
            from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in required if c not in header]
    if missing:
        raise Problems([(f"{path.name}", f"missing column {c!r}") for c in missing])
    return list(reader)


def _row(id_: str, name: str, nation: str | None, region: str | None, type_: str | None,
         source: str, code: str, alt_names: list[str]) -> Row:
    return {"id": id_, "name": name, "nation": nation, "region": region, "type": type_,
            "register_source": source, "register_code": code, "alt_names": alt_names}


def parse_local_authorities(path: Path) -> list[Row]:
    """Current UK local authorities: id la-<code>, nation and region from the file."""
    out = []
    for r in _read_csv(path, ["local-authority-code", "official-name", "nice-name", "nation",
                              "region", "local-authority-type-name", "current-authority",
                              "alt-names"]):
        if (r["current-authority"] or "").strip() != "True":
            continue
        code = r["local-authority-code"].strip()
        name = r["official-name"].strip()
        # alt-names is comma-separated although some names contain commas: the pieces only
        # feed fuzzy matching, where a stray fragment does no harm.
        alts = _alt_names(name, [r["nice-name"], *(r["alt-names"] or "").split(",")])
        out.append(_row(f"la-{code.lower()}", name, _clean(r["nation"]), _clean(r["region"]),
                        _clean(r["local-authority-type-name"]), LOCAL_AUTHORITIES, code, alts))
    return out


def _govuk_entries(path: Path) -> list[Any]:
    """The organisations listed in GOV.UK's JSON file (an object or a list of them)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise Problems([(f"{path.name}", f"not UTF-8 ({exc.reason})")]) from None
    except json.JSONDecodeError as exc:
        raise Problems([(f"{path.name}", f"not JSON ({exc.msg}, line {exc.lineno})")]) \
            from None
    entries = list(data.values()) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise Problems([(f"{path.name}", "expected an object or a list of organisations")])
    return entries


def _govuk_links(kept: list[dict[str, Any]], by_api_id: dict[str, str]) -> list[tuple[str, str]]:
    """(child id, parent id) links between organisations still in use.

    Both directions are listed by GOV.UK; a link counts when either end lists it and both
    ends are still in use.
    """
    links: set[tuple[str, str]] = set()
    for entry in kept:
        me = by_api_id[str(entry.get("id") or "")]
        for parent in entry.get("parent_organisations") or []:
            other = by_api_id.get(str(parent.get("id")))
            if other and other != me:
                links.add((me, other))
        for child in entry.get("child_organisations") or []:
            other = by_api_id.get(str(child.get("id")))
            if other and other != me:
                links.add((other, me))
    return sorted(links)


def parse_govuk(path: Path) -> tuple[list[Row], list[tuple[str, str]]]:
    """GOV.UK organisations still in use, and (child id, parent id) links between them."""
    entries = _govuk_entries(path)
    rows: list[Row] = []
    by_api_id: dict[str, str] = {}
    kept: list[dict[str, Any]] = []
    problems: list[Item] = []
    for index, entry in enumerate(entries):
        details = entry.get("details") if isinstance(entry, dict) else None
        if not isinstance(details, dict) or not details.get("slug") or not entry.get("title"):
            problems.append((f"{path.name}", f"organisation #{index} has no title or details.slug"))
            continue
        if details.get("govuk_status") not in GOVUK_KEPT_STATUSES:
            continue
        title = str(entry["title"]).strip()
        nation = DEVOLVED_GOVERNMENTS.get(title, "UK")
        id_ = f"govuk-{details['slug']}"
        rows.append(_row(id_, title, nation, nation, _clean(entry.get("format")), GOVUK,
                         str(details["slug"]), _alt_names(title, [details.get("abbreviation")])))
        by_api_id[str(entry.get("id") or "")] = id_
        kept.append(entry)
    if problems:
        raise Problems(problems)
    return rows, _govuk_links(kept, by_api_id)


def parse_nhs_trusts(path: Path) -> list[Row]:
    """NHS trusts in England: id ods-<code>, nation England, region and type from the file."""
    out = []
    for r in _read_csv(path, ["ods_code", "name", "alt_names", "type", "region"]):
        code, name = r["ods_code"].strip(), r["name"].strip()
        out.append(_row(f"ods-{code.lower()}", name, "England", _clean(r["region"]),
                        _clean(r["type"]), NHS_TRUSTS, code,
                        _alt_names(name, (r["alt_names"] or "").split(";"))))
    return out


def parse_nhs_icbs(path: Path) -> list[Row]:
    """Integrated care boards in England: id ods-<code>, type ICB, region from the file."""
    out = []
    for r in _read_csv(path, ["ods_code", "name", "alt_names", "region"]):
        code, name = r["ods_code"].strip(), r["name"].strip()
        out.append(_row(f"ods-{code.lower()}", name, "England", _clean(r["region"]), "ICB",
                        NHS_ICBS, code, _alt_names(name, (r["alt_names"] or "").split(";"))))
    return out


def parse_nhs_devolved(path: Path) -> list[Row]:
    """NHS bodies of Scotland, Wales and Northern Ireland: id nhsd-<slug>, region = nation."""
    out = []
    for r in _read_csv(path, ["name", "nation", "type"]):
        name = r["name"].strip()
        nation = _clean(r["nation"])
        out.append(_row(f"nhsd-{slug(name)}", name, nation, nation, _clean(r["type"]),
                        NHS_DEVOLVED, slug(name), []))
    return out


@dataclass(frozen=True)
class Source:
    """One register file: its source name, file name, label and parser."""

    name: str
    filename: str
    label: str
    parse: Callable[[Path], list[Row]]


def _govuk_rows(path: Path) -> list[Row]:
    return parse_govuk(path)[0]


SOURCES: tuple[Source, ...] = (
    Source(LOCAL_AUTHORITIES, "uk_local_authorities.csv", "UK local authorities (mySociety)",
           parse_local_authorities),
    Source(GOVUK, "govuk_organisations.json", "GOV.UK organisations", _govuk_rows),
    Source(NHS_TRUSTS, "nhs_england_trusts.csv", "NHS trusts in England", parse_nhs_trusts),
    Source(NHS_ICBS, "nhs_england_icbs.csv", "Integrated care boards in England",
           parse_nhs_icbs),
    Source(NHS_DEVOLVED, "nhs_devolved_bodies.csv", "NHS bodies of the devolved nations",
           parse_nhs_devolved),
)
RESERVED_SOURCES = frozenset(s.name for s in SOURCES)


@dataclass
class Register:
    """The parsed register: rows per source (in SOURCES order), GOV.UK links, missing files."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def all_rows(self) -> list[Row]:
        """Every row of every source."""
        return [r for rows in self.rows.values() for r in rows]


def read_register(directory: Path) -> Register:
    """Parse every register file found in directory; Problems lists all problems.

    A missing file is skipped (a user may bring a fresh download of one source only), but a
    directory without any register file, a malformed file or an id given twice is an error.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise Problems([(f"{directory}", "no such directory")])
    register = Register()
    problems: list[Item] = []
    for source in SOURCES:
        path = directory / source.filename
        if not path.is_file():
            register.missing.append(source.filename)
            continue
        try:
            if source.name == GOVUK:
                rows, register.links = parse_govuk(path)
            else:
                rows = source.parse(path)
        except Problems as exc:
            problems.extend(exc.items)
            continue
        register.rows[source.name] = rows
    if len(register.missing) == len(SOURCES):
        problems.append((f"{directory}", f"none of the register files "
                        f"({', '.join(s.filename for s in SOURCES)}) is there"))
    problems += _repeated_ids(register)
    if problems:
        raise Problems(problems)
    return register


def _repeated_ids(register: Register) -> list[Item]:
    """An id given twice, across every source read."""
    problems: list[Item] = []
    seen: dict[str, str] = {}
    for source_name, rows in register.rows.items():
        for r in rows:
            if r["id"] in seen:
                problems.append(("", f"id {r['id']!r} appears twice ({seen[r['id']]}, "
                                     f"{source_name})"))
            seen[r["id"]] = source_name
    return problems


# -- a user's own CSV list ---------------------------------------------------------------------

@dataclass(frozen=True)
class CsvColumns:
    """Which column of a user's CSV holds each field."""

    id: str
    name: str
    nation: str
    region: str
    type: str

    def by_field(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "nation": self.nation,
                "region": self.region, "type": self.type}


MAX_FIELD = MAX_NAME  # every cell, as in the forms


def parse_user_csv(data: bytes, columns: CsvColumns, source: str,
                   filename: str = "file") -> list[Row]:
    """Rows of a user's CSV list; Problems lists every problem (nothing is partial).

    The id and name columns must be filled on every line; nation, region and type may be
    blank. Ids are kept as given (stripped), so a list can use ids that logged organisations
    already have.
    """
    problems = Collector()
    if not source or not source.strip():
        problems.add("source", "the source name is empty")
    elif source.strip() in RESERVED_SOURCES:
        problems.add("source", f"the source name {source!r} belongs to the built-in "
                               "register; choose another")
    lines = _csv_lines(data, filename, problems)
    header = [h.strip() for h in lines[0]]
    index = _column_index(header, columns, filename, problems)
    # With a column missing the lines are still checked for what can be checked (ids, names).
    rows: list[Row] = []
    first_line: dict[str, int] = {}
    for number, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines at the end of spreadsheets' exports
        if len(cells) != len(header):
            problems.add(f"line {number}", f"{len(cells)} fields where the header has "
                                           f"{len(header)}")
            continue
        values = {fld: _clean(cells[i]) for fld, i in index.items()}
        _check_cells(number, values, columns, problems)
        ident = values.get("id")
        if ident is not None and id_problem(ident) is None:
            if ident in first_line:
                problems.add(f"line {number}", f"duplicate id {ident!r} "
                                               f"(first on line {first_line[ident]})")
                continue
            first_line[ident] = number
        rows.append(_row(values.get("id") or "", values.get("name") or "", values.get("nation"),
                         values.get("region"), values.get("type"), source.strip(),
                         values.get("id") or "", []))
    if not rows and not problems:
        problems.add(f"{filename}", "no organisations below the header")
    problems.raise_any()
    return rows


def _csv_lines(data: bytes, filename: str, problems: Collector) -> list[list[str]]:
    """The CSV's lines (a non-blank header first); what stops reading raises every problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.add(f"{filename}", f"not UTF-8 text (line {line}, byte {exc.start}: "
                                    f"{exc.reason}); save it as CSV UTF-8 and try again")
        # Read on with replacement characters, so that the other problems are listed too.
        text = data.decode("utf-8-sig", errors="replace")
    if "\x00" in text:
        problems.add(f"{filename}", "contains NUL bytes; is it really a CSV file?")
        problems.raise_any()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        problems.add(f"{filename}", f"not a readable CSV ({exc})")
        raise Problems(problems.items) from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        problems.add(f"{filename}", "empty file (no header line)")
        problems.raise_any()
    return lines


def _column_index(header: list[str], columns: CsvColumns, filename: str,
                  problems: Collector) -> dict[str, int]:
    """Field -> column number; a repeated or missing column is a problem."""
    for dup in sorted({h for h in header if h and header.count(h) > 1}):
        problems.add(f"{filename}", f"the column {dup!r} appears more than once in the header")
    index: dict[str, int] = {}
    for fld, col in columns.by_field().items():
        if col not in header:
            problems.add(f"{filename}", f"missing column {col!r} (given for {fld}); "
                                        f"the header has {', '.join(repr(h) for h in header)}")
        else:
            index[fld] = header.index(col)
    return index


def _check_cells(number: int, values: dict[str, str | None], columns: CsvColumns,
                 problems: Collector) -> None:
    """One line's cells: within the limits, id and name filled, a usable id."""
    for fld, value in values.items():
        if value is not None and (len(value) > MAX_FIELD or any(ord(ch) < 32 for ch in value)
                                  or text_problem(value) is not None):
            problems.add(f"line {number}", f"{fld} is longer than {MAX_FIELD} characters "
                                           "or holds control characters")
    if "id" in values and values["id"] is None:
        problems.add(f"line {number}", f"empty id (column {columns.id!r})")
    if "name" in values and values["name"] is None:
        problems.add(f"line {number}", f"empty name (column {columns.name!r})")
    ident = values.get("id")
    if ident is not None and id_problem(ident) is not None:
        problems.add(f"line {number}", f"id {ident[:MAX_ID + 1]!r} is not usable: "
                                       f"{id_problem(ident)}")


# -- matching names to the register --------------------------------------------------------------

MATCH_CUTOFF = 75.0
# Short forms people type that are not a prefix of the full word.
_SHORT_FORMS = {"govt": "government", "dept": "department", "uni": "university",
                "natl": "national", "intl": "international", "assoc": "association"}


def _expand(query: str, candidate: str) -> str:
    """The query with each abbreviated word replaced by the candidate word it abbreviates.

    "welsh gov" against "welsh government" becomes "welsh government": people type
    shortened names, and edit distances alone rank "Gov" closer to unrelated short names.
    """
    words = candidate.split()
    out = []
    for token in query.split():
        token = _SHORT_FORMS.get(token, token)
        if 3 <= len(token) <= 4 and token not in words:
            token = next((w for w in words if w.startswith(token)), token)
        out.append(token)
    return " ".join(out)


def match_score(name: str, candidate: str) -> float:
    """Similarity (0-100) of a typed name and a register name, abbreviations expanded.

    Mostly rapidfuzz's token-set ratio (word order and extra words such as "City of" matter
    little), partly its token-sort ratio (so a closer overall wording still ranks higher).
    """
    query, target = utils.default_process(name), utils.default_process(candidate)
    if not query or not target:
        return 0.0
    expanded = _expand(query, target)
    return 0.7 * fuzz.token_set_ratio(expanded, target) + 0.3 * fuzz.token_sort_ratio(
        expanded, target)


def best_matches(name: str, candidates: list[Row], limit: int = 5,
                 cutoff: float = MATCH_CUTOFF) -> list[Row]:
    """Register rows whose name or alternative names resemble `name`, best first.

    candidates are rows with id, name, nation, region, type and alt_names; each result is that
    row (without alt_names) plus `score` (0-100) and `matched` (the name that matched).
    """
    query = utils.default_process(name or "")
    if not query or limit <= 0:
        return []
    choices: list[str] = []
    owners: list[int] = []
    for i, cand in enumerate(candidates):
        for text in [cand["name"], *(cand.get("alt_names") or [])]:
            choices.append(text)
            owners.append(i)
    # A fast first pass in rapidfuzz's C code, then the finer score on the few left.
    shortlist = process.extract(query, choices, scorer=fuzz.token_set_ratio,
                                processor=utils.default_process, score_cutoff=50, limit=200)
    best: dict[int, tuple[float, str]] = {}
    for text, _, pos in shortlist:
        score = match_score(query, text)
        owner = owners[pos]
        if score >= cutoff and (owner not in best or score > best[owner][0]):
            best[owner] = (score, text)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], candidates[kv[0]]["id"]))
    out = []
    for owner, (score, text) in ranked[:limit]:
        cand = candidates[owner]
        out.append({"id": cand["id"], "name": cand["name"], "nation": cand.get("nation"),
                    "region": cand.get("region"), "type": cand.get("type"),
                    "score": round(float(score), 1), "matched": text})
    return out


# -- coverage summaries --------------------------------------------------------------------------

def biggest_gaps(coverage_rows: list[Row], n: int = 3) -> list[Row]:
    """The n coverage groups with the most register organisations not reached, most first.

    Each result is the coverage row plus `missing` (in_register - reached); groups with
    nothing missing are left out; ties are broken by the lower share, then the group name.
    """
    gaps = [{**r, "missing": int(r["in_register"]) - int(r["reached"])} for r in coverage_rows]
    gaps = [g for g in gaps if g["missing"] > 0]
    gaps.sort(key=lambda g: (-g["missing"], g["share"], str(g["group"])))
    return gaps[:n]
