"""`tracker backup` and `tracker restore`: everything in the database, users and audit included."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

import click

from tracker import backup
from tracker.cli import cli_db, cli_settings
from tracker.repositories import backup as repo

PASSPHRASE_ENV = "TRACKER_BACKUP_PASSPHRASE"


def _passphrase(passphrase_file: TextIO | None, confirm: bool) -> str:
    if passphrase_file is not None:
        text: str = passphrase_file.read().strip()
    elif cli_settings().backup_passphrase:
        text = str(cli_settings().backup_passphrase)
    else:
        text = click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm)
    if len(text) < 12:
        raise click.UsageError("The passphrase must have at least 12 characters.")
    return text


def _prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` tracker-*.ptb backups in folder; returns those deleted."""
    found = sorted(folder.glob("tracker-*.ptb"))  # names sort by time
    doomed = found[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


@click.command("backup")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--encrypt", is_flag=True, help="Encrypt with a passphrase (prompted for, or "
              f"--passphrase-file, or ${PASSPHRASE_ENV}).")
@click.option("--passphrase-file", type=click.File("r"), help="Read the passphrase from a file.")
@click.option("--keep", type=int, default=None,
              help="TARGET is a folder: write tracker-<UTC time>.ptb there and keep the newest N.")
def backup_command(target: Path, encrypt: bool, passphrase_file: TextIO | None, keep: int | None) -> None:
    """Write every node and relationship (users, audit, settings too) to TARGET in one snapshot."""
    if keep is not None:
        if keep < 1:
            raise click.UsageError("--keep must be at least 1.")
        target.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = target / f"tracker-{stamp}.ptb"
    else:
        path = target
        if path.is_dir():
            raise click.UsageError(f"{path} is a folder: give a file name, or --keep N.")
    passphrase = _passphrase(passphrase_file, confirm=True) if encrypt else None
    snapshot = repo.snapshot(cli_db())
    data = backup.dumps(snapshot, passphrase)
    backup.write_file(path, data)
    click.echo(f"Wrote {path}: {len(snapshot['nodes'])} nodes, "
               f"{len(snapshot['relationships'])} relationships, {len(data):,} bytes"
               + (", encrypted" if passphrase else "") + ".")
    if keep is not None:
        for old in _prune(target, keep):
            click.echo(f"Removed {old} (keeping the newest {keep}).")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Delete everything in the database first.")
@click.option("--passphrase-file", type=click.File("r"), help="Read the passphrase from a file.")
def restore_command(file: Path, replace: bool, passphrase_file: TextIO | None) -> None:
    """Restore FILE into an empty database (or, with --replace, instead of what is there)."""
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise click.ClickException(f"{file}: no such file") from None
    try:
        header, _ = backup.read_header(data)
        passphrase = (_passphrase(passphrase_file, confirm=False)
                      if header.get("encryption") else None)
        header, snapshot = backup.loads(data, passphrase)
    except backup.BackupError as exc:
        click.echo(f"{file}: {exc}; nothing was restored.", err=True)
        sys.exit(1)
    db = cli_db()
    present = repo.node_count(db)
    if present and not replace:
        click.echo(f"The database is not empty ({present} nodes): restore refuses to mix a backup "
                   "with other data. Use --replace to delete everything first.", err=True)
        sys.exit(1)
    if present:
        click.echo(f"Deleting the {present} nodes in the database…", err=True)
        repo.empty(db)

    def progress(what: str, done: int, total: int) -> None:
        click.echo(f"  {what}: {done}/{total}", err=True)

    click.echo(f"Restoring {file} (taken {header['created_at']})…", err=True)
    try:
        counts = repo.restore(db, snapshot, progress)
    except BaseException:
        click.echo("The restore failed; emptying the database again so that nothing half-restored "
                   "stays behind.", err=True)
        repo.empty(db)
        raise
    click.echo(f"Restored {counts['nodes']} nodes and {counts['relationships']} relationships.")


commands = [backup_command, restore_command]
