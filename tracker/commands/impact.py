"""`tracker impact EVENT_ID` and `tracker growth`: what each collaboration changed, over time."""

from __future__ import annotations

import click

from tracker.cli import cli_db, echo_json, echo_table
from tracker.services import growth as service

GROWTH_COLUMNS = ["reached", "actors", "links", "new_links", "strengthened_links", "density",
                  "components", "largest_component_share"]


@click.command("impact")
@click.argument("event_id")
@click.option("--json", "as_json", is_flag=True, help="Print the documented JSON shape.")
def impact(event_id: str, as_json: bool) -> None:
    """What one collaboration changed: new and strengthened links, newly reached organisations."""
    report = service.impact(cli_db(), event_id)
    if report is None:
        click.echo(f"Error: no event with id {event_id!r}.", err=True)
        raise SystemExit(1)
    if as_json:
        echo_json(service.api_shape(report))
        return
    names = report["names"]
    if report["asked"] != report["event"]:
        click.echo(f"{report['asked']} is a session of {report['event']}; "
                   "reporting on the whole collaboration.")
    click.echo(f"{report['name']} ({report['event']}, {report['date']})")
    click.echo(report["summary"]["sentence"] + ".")
    click.echo("\nNew links:")
    echo_table([{"actor": a, "name": names.get(a), "with": b, "with_name": names.get(b)}
                for a, b in report["new_links"]])
    click.echo("\nStrengthened links:")
    echo_table([{"actor": s["pair"][0], "with": s["pair"][1], "before": s["before"],
                 "after": s["after"]} for s in report["strengthened_links"]])
    click.echo("\nWhat changed in the network:")
    for line in report["what_changed"]:
        click.echo(f"  {line}")
    click.echo("\nReached for the first time:")
    echo_table([{"organisation": o, "name": names.get(o)} for o in report["newly_reached"]])
    if report["before"] is not None:
        click.echo("\nNetwork before and after:")
        echo_table([{"network": key, **report[key]} for key in ("before", "after")])


@click.command("growth")
@click.option("--json", "as_json", is_flag=True, help="Print the documented JSON shape.")
@click.option("--by", type=click.Choice(service.BY), default="collaboration",
              show_default=True, help="One row per collaboration or per calendar month.")
def growth(as_json: bool, by: str) -> None:
    """How the collaboration network grew: one row per collaboration (or per month)."""
    rows = service.growth(cli_db(), by=by)
    if as_json:
        echo_json(rows)
        return
    first = ["month"] if by == "month" else ["date", "event"]
    echo_table(rows, first + GROWTH_COLUMNS)


commands = [impact, growth]
