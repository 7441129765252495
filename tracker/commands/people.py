"""`tracker people`: personal data requests (UK GDPR): export, erase, retention review."""

from __future__ import annotations

import click

from tracker.cli import cli_db, cli_settings, echo_json, echo_table
from tracker.repositories import privacy


@click.group("people")
def people_group() -> None:
    """Answer access and erasure requests; review people past the retention period."""


@people_group.command("export")
@click.argument("person_id")
@click.option("--json", "as_json", is_flag=True, help="Print the whole JSON document.")
def export_command(person_id: str, as_json: bool) -> None:
    """Everything held on one person (a subject access request)."""
    try:
        doc = privacy.export_person(cli_db(), person_id)
    except privacy.NoSuchPerson as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        echo_json(doc)
        return
    person = doc["person"]
    click.echo(f"{person.get('name')} ({person_id})")
    for key, value in sorted(person.items()):
        click.echo(f"  {key}: {value}")
    for section in ("works_at", "spoke_at", "attended", "feedback_given", "notes", "follow_ups",
                    "other_relationships", "audit_entries"):
        click.echo(f"{section.replace('_', ' ')}: {len(doc[section])}")
    click.echo("Use --json for the whole document to send to the person.")


@people_group.command("erase")
@click.argument("person_id")
@click.option("--reason", default="", help="Why (e.g. 'erasure request of 2024-05-01'); kept in the audit.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase_command(person_id: str, reason: str, yes: bool) -> None:
    """Erase a person and their data in the audit trail (organisation numbers stay)."""
    if not yes:
        click.confirm(f"Erase person {person_id} and their data everywhere? This cannot be undone",
                      abort=True)
    try:
        counts = privacy.erase_person(cli_db(), person_id, reason)
    except privacy.NoSuchPerson as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Erased {person_id}: {counts['relationships_removed']} link(s) removed, "
               f"{counts['notes_removed']} note(s) and {counts['follow_ups_removed']} "
               f"follow-up(s) removed, {counts['audit_entries_redacted']} audit entr(ies) "
               "redacted.")


@people_group.command("review")
@click.option("--older-than", "months", type=click.IntRange(1, 1200), default=None,
              help="Months since the last engagement (default: the retention setting).")
@click.option("--erase", is_flag=True, help="Erase every person listed.")
@click.option("--yes", is_flag=True, help="With --erase: do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True)
def review_command(months: int | None, erase: bool, yes: bool, as_json: bool) -> None:
    """People whose last engagement is older than the retention period (or who have none)."""
    months = months or cli_settings().people_retention_months
    db = cli_db()
    found = privacy.review(db, months)
    if as_json and not erase:
        echo_json(found)
        return
    click.echo(f"{len(found)} person(s) with no engagement in the last {months} months:")
    echo_table(found, ["id", "name", "organisation", "last_engagement"])
    if erase and found:
        if not yes:
            click.confirm(f"Erase these {len(found)} person(s)? This cannot be undone",
                          abort=True)
        for person in found:
            privacy.erase_person(db, person["id"], f"retention review: over {months} months")
        click.echo(f"Erased {len(found)} person(s).")


commands = [people_group]
