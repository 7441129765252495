"""`tracker notes` and `tracker follow-ups`: notes on records and the follow-ups to do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from tracker.audit import current_username
from tracker.cli import cli_db, echo_json, echo_table
from tracker.model import FOLLOW_UP_COLUMNS, RECORDS
from tracker.problems import Problems
from tracker.repositories import follow_ups, notes


def _subject(organisation: str | None, person: str | None, event: str | None,
             required: bool) -> tuple[str | None, str | None]:
    """(kind, id) from --organisation/--person/--event: at most one (exactly one if required)."""
    given = [(k, v) for k, v in (("organisation", organisation), ("person", person),
                                 ("event", event)) if v]
    if len(given) > 1 or (required and not given):
        raise Problems.one("give exactly one of --organisation, --person or --event"
                           if required else "give at most one of --organisation, --person "
                           "or --event")
    return given[0] if given else (None, None)


F = TypeVar("F", bound=Callable[..., Any])


def _subject_options(command: F) -> F:
    """--organisation ID, --person ID, --event ID (what a note is about)."""
    for kind in reversed(RECORDS):
        command = click.option(f"--{kind}", kind, metavar="ID",
                               help=f"The {RECORDS[kind].singular.lower()} it is about.")(command)
    return command


@click.group("notes")
def notes_group() -> None:
    """Dated notes on organisations, people and events."""


@notes_group.command("add")
@click.argument("text")
@click.option("--author", default=None, help="Who wrote it (default: cli:<your login>).")
@_subject_options
def add_command(text: str, author: str | None, organisation: str | None, person: str | None,
                event: str | None) -> None:
    """Add a note (TEXT) about one organisation, person or event."""
    kind, about = _subject(organisation, person, event, required=True)
    if kind is None or about is None:  # _subject has refused it already
        raise click.UsageError("say what the note is about")
    done = notes.add(cli_db(), kind, about, text, author=author or current_username())
    click.echo(f"Added note {done['id']} to {kind} {done['about_name']} ({about}).")


@notes_group.command("list")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the notes as JSON.")
@_subject_options
def list_command(limit: int, as_json: bool, organisation: str | None, person: str | None,
                 event: str | None) -> None:
    """Notes, newest first (only those about one record with --organisation/--person/--event)."""
    kind, about = _subject(organisation, person, event, required=False)
    found = notes.listing(cli_db(), kind=kind, about=about, per_page=limit)
    if as_json:
        echo_json(found["rows"])
        return
    shown = f" (showing {limit})" if found["total"] > limit else ""
    click.echo(f"{found['total']} note(s){shown}:")
    echo_table([{**r, "when": (r["created_at"] or "")[:16].replace("T", " "),
                 "about": f"{r['kind']} {r['about']}",
                 "text": _short(r["text"])} for r in found["rows"]],
               ["when", "author", "about", "text"])


def _short(text: str | None, width: int = 60) -> str:
    """One line of at most `width` characters."""
    line = " ".join((text or "").split())
    return line if len(line) <= width else line[:width - 1] + "…"


@click.group("follow-ups")
def follow_ups_group() -> None:
    """Follow-ups: an owner, a due date, done or not."""


@follow_ups_group.command("list")
@click.option("--mine", "user", metavar="USER", default=None,
              help="Only USER's (open ones, unless --overdue or --done).")
@click.option("--overdue", is_flag=True, help="Only open follow-ups past their due date.")
@click.option("--done", is_flag=True, help="Only follow-ups marked done.")
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
def follow_ups_list(user: str | None, overdue: bool, done: bool, as_json: bool) -> None:
    """Open follow-ups by due date (everyone's unless --mine USER)."""
    if overdue and done:
        raise click.UsageError("--overdue and --done exclude each other.")
    show = "overdue" if overdue else "done" if done else "mine" if user else "all"
    found = follow_ups.listing(cli_db(), show, user=user, owner=user, per_page=100_000)
    if as_json:
        echo_json([{c: r.get(c) for c in (*FOLLOW_UP_COLUMNS, "overdue")}
                   for r in found["rows"]])
        return
    click.echo(f"{found['total']} follow-up(s):")
    echo_table([{**r, "title": _short(r["title"], 50),
                 "about": f"{r['kind']} {_short(r['about_name'], 30)}",
                 "status": ("done " + (r["done_at"] or "")[:10]) if r["done_at"]
                 else "OVERDUE" if r["overdue"] else "open"} for r in found["rows"]],
               ["due", "status", "owner", "title", "about"])


commands = [notes_group, follow_ups_group]
