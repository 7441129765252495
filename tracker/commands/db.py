"""`tracker db start|stop|status` (the local Neo4j server), `tracker db check` (derived data
kept at write time equals a recomputation) and `tracker init-db` (the schema)."""

from __future__ import annotations

import sys
from typing import Any

import click

from tracker.cli import cli_db, cli_settings, echo_json
from tracker.db import DatabaseUnavailable
from tracker.localdb import LocalServer
from tracker.repositories import collaborations, journal


@click.group()
def db() -> None:
    """Manage the local Neo4j server of $TRACKER_DATA_DIR."""


@db.command("start")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for Bolt.")
def db_start(timeout: float) -> None:
    """Start the local server (a no-op when it already runs)."""
    server = LocalServer(settings=cli_settings())
    was_running = server.pid() is not None
    click.echo("Starting Neo4j…" if not was_running else "Neo4j is already running.", err=True)
    conn = server.start(timeout=timeout)
    click.echo(f"Neo4j is ready on {conn.uri} (data in {server.root}).")


@db.command("stop")
def db_stop() -> None:
    """Stop the local server."""
    server = LocalServer(settings=cli_settings())
    click.echo("Stopped Neo4j." if server.stop() else "Neo4j was not running.")


@db.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def db_status(as_json: bool) -> None:
    """Say whether the local server runs, where, and its version and edition."""
    info = LocalServer(settings=cli_settings()).status()
    # The database the other commands use (never starting the local server just to look).
    found = _import_journal() if info["running"] or cli_settings().neo4j_uri else None
    if found is not None:
        info["import"] = {k: found[k] for k in ("file", "state", "started_at", "entries")}
    if as_json:
        echo_json(info)
    elif info["running"]:
        click.echo(f"running  pid {info['pid']}  {info['uri']}  "
                   f"Neo4j {info.get('version', '?')} {info.get('edition', '?')}  "
                   f"data {info['data_dir']}")
    else:
        click.echo(f"stopped  data {info['data_dir']}")
    if found is not None and not as_json:
        click.echo(f"import   {journal.busy_message(found)}")
    if not info["running"]:
        sys.exit(3)


@db.command("check")
@click.option("--rebuild", is_flag=True,
              help="Recompute the kept values first (after a repair by hand).")
def db_check(rebuild: bool) -> None:
    """Check that each organisation's kept first reaching collaboration equals a replay of
    the whole history; exit 1 listing the differences."""
    database = cli_db()
    if rebuild:
        database.run_write(collaborations.rebuild_first_reach)
    found = database.read_tx(collaborations.first_reach_mismatches)
    if database.read_tx(collaborations.first_reach_kept) is None:
        click.echo("First reach: not kept yet (the next write to the network keeps it).")
    for m in found:
        click.echo(f"First reach of {m['organisation']}: kept {m['kept']}, "
                   f"replayed {m['replayed']}")
    if found:
        sys.exit(1)
    click.echo("First reach: every kept value equals the replay.")


def _import_journal() -> dict[str, Any] | None:
    """The journal of a large import that runs or was interrupted (None: none, or no answer)."""
    try:
        return journal.head(cli_db())
    except DatabaseUnavailable:
        return None


@click.command("init-db")
def init_db() -> None:
    """Apply constraints and indexes (idempotent)."""
    names = cli_db().apply_schema()
    click.echo(f"Schema applied: {len(names)} constraints and indexes.")


commands = [db, init_db]
