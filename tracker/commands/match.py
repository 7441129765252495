"""`tracker match NAME [--json]`: what the matcher makes of a typed organisation name."""

from __future__ import annotations

import sys

import click

from tracker.cli import cli_db, echo_json, echo_table
from tracker.matching import MAX_NAME
from tracker.services.matching import match as run


@click.command("match")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def match(name: str, as_json: bool) -> None:
    """Match NAME against the register and the organisations already logged.

    The decision is `match` (safe to use unasked), `ambiguous` (a person must choose) or
    `new` (nothing plausible); the candidates come best first, at most 10.
    """
    if not name.strip() or len(name) > MAX_NAME:
        click.echo(f"Error: give a name of 1 to {MAX_NAME} characters.", err=True)
        sys.exit(2)
    answer = run(cli_db(), name)
    if as_json:
        echo_json(answer)
        return
    click.echo(f"{answer['query']}: {answer['decision']}")
    echo_table(answer["matches"], ["id", "name", "score", "why"])


commands = [match]
