"""`tracker setup` (first run) and `tracker serve` (the web app under waitress)."""

from __future__ import annotations

import click

from tracker.cli import cli_db, cli_settings


@click.command("setup")
def setup() -> None:
    """First-run setup: schema, starting data on an empty database, a first admin."""
    from tracker.bootstrap import first_run

    first_run(cli_db(), say=lambda line: click.echo(line, err=True))


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app with waitress."""
    from waitress import serve as waitress_serve

    from tracker import create_app
    from tracker.localdb import port_free

    if not port_free(port, host):
        raise click.ClickException(
            f"Port {port} on {host} is in use by another program: stop it, or serve elsewhere "
            f"with `tracker serve --port N` (`make run PORT=N`).")
    app = create_app({"SETTINGS": cli_settings()})
    app.extensions["neo4j"].ensure_schema()
    click.echo(f"Partner Tracker on http://{host}:{port}/  (Ctrl+C to stop)")
    waitress_serve(app, host=host, port=port, threads=threads)


commands = [setup, serve]
