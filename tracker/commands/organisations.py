"""`tracker organisations merge|unmerge|merges`: reversible merges of duplicate organisations."""

from __future__ import annotations

import sys

import click

from tracker.cli import cli_db, echo_json, echo_table


@click.group("organisations")
def organisations() -> None:
    """Organisations: merge a duplicate into another, undo a merge."""


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@organisations.command("merge")
@click.argument("source_id")
@click.argument("target_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation after the preview.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"merge": MERGE_ID, ...} as JSON (the preview goes to stderr).')
def merge(source_id: str, target_id: str, yes: bool, as_json: bool) -> None:
    """Merge SOURCE_ID into TARGET_ID (SOURCE_ID is removed); shows what moves first.

    The merge is recorded: `tracker organisations unmerge MERGE_ID` undoes it exactly.
    """
    from tracker.repositories import merges  # noqa: PLC0415
    from tracker.repositories.entities import EntityError  # noqa: PLC0415

    db = cli_db()
    preview = merges.preview(db, source_id, target_id)
    if source_id == target_id:
        _fail("an organisation cannot be merged with itself")
    if preview is None:
        _fail(f"both {source_id!r} and {target_id!r} must be existing organisations")
        return
    click.echo(f"Merge “{preview['drop']['name']}” ({source_id}) into "
               f"“{preview['keep']['name']}” ({target_id}); moving:", err=True)
    for r in preview["relationships"] or [{"type": "(no relationships)", "count": 0}]:
        click.echo(f"  {r['count']:>6}  {r['type']}", err=True)
    if not yes and not click.confirm("Merge?", default=False, err=True):
        _fail("not merged")
    try:
        done = merges.merge(db, source_id, target_id)
    except (EntityError, merges.MergeError) as exc:
        _fail(str(exc))
        return
    if as_json:
        echo_json(done)
    else:
        click.echo(f"Merged: {done['merge']} (undo: tracker organisations unmerge "
                   f"{done['merge']})")


@organisations.command("unmerge")
@click.argument("merge_id")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def unmerge(merge_id: str, as_json: bool) -> None:
    """Undo the merge MERGE_ID: both organisations come back exactly as they were."""
    from tracker.repositories import merges  # noqa: PLC0415

    try:
        done = merges.unmerge(cli_db(), merge_id)
    except merges.MergeError as exc:
        _fail(str(exc))
        return
    if as_json:
        echo_json(done)
    else:
        click.echo(f"Undone: “{done['source_name']}” ({done['source']}) is back, separate "
                   f"from “{done['target_name']}” ({done['target']}).")


@organisations.command("merges")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def merges_command(as_json: bool) -> None:
    """Recent merges, newest first."""
    from tracker.repositories import merges  # noqa: PLC0415

    found = merges.recent(cli_db())
    if as_json:
        echo_json(found)
    else:
        echo_table(found, ["id", "at", "source", "target", "undone_at"])


commands = [organisations]
