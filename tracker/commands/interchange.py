"""`tracker import` and `tracker export`: the whole model as one JSON document."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from tracker.cli import cli_db, cli_settings, echo_json
from tracker.repositories import journal
from tracker.repositories.graph import export_document
from tracker.services import exports, imports


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--allow-similar", is_flag=True,
              help="Create new organisations even when the matcher says they already exist "
                   "under another id (by default such probable duplicates are problems).")
@click.option("--recover", is_flag=True,
              help="Roll back a large import that was interrupted (its process killed), so "
                   "the database is as before it; nothing to do when none was.")
def import_command(file: Path | None, as_json: bool, allow_similar: bool, recover: bool) -> None:
    """Import FILE.json (all-or-nothing; merges by id with what is already there).

    A new organisation whose name confidently matches an existing one (an abbreviation, a
    case variant, a former name...) is refused as a probable duplicate unless --allow-similar.
    A large document is written in batches; any failure (Ctrl-C too) rolls it back, and
    `tracker import --recover` rolls back one whose process was killed (see docs/imports.md).
    """
    last = [0.0]

    def progress(step: str, done: int, total: int) -> None:
        now = time.monotonic()
        if total > 1 and (now - last[0] >= 1.0 or done == total):
            last[0] = now
            click.echo(f"  {step}: {done:,}/{total:,}", err=True)

    if recover:
        _recover(progress)
        return
    if file is None:
        raise click.UsageError("give the FILE to import (or --recover)")
    # Problems (unreadable file, NaN, too deep, bad rows): listed by the CLI group, exit 1.
    doc = imports.read_file(file)
    click.echo(f"Checking {file}…", err=True)
    counts = imports.run(cli_db(), doc, file.name, progress, allow_similar=allow_similar,
                         follow_up_days=cli_settings().follow_up_days)
    if as_json:
        echo_json(counts)
    else:
        click.echo("Imported: " + ", ".join(f"{v} {k.replace('_', ' ')}"
                                            for k, v in counts.items() if v))


def _recover(progress: imports.Progress) -> None:
    """`tracker import --recover`: finish an interrupted batched import."""
    found = journal.recover(cli_db(), progress)
    if found is None:
        click.echo("No interrupted import: nothing to recover.")
    elif found["state"] == "committed":
        click.echo(f"The import of {found['file']!r} had landed; deleted what was left of its "
                   "journal.")
    else:
        click.echo(f"Rolled back the interrupted import of {found['file']!r} (started "
                   f"{found['started_at']}): the database is as it was before it.")


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "gexf", "csv"]),
              default="json", show_default=True,
              help="json: the interchange document; graphml/gexf/csv: the collaboration network.")
@click.option("--as-of", "as_of", default=None, help="Network formats: as of YYYY-MM-DD.")
def export_command(file: Path, fmt: str, as_of: str | None) -> None:
    """Export the model (JSON) or the collaboration network (GraphML, GEXF, CSV) to FILE."""
    if fmt == "json":
        doc = export_document(cli_db())
        file.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        counts = ", ".join(f"{len(v)} {k.replace('_', ' ')}" for k, v in doc.items() if v)
        click.echo(f"Wrote {file}: {counts or 'an empty document'}.")
        return

    try:
        exports.write(cli_db(), fmt, file, as_of=as_of)
    except ValueError as exc:  # a bad --as-of date or format: one clear line, exit 2
        raise click.UsageError(str(exc)) from None
    click.echo(f"Wrote {file} ({fmt}).")


commands = [import_command, export_command]
