"""The `tracker` command: database, schema, server, users, and each area's commands."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from typing import Any

import click

from tracker import logs
from tracker.config import Settings, SettingsError
from tracker.db import Database, DatabaseUnavailable, WriteLanded
from tracker.localdb import LocalDbError, LocalServer


class TrackerGroup(click.Group):
    """Turns known operational errors into one clear line and exit code 1, never a traceback."""

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


@main.group()
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
    if as_json:
        echo_json(info)
    elif info["running"]:
        click.echo(f"running  pid {info['pid']}  {info['uri']}  "
                   f"Neo4j {info.get('version', '?')} {info.get('edition', '?')}  "
                   f"data {info['data_dir']}")
    else:
        click.echo(f"stopped  data {info['data_dir']}")
    if not info["running"]:
        sys.exit(3)


@main.command("init-db")
def init_db() -> None:
    """Apply constraints and indexes (idempotent)."""
    names = cli_db().apply_schema()
    click.echo(f"Schema applied: {len(names)} constraints and indexes.")


@main.command("setup")
def setup() -> None:
    """First-run setup: schema, starting data on an empty database, a first admin."""
    from tracker.bootstrap import first_run

    first_run(cli_db(), say=lambda line: click.echo(line, err=True))


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--server", type=click.Choice(["waitress", "gunicorn"]), default="waitress",
              show_default=True, help="waitress: one process; gunicorn: gthread workers.")
@click.option("--threads", type=int, help="Request threads per process [TRACKER_THREADS or 8].")
@click.option("--workers", type=int, help="gunicorn processes [TRACKER_WORKERS or 2].")
def serve(host: str, port: int, server: str, threads: int | None, workers: int | None) -> None:
    """Serve the web app with waitress or gunicorn (the driver pool follows --threads)."""
    import dataclasses

    from tracker import create_app, serving
    from tracker.localdb import port_free

    if not port_free(port, host):
        raise click.ClickException(
            f"Port {port} on {host} is in use by another program: stop it, or serve elsewhere "
            f"with `tracker serve --port N` (`make run PORT=N`).")
    settings = cli_settings()
    if threads is not None:
        settings = dataclasses.replace(settings, threads=threads)  # the driver pool follows
    if workers is not None:
        settings = dataclasses.replace(settings, workers=workers)
    n_threads = settings.threads
    app = create_app({"SETTINGS": settings})
    app.extensions["neo4j"].ensure_schema()
    click.echo(f"Partner Tracker on http://{host}:{port}/  ({server}, {n_threads} threads; "
               "Ctrl+C to stop)")
    if server == "gunicorn":
        app.extensions["neo4j"].close()  # each worker opens its own driver after the fork
        serving.serve_gunicorn(app, host, port, settings.workers, n_threads)
    else:
        from waitress import serve as waitress_serve

        waitress_serve(app, host=host, port=port, threads=n_threads)


@main.group()
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), default="viewer",
              show_default=True)
@click.option("--password-file", type=click.File("r"), help="Read the password from a file.")
def users_create(username: str, role: str, password_file: Any) -> None:
    """Create a user; the password is prompted for unless --password-file is given."""
    from tracker.repositories import users as repo

    if password_file is not None:
        password = password_file.read().strip()
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        raise click.UsageError("The password must have at least 10 characters.")
    try:
        repo.create(cli_db(), username, role, password)
    except repo.UsernameTaken as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {role} {username}.")


@users.command("ensure-admin")
def users_ensure_admin() -> None:
    """Create a first admin with a one-time password when there is no admin."""
    from tracker.repositories import users as repo

    password = repo.ensure_first_admin(cli_db())
    if password:
        click.echo(f"Created the first admin: username 'admin', one-time password {password}")
        click.echo("Change it on first login (Admin > Users).")


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
def users_list(as_json: bool) -> None:
    """List accounts."""
    from tracker.repositories import users as repo

    rows = repo.list_all(cli_db())
    echo_json(rows) if as_json else echo_table(rows, ["username", "role", "active", "created_at"])


def _add_area_commands() -> None:
    from tracker import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"tracker.commands.{info.name}")
        for command in getattr(module, "commands", []):
            main.add_command(command)


_add_area_commands()
