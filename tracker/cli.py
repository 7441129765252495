"""The `tracker` command group: its error policy, its database and output helpers, and the
discovery of commands (every module in tracker/commands with a `commands` list)."""

from __future__ import annotations

import importlib
import json
import pkgutil
from typing import Any

import click

from tracker import commands, logs
from tracker.config import Settings, SettingsError
from tracker.db import Database, DatabaseUnavailable, WriteLanded
from tracker.localdb import LocalDbError
from tracker.problems import Problems


class TrackerGroup(click.Group):
    """Turns known operational errors and refused input into clear lines and exit code 1, never
    a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (LocalDbError, DatabaseUnavailable, SettingsError) as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except WriteLanded as exc:
            # Checked, not guessed: the write's audit entry is in the database.
            click.echo(f"Done: {exc}.", err=True)
            ctx.exit(0)
        except Problems as exc:  # bad input from any command: every problem, nothing written
            click.echo(f"{len(exc.items)} problem(s); nothing was written.", err=True)
            for line in exc.messages:
                click.echo(f"  {line}", err=True)
            ctx.exit(1)


_DB: Database | None = None


def cli_settings() -> Settings:
    """The settings the `tracker` group read from the environment when it started."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    if root is not None and isinstance(root.obj, Settings):
        return root.obj
    return Settings.from_env()  # called outside a command (a test, a script)


def cli_db() -> Database:
    """The command's Database: NEO4J_URI when set, else the local server (started if needed).

    It is patient: a write interrupted by a lost database is checked and retried once."""
    global _DB
    if _DB is None:
        _DB = Database(settings=cli_settings(), patient=True)
    return _DB


def echo_json(data: Any) -> None:
    """Print data as indented JSON."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def echo_table(rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
    """Print rows as a plain aligned table."""
    if not rows:
        click.echo("(none)")
        return
    columns = columns or list(rows[0].keys())
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


@click.group(cls=TrackerGroup)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Partner Tracker: who we work with, what each event changed, who we have not reached."""
    settings = Settings.from_env()
    logs.configure(settings.log_level)
    ctx.obj = settings


def _add_area_commands() -> None:
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"tracker.commands.{info.name}")
        for command in getattr(module, "commands", []):
            main.add_command(command)


_add_area_commands()
