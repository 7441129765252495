"""`tracker tokens`: API tokens for scripts, made by an operator for a named user."""

from __future__ import annotations

import click

from tracker.cli import cli_db, echo_json, echo_table
from tracker.repositories import users
from tracker.security import tokens


@click.group("tokens")
def tokens_group() -> None:
    """Create, list and revoke API tokens (`Authorization: Bearer` on /api/v1/*)."""


@tokens_group.command("create")
@click.argument("username")
@click.option("--name", required=True, help="What the token is for (shown in lists).")
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), default="viewer",
              show_default=True, help="No higher than the user's own role.")
@click.option("--days", type=click.IntRange(1, 366), default=90, show_default=True)
def create_command(username: str, name: str, role: str, days: int) -> None:
    """Create a token owned by USERNAME; it is printed once."""
    db = cli_db()
    owner = next((u for u in users.list_all(db) if u["username"] == username), None)
    if owner is None:
        raise click.ClickException(f"There is no user {username!r}.")
    try:
        text, record = tokens.create(db, owner, name, role, days, owner["role"])
    except tokens.TokenProblem as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Token {record['name']!r} ({role}, expires {record['expires_at'][:10]}), shown once:",
               err=True)
    click.echo(text)


@tokens_group.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_command(as_json: bool) -> None:
    """Every token (never the secret)."""
    found = tokens.list_tokens(cli_db(), None)
    echo_json(found) if as_json else echo_table(
        found, ["id", "name", "owner", "role", "expires_at", "revoked_at"])


@tokens_group.command("revoke")
@click.argument("token_id")
def revoke_command(token_id: str) -> None:
    """Revoke a token by its id (the part after `pt_`, before the second `_`)."""
    if tokens.revoke(cli_db(), token_id, None) is None:
        raise click.ClickException(f"There is no active token {token_id!r}.")
    click.echo(f"Revoked {token_id}.")


commands = [tokens_group]
