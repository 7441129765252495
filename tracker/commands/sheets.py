"""`tracker attendance import`, `tracker domains ...` and `tracker events import-sheet`.

Spreadsheets in from the command line, sharing tracker.services.sheets with the web pages.
A file that cannot be read gets one clear line (a JSON document with --json) and exit code 1;
an ambiguous or unknown organisation is a problem: nothing is written and the exit code is 1.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from tracker.cli import cli_db, echo_json, echo_table
from tracker.repositories import domains as repo


def _progress(label: str) -> Any:
    started = time.monotonic()

    def report(rows: int) -> None:
        click.echo(f"  {label}: {rows:,} rows read ({time.monotonic() - started:.1f} s)…",
                   err=True)
    return report


def _refused(as_json: bool, shape: dict[str, Any], message: str) -> None:
    """One clear message, nothing written, exit 1 (in the command's JSON shape with --json)."""
    if as_json:
        echo_json(shape | {"problems": [{"row": 0, "value": "", "problem": message}],
                           "written": False})
    else:
        click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _problems_table(problems: list[dict[str, Any]]) -> None:
    click.echo(f"{len(problems)} problem(s); nothing was written:", err=True)
    for p in problems:
        click.echo(f"  row {p['row']}: {p['value']!r}: {p['problem']}", err=True)


# -- attendance --------------------------------------------------------------------------------
@click.group("attendance")
def attendance() -> None:
    """Attendance from attendee lists (Eventbrite, Teams, Forms, any CSV or .xlsx)."""


@attendance.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--event", "event_id", required=True, help="The id of the event or session.")
@click.option("--sheet", default=None, help="The sheet of an .xlsx workbook (default: the first).")
@click.option("--organisation-column", default=None, help="The header of the organisation column.")
@click.option("--email-column", default=None, help="The header of the e-mail column.")
@click.option("--create-new", is_flag=True, help="Create unknown organisations as new ones.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def attendance_import(file: Path, event_id: str, sheet: str | None,
                      organisation_column: str | None, email_column: str | None,
                      create_new: bool, dry_run: bool, as_json: bool) -> None:
    """Count FILE's attendees per organisation and record them for EVENT (one transaction)."""
    from tracker.services import sheets  # noqa: PLC0415 (openpyxl and the matcher load only for these commands)

    shape = {"event": event_id, "rows": 0, "attendance": [], "unattributed": 0}
    started = time.monotonic()
    try:
        result = sheets.import_attendance(
            cli_db(), file, event_id, sheet=sheet, organisation_column=organisation_column,
            email_column=email_column, create_new=create_new, dry_run=dry_run,
            progress=_progress(file.name))
    except (sheets.SheetError, sheets.ImportRefused) as exc:
        _refused(as_json, shape, str(exc))
        return
    seconds = time.monotonic() - started
    review = result["review"]
    if as_json:
        echo_json({k: result[k] for k in ("event", "rows", "attendance", "unattributed",
                                           "problems", "written")} | {"cleaned": review["cleaned"]})
    else:
        where = f", sheet {review['sheet']!r}" if review["sheet"] else ""
        cols = ", ".join(f"{k}: {v!r}" for k, v in review["columns"].items() if v)
        click.echo(f"{review['file']} ({review['format']}{where}): {result['rows']:,} rows, "
                   f"header on row {review['header_row']} ({cols}).")
        if review["cleaned"]:
            click.echo(review["cleaned"])
        names = {v["organisation"]: v["name"] for v in review["values"] if v["organisation"]}
        names |= {d["organisation"]: d["name"] for d in review["domains"] if d["organisation"]}
        names |= {n["id"]: n["name"] for n in result["new"]}
        echo_table([{**a, "name": names.get(a["organisation"], "")}
                    for a in result["attendance"]],
                   ["organisation", "name", "attendees", "how"])
        click.echo(f"Unattributed rows: {result['unattributed']:,}"
                   + "".join(f"\n  {n:,} {reason}" for reason, n in result["reasons"].items()))
        unknown = [d for d in review["domains"] if d["status"] == "unknown" and d["suggestions"]]
        for d in unknown[:10]:
            hint = d["suggestions"][0]
            click.echo(f"  {d['domain']} ({d['rows']} rows) may be {hint['name']}: confirm with "
                       f"`tracker domains set {d['lookup']} {hint['id']}`")
    if result["problems"]:
        if not as_json:
            _problems_table(result["problems"])
        sys.exit(1)
    if not as_json:
        if result["written"]:
            replaced = " (replacing the earlier import of this file)" if result["replaced"] else ""
            click.echo(f"Written: attendance of {len(result['attendance'])} organisation(s) for "
                       f"{event_id}{replaced} in {seconds:.1f} s.")
        else:
            click.echo("Dry run: nothing was written.")


# -- domains -------------------------------------------------------------------------------------
@click.group("domains")
def domains() -> None:
    """The domain map: e-mail domains confirmed to identify one organisation."""


@domains.command("set")
@click.argument("domain")
@click.argument("organisation_id")
def domains_set(domain: str, organisation_id: str) -> None:
    """Confirm that DOMAIN identifies ORGANISATION_ID (shared domains are refused)."""
    try:
        done = repo.set_domain(cli_db(), domain, organisation_id)
    except repo.DomainProblem as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{done['domain']} -> {done['organisation']} ({done['name']}).")


@domains.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def domains_list(as_json: bool) -> None:
    """List the domain map."""
    rows = repo.list_all(cli_db())
    if as_json:
        echo_json([{k: r[k] for k in ("domain", "organisation", "name", "confirmed_by",
                                      "confirmed_at")} for r in rows])
    else:
        echo_table(rows, ["domain", "organisation", "name", "confirmed_by"])


@domains.command("remove")
@click.argument("domain")
def domains_remove(domain: str) -> None:
    """Take DOMAIN out of the domain map."""
    if not repo.remove(cli_db(), domain):
        raise click.ClickException(f"{domain} is not in the domain map.")
    click.echo(f"Removed {domain}.")


# -- programmes ------------------------------------------------------------------------------
@click.group("events")
def events() -> None:
    """Events from spreadsheets."""


@events.command("import-sheet")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sheet", default=None, help="The sheet of an .xlsx workbook (default: the first).")
@click.option("--create-new", is_flag=True, help="Create unknown organisations as new ones.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def events_import_sheet(file: Path, sheet: str | None, create_new: bool, dry_run: bool,
                        as_json: bool) -> None:
    """Events, sessions and contributions from a programme sheet (one row per event)."""
    from tracker.services import sheets  # noqa: PLC0415 (openpyxl and the matcher load only for these commands)

    shape = {"rows": 0, "events": [], "contributions": []}
    try:
        result = sheets.import_programme(cli_db(), file, sheet=sheet, create_new=create_new,
                                         dry_run=dry_run, progress=_progress(file.name))
    except sheets.SheetError as exc:
        _refused(as_json, shape, str(exc))
        return
    if as_json:
        echo_json({k: result[k] for k in ("rows", "events", "contributions", "problems",
                                           "written", "cleaned")})
    else:
        if result["cleaned"]:
            click.echo(result["cleaned"])
        echo_table([{**e, "new": "" if e["existing"] else "new"} for e in result["events"]],
                   ["id", "name", "start", "end", "parent", "new"])
        echo_table(result["contributions"], ["event", "actor", "role", "how"])
    if result["problems"]:
        if not as_json:
            _problems_table(result["problems"])
        sys.exit(1)
    if not as_json:
        click.echo(f"Written: {len(result['events'])} event(s), {len(result['contributions'])} "
                   "contribution(s)." if result["written"] else "Dry run: nothing was written.")


commands = [attendance, domains, events]
