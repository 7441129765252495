"""The real database with its background recomputations held or failed on purpose (issue 16's
stale-while-revalidate tests): ``Gated`` holds the reads of the background thread until the test
opens the gate, so "a request while it runs" is deterministic; ``Outage`` makes them fail as an
unreachable server does. Requests (any other thread) go straight through."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import login, make_user
from tracker import create_app
from tracker.db import Database, DatabaseUnavailable
from tracker.repositories import events
from tracker.services.cache import cache, join_pending

#: The keys a JSON answer gains when it is a previous result served while recomputing.
MARKS = ("updating", "as_of_version")


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """No cached result and no background recomputation crosses a test's edges."""
    join_pending()
    cache.clear()
    yield
    join_pending()
    cache.clear()


def client_of(db: Database, real: Database):  # type: ignore[no-untyped-def]
    """A logged-in viewer's test client of an app reading through db (users made in real)."""
    app = create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": False})
    user = make_user(real, "viewer")
    return login(app.test_client(), user["username"])


def in_recompute() -> bool:
    """Whether this code runs in a background recomputation (tracker/services/cache.py)."""
    return threading.current_thread().name == "tracker-recompute"


class Gated(Database):
    """The real database; reads in the background recomputation wait for `gate`."""

    def __init__(self, real: Database) -> None:
        super().__init__(real.connection)
        self.gate = threading.Event()

    def _run(self, mode: str, work: Any) -> Any:
        if in_recompute():
            assert self.gate.wait(300), "the test never opened the gate"
        return super()._run(mode, work)


class Outage(Database):
    """The real database, unreachable from the background recomputation while `down`."""

    def __init__(self, real: Database) -> None:
        super().__init__(real.connection)
        self.down = False

    def _run(self, mode: str, work: Any) -> Any:
        if self.down and in_recompute():
            raise DatabaseUnavailable("connection refused (injected outage)")
        return super()._run(mode, work)


def edit_meetup(db: Database) -> None:
    """The coordinator's edit of an earlier collaboration (tests/network_scenario.py's e2 gains
    o4 as a speaker: new links c1–o4 and o1–o4): not an appended collaboration, so the growth
    timeline must be replayed."""
    found = events.get(db, "e2")
    assert found is not None
    data = events.form_data(found)
    data["contributors"] = [dict(c, actor_choice="") for c in data["contributors"]] + [
        {"actor": "o4", "actor_name": "Scottish Government", "role": "speaker",
         "actor_choice": ""}]
    for key in ("contributors", "attendance", "sessions", "speakers"):
        data[key] = [dict(r, _row=i) for i, r in enumerate(data[key])]
    events.save(db, data, "e2")
