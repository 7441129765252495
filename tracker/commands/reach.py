"""`tracker reach`: who we have not reached, who went quiet, coverage and follow-ups."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from tracker.cli import cli_db, echo_json, echo_table
from tracker.problems import Problems
from tracker.services import reach as service

TABLE_COLUMNS = {
    "not-reached": ["id", "name", "nation", "region", "type"],
    "lapsed": ["id", "name", "nation", "region", "type", "last_reached"],
    "reachable-through-partners": ["id", "name", "nation", "region", "type", "via"],
    "follow-ups": ["id", "name", "nation", "type", "feedback_event", "feedback_date"],
}


@click.command("reach")
@click.option("--not-reached", is_flag=True,
              help="Register organisations that no collaboration has reached.")
@click.option("--lapsed", "months", type=int, default=None, metavar="MONTHS",
              help="Reached once, but by nothing in the last MONTHS calendar months.")
@click.option("--reachable-through-partners", "reachable", is_flag=True,
              help="Not reached, but members of a network that has contributed.")
@click.option("--coverage", is_flag=True, help="Share of the register reached, by group.")
@click.option("--by", type=click.Choice(["nation", "region", "type"]), default=None,
              help="Grouping for --coverage (default nation).")
@click.option("--follow-ups", "follow_ups", is_flag=True,
              help="Partners who said they would work together again and have not since.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only collaborations up to YYYY-MM-DD count (default today).")
@click.option("--nation", default=None, help="Only this nation (e.g. Wales).")
@click.option("--region", default=None, help="Only this region (e.g. London).")
@click.option("--type", "type_", default=None, help="Only this type (e.g. 'ICB').")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def reach(not_reached: bool, months: int | None, reachable: bool, coverage: bool,
          by: str | None, follow_ups: bool, as_of: datetime | None, nation: str | None,
          region: str | None, type_: str | None, as_json: bool) -> None:
    """Ask one reach question (exactly one of the question options)."""
    chosen = [name for name, on in (("not-reached", not_reached), ("lapsed", months is not None),
                                    ("reachable-through-partners", reachable),
                                    ("coverage", coverage), ("follow-ups", follow_ups)) if on]
    problems = []
    if len(chosen) != 1:
        problems.append("give exactly one of --not-reached, --lapsed MONTHS, "
                        "--reachable-through-partners, --coverage, --follow-ups"
                        + (f" (got {', '.join('--' + c for c in chosen)})" if chosen else ""))
    if months is not None and months < 1:
        problems.append(f"--lapsed needs a whole number of months of at least 1, not {months}")
    if by is not None and not coverage:
        problems.append("--by only goes with --coverage")
    if problems:
        raise click.UsageError("; ".join(problems))
    question = chosen[0]
    try:
        found = service.answer(cli_db(), question, as_of=as_of.date() if as_of else None,
                               months=months, by=by, nation=nation, region=region, type=type_)
    except Problems as exc:
        raise click.UsageError("; ".join(exc.messages)) from None
    if as_json:
        echo_json(service.public(question, found))
    else:
        _print_table(question, found)


def _print_table(question: str, found: list[dict[str, Any]]) -> None:
    if question == "coverage":
        rows = [{**r, "share": f"{r['share'] * 100:.1f}%"} for r in found]
        echo_table(rows, ["group", "in_register", "reached", "share"])
        return
    rows = [{**r, "via": ", ".join(r.get("via") or [])} for r in found]
    echo_table(rows, TABLE_COLUMNS[question])
    click.echo(f"{len(found):,} organisation{'s' if len(found) != 1 else ''}")


commands = [reach]
