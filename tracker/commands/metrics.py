"""`tracker metrics`: the collaboration network's whole-network and per-actor figures."""

from __future__ import annotations

import click

from tracker.cli import cli_db, echo_json, echo_table
from tracker.dates import BadDate, parse_as_of
from tracker.model import METRIC_COLUMNS
from tracker.text import plural


@click.command("metrics")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="The network as of this date (YYYY-MM-DD); default: everything recorded.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON document.")
def metrics_command(as_of: str | None, as_json: bool) -> None:
    """Network metrics: actors, links, density, components, brokers, communities."""
    from tracker.services import network  # noqa: PLC0415 (networkx, igraph and scipy load only for this command)

    try:
        as_of = parse_as_of(as_of)
    except BadDate as exc:
        raise click.UsageError(str(exc)) from None
    result = network.metrics(cli_db(), as_of)
    if as_json:
        echo_json(result)
        return
    net = result["network"]
    click.echo(f"Collaboration network{' as of ' + as_of if as_of else ''}: "
               f"{net['actors']} actors, {net['links']} links, density {net['density']}, "
               f"{net['components']} {plural(net['components'], 'component')}, largest holds "
               f"{net['largest_component_share'] * 100:.1f}%, modularity {net['modularity']}.")
    ranked = sorted(result["actors"], key=lambda a: (-a["betweenness"], -a["degree"], a["id"]))
    echo_table(ranked, list(METRIC_COLUMNS))


commands = [metrics_command]
