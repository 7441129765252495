"""`tracker demo`: load the built-in Showcase demo (safe to run again: it merges by id)."""

from __future__ import annotations

import click

from tracker.cli import cli_db
from tracker.demo import DEMO_FILE, NOTICE, load_demo


@click.command("demo")
def demo_command() -> None:
    """Load the November 2023 Showcase demo and a few invented collaborations around it."""

    # Problems (e.g. an id already used by another kind of node) are listed by the CLI group.
    counts = load_demo(cli_db())
    click.echo(f"Loaded the demo from {DEMO_FILE.name}: "
               + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v) + ".")
    click.echo(NOTICE)


commands = [demo_command]
