"""`tracker organisations merge|unmerge|merges`: reversible merges of duplicate organisations."""

from __future__ import annotations

import click

from tracker.cli import cli_db, echo_json, echo_table
from tracker.problems import Problems
from tracker.repositories import merges


@click.group("organisations")
def organisations() -> None:
    """Organisations: merge a duplicate into another, undo a merge."""


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
    db = cli_db()
    preview = merges.preview(db, source_id, target_id)
    if source_id == target_id:
        raise Problems.one("An organisation cannot be merged with itself.")
    if preview is None:
        raise Problems.one(f"Both {source_id!r} and {target_id!r} must be existing "
                           "organisations.")
    click.echo(f"Merge “{preview['drop']['name']}” ({source_id}) into "
               f"“{preview['keep']['name']}” ({target_id}); moving:", err=True)
    for r in preview["relationships"] or [{"type": "(no relationships)", "count": 0}]:
        click.echo(f"  {r['count']:>6}  {r['type']}", err=True)
    if not yes and not click.confirm("Merge?", default=False, err=True):
        raise Problems.one("Not merged.")
    done = merges.merge(db, source_id, target_id)  # refusals are Problems: the group says them
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
    done = merges.unmerge(cli_db(), merge_id)
    if as_json:
        echo_json(done)
    else:
        click.echo(f"Undone: “{done['source_name']}” ({done['source']}) is back, separate "
                   f"from “{done['target_name']}” ({done['target']}).")


@organisations.command("merges")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def merges_command(as_json: bool) -> None:
    """Recent merges, newest first."""
    found = merges.recent(cli_db())
    if as_json:
        echo_json(found)
    else:
        echo_table(found, ["id", "at", "source", "target", "undone_at"])


commands = [organisations]
