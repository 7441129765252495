"""Stale while revalidating (issue 16): after a write to the network, the network API serves the
previous payload marked ``updating`` at once while ONE background recomputation runs; a request
meanwhile gets the previous payload too; once it has finished the new payload is served. An
outage during the recomputation leaves the previous payload and the next request retries.

The databases below are the session's real Neo4j; ``Gated`` only holds the background thread's
reads until the test opens the gate (so "a request while it runs" is deterministic) and
``Outage`` makes them fail as an unreachable server does (``tests/stale_helpers.py``).
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any

from tests.conftest import login, make_user
from tests.network_scenario import extra_event, load
from tests.stale_helpers import (
    MARKS,
    Gated,
    Outage,
    client_of,
    fresh_cache,  # noqa: F401 - autouse: every test starts with an empty cache
    in_recompute,
)
from tracker.db import Database
from tracker.services import network
from tracker.services.cache import RECOMPUTE_NICENESS, cache, join_pending


def _get(client, path: str = "/api/v1/network") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def _without_marks(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k not in MARKS}


def test_a_network_write_serves_the_previous_payload_while_one_recompute_runs(db):
    gated = Gated(db)
    try:
        load(db)
        client = client_of(gated, db)
        before = _get(client)
        assert not any(k in before for k in MARKS)  # fresh: the shape of every earlier release
        started, failed = cache.recomputes, cache.failures
        load(db, extra_event())  # a new collaboration: the network area moves on

        first = _get(client)
        assert first["updating"] is True
        assert first["as_of_version"]
        assert _without_marks(first) == before  # the previous payload, keys unchanged
        second = _get(client)  # while the recomputation waits at the gate
        assert second["updating"] is True
        assert _without_marks(second) == before
        assert _get(client, "/api/v1/network/status") == {"updating": True}
        assert cache.recomputes == started + 1  # one recomputation, not one per request

        gated.gate.set()
        join_pending()
        fresh = _get(client)
        assert not any(k in fresh for k in MARKS)
        assert fresh == network.page(db)  # the new payload, equal to a synchronous one
        assert fresh != before
        assert _get(client, "/api/v1/network/status") == {"updating": False}
        assert cache.recomputes == started + 1
        assert cache.failures == failed
    finally:
        gated.gate.set()
        join_pending()
        gated.close()


def test_the_metrics_api_is_served_stale_the_same_way(db):
    load(db)
    client = client_of(db, db)
    before = _get(client, "/api/v1/metrics")
    load(db, extra_event())
    stale = _get(client, "/api/v1/metrics")
    assert stale["updating"] is True
    assert _without_marks(stale) == before
    join_pending()
    fresh = _get(client, "/api/v1/metrics")
    assert "updating" not in fresh
    assert fresh == network.metrics(db)
    assert fresh["network"]["actors"] == 8


def test_an_outage_during_the_recompute_keeps_the_previous_payload_and_the_next_request_retries(db):
    flaky = Outage(db)
    try:
        load(db)
        client = client_of(flaky, db)
        before = _get(client)
        load(db, extra_event())
        flaky.down = True
        started, failed = cache.recomputes, cache.failures
        assert _get(client)["updating"] is True
        join_pending()
        assert cache.failures == failed + 1  # the recomputation failed ...
        flaky.down = False
        again = _get(client)  # ... the previous payload is still served, and retried
        assert again["updating"] is True
        assert _without_marks(again) == before
        assert cache.recomputes == started + 2
        join_pending()
        fresh = _get(client)
        assert "updating" not in fresh
        assert fresh == network.page(db)
        assert cache.failures == failed + 1
    finally:
        flaky.down = False
        join_pending()
        flaky.close()


def test_a_cold_start_computes_in_the_request(db):
    load(db)
    client = client_of(db, db)
    load(db, extra_event())
    started = cache.recomputes
    payload = _get(client)
    assert "updating" not in payload  # nothing earlier to serve: computed now
    assert cache.recomputes == started
    assert payload == network.page(db)


def test_a_new_epoch_is_never_served_a_previous_databases_payload(db):
    load(db)
    client = client_of(db, db)
    before = _get(client)
    db.clear()
    load(db)
    load(db, extra_event())
    user = make_user(db, "viewer", "second-viewer")
    client = login(client.application.test_client(), user["username"])
    payload = _get(client)
    assert "updating" not in payload
    assert payload != before


def test_the_services_and_the_cli_stay_synchronous(db):
    load(db)
    first = network.metrics(db)
    load(db, extra_event())
    assert network.metrics(db)["network"]["actors"] == 8 != first["network"]["actors"]
    assert "updating" not in json.loads(network.page_json(db))


class Niceness(Database):
    """The real database, noting the CPU niceness of the threads that read through it."""

    def __init__(self, real: Database) -> None:
        super().__init__(real.connection)
        self.seen: dict[str, int] = {}

    def _run(self, mode: str, work: Any) -> Any:
        kind = "recompute" if in_recompute() else "request"
        self.seen[kind] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        return super()._run(mode, work)


def test_the_background_recompute_yields_the_cpu_to_requests(db):
    noted = Niceness(db)
    load(db)
    client = client_of(noted, db)
    _get(client)
    load(db, extra_event())
    assert _get(client)["updating"] is True
    join_pending()
    _get(client)
    # The previous payload is already served: the recomputation runs at a lower priority, so
    # the requests (and a browser drawing them on the same machine) come first.
    assert noted.seen["recompute"] == min(19, noted.seen["request"] + RECOMPUTE_NICENESS)
    assert noted.seen["recompute"] > noted.seen["request"]
