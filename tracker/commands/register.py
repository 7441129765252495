"""`tracker register import` and `tracker register import-csv`: the universe for reach."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli import cli_db, echo_json
from tracker.repositories.register import DEFAULT_DIR, import_csv, import_register


@click.group("register")
def register() -> None:
    """The register of UK public-sector organisations (the universe for `tracker reach`)."""


@register.command("import")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="A folder with the register files (default: data/register).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def import_command(directory: Path | None, as_json: bool) -> None:
    """Import (or refresh) the register; organisations that left it are marked closed."""

    directory = directory or DEFAULT_DIR
    counts = import_register(cli_db(), directory, say=lambda line: click.echo(line, err=True))
    if as_json:
        echo_json(counts)


@register.command("import-csv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id-column", required=True, help="The column holding each organisation's id.")
@click.option("--name-column", required=True, help="The column holding the name.")
@click.option("--nation-column", required=True, help="The column holding the nation.")
@click.option("--region-column", required=True, help="The column holding the region.")
@click.option("--type-column", required=True, help="The column holding the type.")
@click.option("--source", default=None,
              help="A name for this list (default: csv-<file name>); re-importing the same "
                   "source closes organisations no longer in it.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def import_csv_command(file: Path, id_column: str, name_column: str, nation_column: str,
                       region_column: str, type_column: str, source: str | None,
                       as_json: bool) -> None:
    """Add your own list (universities, police forces, charities…) from a UTF-8 CSV FILE.

    A bad file is refused whole, with every problem listed.
    """

    click.echo(f"Checking {file}…", err=True)
    counts = import_csv(cli_db(), file, id_column, name_column, nation_column, region_column,
                        type_column, source)
    if as_json:
        echo_json(counts)
    else:
        click.echo(f"Imported {counts['organisations']:,} organisations as source "
                   f"{counts['source']!r} ({counts['created']:,} new, {counts['updated']:,} "
                   f"updated, {counts['closed']:,} closed).")


commands = [register]
