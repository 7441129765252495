"""`tracker setup` (first run) and `tracker serve` (the web app under waitress)."""

from __future__ import annotations

import dataclasses

import click
from waitress import serve as waitress_serve

from tracker import create_app, serving
from tracker.bootstrap import first_run
from tracker.cli import cli_db, cli_settings
from tracker.localdb import port_free


@click.command("setup")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Where `tracker serve` will listen (for the login address it prints).")
@click.option("--port", default=5000, show_default=True, type=int,
              help="The port `tracker serve` will use (`make run PORT=N` passes it).")
def setup(host: str, port: int) -> None:
    """First-run setup: schema, starting data on an empty database, a first admin."""
    first_run(cli_db(), say=lambda line: click.echo(line, err=True), url=f"http://{host}:{port}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--server", type=click.Choice(["waitress", "gunicorn"]), default="waitress",
              show_default=True, help="waitress: one process; gunicorn: gthread workers.")
@click.option("--threads", type=int, help="Request threads per process [TRACKER_THREADS or 8].")
@click.option("--workers", type=int, help="gunicorn processes [TRACKER_WORKERS or 2].")
def serve(host: str, port: int, server: str, threads: int | None, workers: int | None) -> None:
    """Serve the web app with waitress or gunicorn (the driver pool follows --threads)."""
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
        from tracker.services import network  # noqa: PLC0415 (the analytics libraries load only to serve)

        network.warm(app.extensions["neo4j"])  # each process has its own cache
        waitress_serve(app, host=host, port=port, threads=n_threads)


commands = [setup, serve]
