"""The register in the graph: import (built-in files or a user's CSV), counts, name matching.

Register entries are `Organisation` nodes (also labelled `Actor`) with id, name, nation, region,
type, `register_source`, `register_code`, `alt_names` and `status` ('open' or 'closed'). GOV.UK
parent/child links are `(child)-[:CHILD_OF {source: 'govuk'}]->(parent)`. An organisation that
leaves its source is marked closed, never deleted: it may have history. See docs/register.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from tracker.areas import ReachSubjects
from tracker.audit import entry
from tracker.db import Database, ManagedTransaction, rows, value
from tracker.paths import DATA_DIR
from tracker.problems import Item, Problems
from tracker.register import (
    GOVUK,
    SOURCES,
    CsvColumns,
    Row,
    parse_user_csv,
    read_register,
    slug,
)

DEFAULT_DIR = DATA_DIR / "register"
BATCH = 1000
MAX_CSV_BYTES = 20 * 1024 * 1024
#: Whose first reaching collaboration a register import may change: nobody. It sets
#: organisations' register properties, creates organisations (which reach nothing yet) and
#: rewrites GOV.UK parent links; it writes no attendance, contribution, employment or event.
NO_REACH_EDGES = ReachSubjects()

__all__ = ["DEFAULT_DIR", "candidates", "counts", "engaged_outside",
           "facets", "family", "import_csv", "import_register", "is_loaded"]


def _quiet(_: str) -> None:
    return None


def _batches(items: list[Any], size: int = BATCH) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _write_rows(tx: ManagedTransaction, register_rows: list[Row], sources: list[str],
                today: date) -> dict[str, int]:
    """Upsert rows and close what left each source, in the caller's transaction.

    Raises Problems (rolling the transaction back) when an id is held by another kind
    of actor, or by a register entry of another source.
    """
    ids = [r["id"] for r in register_rows]
    holders = rows(tx, "register/actors_with_ids", ids=ids)
    source_of = {r["id"]: r["register_source"] for r in register_rows}
    problems: list[Item] = []
    for holder in holders:
        if not holder["organisation"]:
            problems.append(("", f"id {holder['id']!r} already belongs to a network or "
                                 "community, not an organisation"))
        elif holder["register_source"] and holder["register_source"] != source_of[holder["id"]]:
            problems.append(("", f"id {holder['id']!r} is already in the register from source "
                                 f"{holder['register_source']!r}"))
    if problems:
        raise Problems(problems)
    for batch in _batches(register_rows):
        value(tx, "register/upsert", rows=batch)
    closed = 0
    for source in sources:
        kept = [r["id"] for r in register_rows if r["register_source"] == source]
        closed += int(value(tx, "register/close_missing", source=source, ids=kept,
                            today=today) or 0)
    return {"created": len(ids) - len(holders), "updated": len(holders), "closed": closed}


def import_register(db: Database, directory: Path | str = DEFAULT_DIR,
                    say: Callable[[str], None] = _quiet) -> dict[str, Any]:
    """Import the register files of directory in one transaction; returns the counts.

    Idempotent: names, nations, regions, types and statuses are updated; an organisation that
    left a source is marked closed; GOV.UK parent/child links are rewritten. Raises
    Problems listing every problem, with nothing written.
    """
    directory = Path(directory)
    say(f"Reading the register from {directory}…")
    register = read_register(directory)
    for source in SOURCES:
        if source.name in register.rows:
            say(f"  {source.filename}: {len(register.rows[source.name]):,} {source.label}")
        else:
            say(f"  {source.filename}: not there, skipped (its organisations are left as "
                "they are)")
    all_rows = register.all_rows()
    say(f"Writing {len(all_rows):,} organisations in batches of {BATCH:,}…")
    links = [{"child": c, "parent": p} for c, p in register.links]

    def work(tx: ManagedTransaction) -> dict[str, int]:
        result = _write_rows(tx, all_rows, list(register.rows), date.today())
        result["links"] = 0
        if GOVUK in register.rows:
            value(tx, "register/clear_govuk_links")
            for batch in _batches(links):
                result["links"] += int(value(tx, "register/link_parents", links=batch) or 0)
        return result

    written = db.write_tx(work, reach=NO_REACH_EDGES, audit=[entry("register", "register", "import", {
        "directory": str(directory), "sources": sorted(register.rows),
        "organisations": len(all_rows)})])
    nations: dict[str, dict[str, int]] = {}
    for name, source_rows in register.rows.items():
        nations[name] = dict(sorted(Counter(r["nation"] or "" for r in source_rows).items()))
    counts = {"organisations": len(all_rows),
              "sources": {name: len(source_rows) for name, source_rows in register.rows.items()},
              "nations": nations, "skipped": register.missing, **written}
    say(f"Done: {counts['organisations']:,} register organisations ({counts['created']:,} new, "
        f"{counts['updated']:,} updated, {counts['closed']:,} closed), "
        f"{counts['links']:,} GOV.UK parent links.")
    return counts


def import_csv(db: Database, path: Path | str, id_col: str, name_col: str, nation_col: str,
               region_col: str, type_col: str, source: str | None = None) -> dict[str, Any]:
    """Import a user's own CSV list as a register source; Problems lists problems.

    The whole file is refused (nothing written) when a column is missing, an id is empty or
    given twice, the file is not UTF-8, a line is ragged, or an id belongs to another kind of
    actor or another register source. Re-importing the same source closes what left it.
    """
    path = Path(path)
    source = source if source is not None else f"csv-{slug(path.stem) or 'list'}"
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise Problems([(f"{path.name}", f"larger than {MAX_CSV_BYTES // 2**20} MB")])
        data = path.read_bytes()
    except OSError as exc:
        raise Problems([(f"{path}", f"cannot be read ({exc.strerror})")]) from None
    columns = CsvColumns(id_col, name_col, nation_col, region_col, type_col)
    parsed = parse_user_csv(data, columns, source, filename=path.name)
    written = db.write_tx(lambda tx: _write_rows(tx, parsed, [source.strip()], date.today()),
                          reach=NO_REACH_EDGES,
                          audit=[entry("register", source.strip(), "import-csv",
                                       {"file": path.name, "organisations": len(parsed)})])
    return {"source": source.strip(), "organisations": len(parsed), **written}


def counts(db: Database) -> list[dict[str, Any]]:
    """Register organisations per source and status."""
    return db.read("register/counts")


def is_loaded(db: Database) -> bool:
    """True when any register organisation exists."""
    return any(r["count"] for r in counts(db))


def facets(db: Database) -> dict[str, list[str]]:
    """The nations, regions and types present in the open register (for filter pickers)."""
    found = db.read_one("register/facets") or {}
    return {"nations": found.get("nations") or [], "regions": found.get("regions") or [],
            "types": found.get("types") or []}


def candidates(tx: ManagedTransaction) -> list[Row]:
    """Open register entries with their names and alternative names (for matching)."""
    return rows(tx, "register/candidates")


def engaged_outside(tx: ManagedTransaction) -> list[dict[str, Any]]:
    """Engaged organisations that are not register entries."""
    return rows(tx, "register/unmatched")


def family(db: Database, organisation_id: str) -> dict[str, list[str]]:
    """The ids of an organisation's GOV.UK parents and children (empty lists when none)."""
    found = db.read_one("register/parents", id=organisation_id) or {}
    return {"parents": found.get("parents") or [], "children": found.get("children") or []}


def unmatched_page_in(tx: ManagedTransaction, skip: int, limit: int) -> list[dict[str, Any]]:
    """One page of engaged organisations outside the register (id, name, nation, region, type),
    in tx."""
    return rows(tx, "register/unmatched_page", skip=skip, limit=limit)


def unmatched_page(db: Database, skip: int, limit: int) -> list[dict[str, Any]]:
    """One page of engaged organisations outside the register (id, name, nation, region, type)."""
    return db.read_tx(unmatched_page_in, skip, limit)


def unmatched_count_in(tx: ManagedTransaction) -> int:
    """How many engaged organisations are not register entries (in tx)."""
    return int(value(tx, "register/unmatched_count") or 0)


def unmatched_count(db: Database) -> int:
    """How many engaged organisations are outside the register."""
    return int(db.read_value("register/unmatched_count") or 0)
