"""`tracker demo`: load the built-in Showcase demo (safe to run again: it merges by id)."""

from __future__ import annotations

import sys

import click

from tracker.cli import cli_db


@click.command("demo")
def demo_command() -> None:
    """Load the November 2023 Showcase demo and a few invented collaborations around it."""
    from tracker.demo import DEMO_FILE, load_demo, notice
    from tracker.repositories.graph import ImportProblems

    try:
        counts = load_demo(cli_db())
    except ImportProblems as exc:  # e.g. an id already used by another kind of node
        click.echo(f"{DEMO_FILE.name}: {len(exc.problems)} problem(s); nothing was written.",
                   err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    click.echo(f"Loaded the demo from {DEMO_FILE.name}: "
               + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v) + ".")
    click.echo(notice())


commands = [demo_command]
