"""Stale while revalidating for the growth pages, impact reports and the dashboard (issue 16):
after a write that makes the growth timeline replay (an edit of an earlier collaboration, a
deletion), the first request serves the previous result at once, marked updating (a notice on
the page; ``"updating": true`` and ``"as_of_version"`` in the JSON) while ONE background
recomputation per key runs; once it has finished the new result is served unmarked and equals
a computation from scratch. An appended later collaboration still extends the timeline in the
request (no stale result), a cold start computes in the request, and the CLI stays exact.

The databases are the session's real Neo4j; ``Gated`` holds the background thread's reads until
the test opens the gate and ``Outage`` fails them (``tests/stale_helpers.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from tests.events_helpers import contributor, form_data
from tests.network_scenario import load
from tests.stale_helpers import (
    MARKS,
    Gated,
    Outage,
    client_of,
    edit_meetup,
    fresh_cache,  # noqa: F401 - autouse: every test starts with an empty cache
)
from tracker.analytics import growth as growth_analytics
from tracker.db import Database
from tracker.repositories import events
from tracker.services import dashboard, growth
from tracker.services.cache import cache, join_pending, read

NOTICE = "Updating: this is from before the latest change; it refreshes by itself."



def _json(client, path: str) -> Any:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200, path
    return json.loads(response.get_data(as_text=True))


def _html(client, path: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _unmarked(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in MARKS}


def _scratch_rows(db: Database) -> list[dict[str, Any]]:
    """The growth rows computed from scratch (the timeline replayed, nothing cached)."""
    return growth_analytics.growth_rows(read(db, growth.replayed).steps)


def test_after_an_edit_the_growth_page_and_api_serve_the_previous_table_while_one_replay_runs(db):
    gated = Gated(db)
    try:
        load(db)
        client = client_of(gated, db)
        before = _json(client, "/api/v1/growth")
        assert not any(k in row for row in before for k in MARKS)  # the shape of every release
        page = _html(client, "/growth")
        assert NOTICE not in page
        assert ">11</span> links" in page
        table = _html(client, "/growth/table?page=1")
        assert _json(client, "/api/v1/growth/status") == {"updating": False}
        started, failed = cache.recomputes, cache.failures  # counters outlive a test

        edit_meetup(db)  # not an appended collaboration: the timeline must be replayed

        stale = _json(client, "/api/v1/growth")
        assert all(row["updating"] is True and row["as_of_version"] for row in stale)
        assert [_unmarked(row) for row in stale] == before  # the previous rows, keys unchanged
        page = _html(client, "/growth")
        assert NOTICE in page
        assert 'role="status"' in page
        assert "/api/v1/growth/status" in page
        assert ">11</span> links" in page  # the previous summary
        assert NOTICE in _html(client, "/growth/table?page=1")
        assert _json(client, "/api/v1/growth/status") == {"updating": True}
        # Asked again while the replay waits at the gate: still the previous results, and no
        # second recomputation of any key (the API's rows, the summary, the table, the timeline).
        assert [_unmarked(row) for row in _json(client, "/api/v1/growth")] == before
        assert NOTICE in _html(client, "/growth")
        assert cache.recomputes == started + 4

        gated.gate.set()
        join_pending()
        fresh = _json(client, "/api/v1/growth")
        assert not any(k in row for row in fresh for k in MARKS)
        assert fresh == _scratch_rows(db)  # equal to a replay from scratch
        assert fresh != before
        assert fresh[-1]["links"] == 13
        page = _html(client, "/growth")
        assert NOTICE not in page
        assert ">13</span> links" in page
        later_table = _html(client, "/growth/table?page=1")
        assert NOTICE not in later_table
        assert later_table != table
        assert _json(client, "/api/v1/growth/status") == {"updating": False}
        assert cache.recomputes == started + 4
        assert cache.failures == failed
    finally:
        gated.gate.set()
        join_pending()
        gated.close()


def test_after_the_users_own_edit_its_impact_is_the_previous_report_with_the_notice(db):
    gated = Gated(db)
    try:
        load(db)
        client = client_of(gated, db)
        before = _json(client, "/api/v1/events/e2/impact")
        assert before["new_links"] == []
        assert not any(k in before for k in MARKS)
        assert NOTICE not in _html(client, "/events/e2")
        assert NOTICE not in _html(client, "/events/e2/impact")

        edit_meetup(db)  # the editor is then redirected to /events/e2

        event_page = _html(client, "/events/e2")
        assert "Scottish Government" in event_page  # the event itself is read fresh
        assert NOTICE in event_page  # and the previous impact summary says it is previous
        report = _html(client, "/events/e2/impact")
        assert NOTICE in report
        stale = _json(client, "/api/v1/events/e2/impact")
        assert stale["updating"] is True
        assert stale["as_of_version"]
        assert _unmarked(stale) == before

        gated.gate.set()
        join_pending()
        fresh = _json(client, "/api/v1/events/e2/impact")
        assert not any(k in fresh for k in MARKS)
        assert fresh == growth.api_shape(growth.impact(db, "e2"))  # computed synchronously
        assert sorted(map(sorted, fresh["new_links"])) == [["c1", "o4"], ["o1", "o4"]]
        assert NOTICE not in _html(client, "/events/e2/impact")
        assert NOTICE not in _html(client, "/events/e2")
    finally:
        gated.gate.set()
        join_pending()
        gated.close()


def test_a_deleted_collaboration_answers_404_at_once_never_its_previous_report(db):
    gated = Gated(db)
    try:
        load(db)
        client = client_of(gated, db)
        assert _json(client, "/api/v1/events/e3/impact")["event"] == "e3"
        events.delete(db, "e3")
        assert client.get("/api/v1/events/e3/impact").status_code == 404
        assert client.get("/events/e3/impact").status_code == 404
    finally:
        gated.gate.set()
        join_pending()
        gated.close()


def test_the_dashboard_serves_its_previous_summary_while_it_is_recomputed(db):
    gated = Gated(db)
    try:
        load(db)
        client = client_of(gated, db)
        assert NOTICE not in _html(client, "/")
        before = dashboard.served(gated)
        assert not before.updating
        edit_meetup(db)
        assert NOTICE in _html(client, "/")
        stale = dashboard.served(gated)
        assert stale.updating
        assert stale.value is before.value
        assert stale.value["n"]["links"] == 11

        gated.gate.set()
        join_pending()
        fresh = dashboard.served(gated)
        assert not fresh.updating
        assert fresh.value["n"]["links"] == 13
        assert NOTICE not in _html(client, "/")
        cache.clear()
        assert fresh.value == dashboard.summary(db)  # equal to a computation from scratch
    finally:
        gated.gate.set()
        join_pending()
        gated.close()


def test_an_outage_during_the_replay_is_logged_and_the_next_request_retries(db, caplog):
    flaky = Outage(db)
    try:
        load(db)
        client = client_of(flaky, db)
        before = _json(client, "/api/v1/growth")
        edit_meetup(db)
        flaky.down = True
        started, failed = cache.recomputes, cache.failures
        with caplog.at_level(logging.WARNING, logger="tracker.services.cache"):
            assert _json(client, "/api/v1/growth")[0]["updating"] is True
            join_pending()
        assert cache.failures == failed + 1  # the recomputation failed ...
        assert "background recomputation of growth.rows failed" in caplog.text
        flaky.down = False
        again = _json(client, "/api/v1/growth")  # ... the previous rows are still served
        assert [_unmarked(row) for row in again] == before
        assert again[0]["updating"] is True
        assert cache.recomputes == started + 2  # and a new recomputation was started
        join_pending()
        fresh = _json(client, "/api/v1/growth")
        assert "updating" not in fresh[0]
        assert fresh == _scratch_rows(db)
        assert cache.failures == failed + 1
    finally:
        flaky.down = False
        join_pending()
        flaky.close()


def test_an_appended_collaboration_is_served_at_once_extended_not_stale(db):
    load(db)
    client = client_of(db, db)
    _json(client, "/api/v1/growth")
    _html(client, "/growth")
    _json(client, "/api/v1/events/e3/impact")
    started = cache.recomputes
    # A later collaboration logged through the event form: the timeline is extended in the
    # request.
    events.save(db, form_data(id="e4", name="Follow-up", start=dt.date(2024, 9, 1),
                              end=dt.date(2024, 9, 1),
                              contributors=[contributor("o3", "", "host"),
                                            contributor("o5", "", "promoter")]))
    rows = _json(client, "/api/v1/growth")
    assert "updating" not in rows[-1]
    assert rows[-1]["event"] == "e4"
    assert rows == _scratch_rows(db)
    assert NOTICE not in _html(client, "/growth")
    assert "updating" not in _json(client, "/api/v1/events/e3/impact")
    assert cache.recomputes == started


def test_a_cold_start_computes_in_the_request(db):
    load(db)
    client = client_of(db, db)
    edit_meetup(db)
    started = cache.recomputes
    rows = _json(client, "/api/v1/growth")  # nothing earlier in this process: computed now
    assert "updating" not in rows[-1]
    assert rows == _scratch_rows(db)
    assert NOTICE not in _html(client, "/growth")
    assert NOTICE not in _html(client, "/")
    assert "updating" not in _json(client, "/api/v1/events/e2/impact")
    assert cache.recomputes == started


def test_the_cli_stays_synchronous_and_exact(db, cli):
    load(db)
    growth.summary_served(db)
    growth.growth_served(db)
    growth.impact_served(db, "e2")
    edit_meetup(db)
    started = cache.recomputes
    result = cli("growth", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == _scratch_rows(db)
    result = cli("impact", "e2", "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["new_links"]) == 2
    assert cache.recomputes == started  # nothing served stale, nothing left to recompute
