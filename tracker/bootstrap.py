"""First run: what `make run` does before serving (schema, register, demo, first admin)."""

from __future__ import annotations

from collections.abc import Callable

from tracker import demo
from tracker.db import Database
from tracker.repositories import users
from tracker.repositories.register import import_register
from tracker.services import dashboard


def is_empty(db: Database) -> bool:
    """True when no community, network, organisation, person or event exists yet."""
    return int(db.read_value("admin/count_nodes") or 0) == 0


def load_demo(db: Database, say: Callable[[str], None] = print) -> None:
    """Load the built-in Showcase demo and say what arrived, in the dashboard's terms."""
    counts = demo.load_demo(db)
    doc = demo.read_demo()
    collaborations = sum(1 for e in doc.get("events", []) if not e.get("parent"))
    events = counts.get("events", 0)
    reached = dashboard.summary(db)["n"]["reached"]
    say(f"Loaded the Showcase demo: {counts.get('organisations', 0)} organisations and "
        f"{events} events ({collaborations} collaborations with {events - collaborations} "
        f"sessions). The dashboard counts collaborations (top-level events; sessions roll up "
        f"into them) and the organisations they reached ({reached}: those that attended, "
        f"contributed or sent a speaker); the other organisations are recorded, for example as "
        f"members of partner networks, but not reached yet. {demo.NOTICE}")


def first_run(db: Database, say: Callable[[str], None] = print,
              url: str = "http://127.0.0.1:5000") -> None:
    """Apply the schema; on an empty database load the starting data; make a first admin.

    `url` is where the app will be served (`make run PORT=N` passes its port), for the login
    line.
    """
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
        say(f"  First admin created. Log in at {url}/login with")
        say("    username: admin")
        say(f"    password: {password}   (shown once; you choose your own at first login)")
        say("")
    else:
        say(f"Log in at {url}/login with your account "
            "(`tracker users create NAME --role admin` adds one).")
