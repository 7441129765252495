"""First run: what `make run` does before serving (schema, register, demo, first admin)."""

from __future__ import annotations

from collections.abc import Callable

from tracker import demo
from tracker.db import Database
from tracker.repositories import users
from tracker.repositories.register import import_register


def is_empty(db: Database) -> bool:
    """True when no community, network, organisation, person or event exists yet."""
    return int(db.read_value("admin/count_nodes") or 0) == 0


def load_demo(db: Database, say: Callable[[str], None] = print) -> None:
    """Load the built-in Showcase demo and say what arrived."""
    counts = demo.load_demo(db)
    say(f"Loaded the Showcase demo: {counts.get('organisations', 0)} organisations, "
        f"{counts.get('events', 0)} events. {demo.notice()}")


def first_run(db: Database, say: Callable[[str], None] = print) -> None:
    """Apply the schema; on an empty database load the starting data; make a first admin."""
    db.apply_schema()
    say("Schema applied.")
    if is_empty(db):
        say("The database is empty: loading the starting data.")
        # The register first: the demo's organisations use register ids and meet it there.

        import_register(db, say=say)
        load_demo(db, say)
    password = users.ensure_first_admin(db)
    if password:
        say("")
        say("  First admin created. Log in at http://127.0.0.1:5000/login with")
        say("    username: admin")
        say(f"    password: {password}   (shown once; you choose your own at first login)")
        say("")
    else:
        say("Log in at http://127.0.0.1:5000/login with your account "
            "(`tracker users create NAME --role admin` adds one).")
