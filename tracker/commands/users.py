"""`tracker users create|ensure-admin|list`: user accounts."""

from __future__ import annotations

from typing import Any

import click

from tracker.cli import cli_db, echo_json, echo_table
from tracker.repositories import users as repo
from tracker.security.passwords import problems


@click.group()
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), default="viewer",
              show_default=True)
@click.option("--password-file", type=click.File("r"), help="Read the password from a file.")
def users_create(username: str, role: str, password_file: Any) -> None:
    """Create a user; the password is prompted for unless --password-file is given."""
    if password_file is not None:
        password = password_file.read().strip()
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    refused = problems(password, username)
    if refused:
        raise click.UsageError(" ".join(refused))
    try:
        # A password set here is deliberate (operators and scripts rely on it): it is kept.
        repo.create(cli_db(), username, role, password)
    except repo.UsernameTaken as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {role} {username}.")


@users.command("ensure-admin")
def users_ensure_admin() -> None:
    """Create a first admin with a one-time password when there is no admin."""
    password = repo.ensure_first_admin(cli_db())
    if password:
        click.echo(f"Created the first admin: username 'admin', one-time password {password}")
        click.echo("It works for one login: the admin then chooses their own password.")


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
def users_list(as_json: bool) -> None:
    """List accounts."""
    rows = repo.list_all(cli_db())
    echo_json(rows) if as_json else echo_table(rows, ["username", "role", "active", "created_at"])


commands = [users]
