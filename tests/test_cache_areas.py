"""Caches that know what a write touched: each write bumps only its areas of data (tracker/areas.py)
in its own transaction, so unrelated writes leave the network's cached results warm."""

from __future__ import annotations

import threading
import time

import pytest

from tests.network_scenario import extra_event, load
from tracker.areas import AREAS, touched
from tracker.repositories import events, users
from tracker.repositories.communities import COMMUNITIES
from tracker.repositories.entities import IdTaken
from tracker.repositories.organisations import ORGANISATIONS
from tracker.repositories.people import PEOPLE
from tracker.services import dashboard, growth, lists, matching, network
from tracker.services.cache import Snapshot, cache, cached, read


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def warm(db):  # type: ignore[no-untyped-def]
    """The network graph, metrics and the timeline, computed once (then served from the cache)."""
    return network.graph(db), network.metrics(db), network.page(db), growth.timeline(db)


def still_warm(db, before) -> bool:  # type: ignore[no-untyped-def]
    after = warm(db)
    return all(a is b for a, b in zip(after, before, strict=True))


def test_a_new_user_account_leaves_the_network_cache_warm(db):
    load(db)
    before = warm(db)
    assert still_warm(db, before)  # the same objects: served from the cache
    users.create(db, "newcomer", "viewer", "a long enough password 1")
    assert still_warm(db, before)


def test_a_contribution_empties_the_network_cache(db):
    load(db)
    before = warm(db)
    load(db, extra_event())  # a new collaboration with contributions
    after = warm(db)
    assert all(a is not b for a, b in zip(after, before, strict=True))
    assert after[1]["network"]["actors"] == 8


def test_a_new_organisation_leaves_the_network_but_not_the_matcher_warm(db):
    load(db)
    before = warm(db)
    index = matching.index(db)
    ORGANISATIONS.create(db, "o9", {"name": "Brand New Council"})
    assert still_warm(db, before)
    assert matching.index(db) is not index  # the matcher must know the new name at once
    assert matching.match(db, "Brand New Council")["matches"][0]["id"] == "o9"


def test_editing_an_organisation_outside_the_network_leaves_it_warm(db):
    load(db)
    before = warm(db)
    ORGANISATIONS.update(db, "o5", {"name": "Quiet Council", "type": "local authority",
                                    "nation": "England", "website": "https://quiet.example"})
    assert still_warm(db, before)


def test_renaming_a_contributor_refreshes_the_network(db):
    load(db)
    before = warm(db)
    COMMUNITIES.update(db, "c1", {"name": "Renamed Community"})
    graph = network.graph(db)
    assert graph is not before[0]
    assert graph.nodes["c1"]["name"] == "Renamed Community"


def test_a_new_person_leaves_the_network_and_the_organisations_warm_and_is_listed_at_once(db):
    load(db)
    before = warm(db)
    lists.entity_page(db, ORGANISATIONS)
    lists.entity_page(db, PEOPLE)
    PEOPLE.create(db, "p1", {"name": "Ada", "organisation": "o5"})
    assert still_warm(db, before)  # no attendance or talks yet: nobody reached through Ada
    misses = cache.misses
    lists.entity_page(db, ORGANISATIONS)
    assert cache.misses == misses  # the organisations' order is still warm
    assert [r["id"] for r in lists.entity_page(db, PEOPLE)["rows"]] == ["p1"]
    assert cache.misses == misses + 1  # the people's order was computed again
    state = db.read_one("meta/version")
    assert state["people"] == state["version"]
    assert max(state[a] for a in AREAS if a != "people") < state["version"]


def test_a_new_person_leaves_the_dashboard_warm_and_moving_one_refreshes_it(db):
    load(db)
    PEOPLE.create(db, "p0", {"name": "Bo", "organisation": "o1"})
    before = dashboard.summary(db)
    PEOPLE.create(db, "p1", {"name": "Ada", "organisation": "o5"})
    assert dashboard.summary(db) is before  # Ada reached nobody: the same summary, not recomputed
    PEOPLE.update(db, "p0", {"name": "Bo", "organisation": "o5"})  # who Bo's employer reached
    assert dashboard.summary(db) is not before


def test_moving_a_person_and_feedback_touch_reach_and_other(db):
    load(db)
    PEOPLE.create(db, "p1", {"name": "Ada", "organisation": "o5"})
    graph = network.graph(db)
    timeline = growth.timeline(db)
    PEOPLE.update(db, "p1", {"name": "Ada", "organisation": "o3"})
    assert network.graph(db) is not graph  # reach: who an organisation's people reached
    assert growth.timeline(db) is not timeline
    graph, timeline = network.graph(db), growth.timeline(db)
    events.set_feedback(db, "e3", "o3", 5, True, "")
    assert network.graph(db) is graph
    assert growth.timeline(db) is timeline


def test_each_write_bumps_only_its_areas(db):
    load(db)
    state = db.read_one("meta/version")
    users.create(db, "someone", "viewer", "a long enough password 2")
    after = db.read_one("meta/version")
    assert after["version"] == state["version"] + 1  # the data version still moves
    assert {a: after[a] for a in AREAS} == {a: state[a] for a in AREAS}
    load(db, extra_event())
    last = db.read_one("meta/version")
    assert last["network"] == last["reach"] == last["actors"] == last["version"]


def test_a_refused_write_bumps_nothing(db):
    load(db)
    state = db.read_one("meta/version")
    with pytest.raises(IdTaken):
        ORGANISATIONS.create(db, "o1", {"name": "Another Welsh Government"})
    assert db.read_one("meta/version") == state


@pytest.mark.parametrize(("entries", "areas"), [
    ([], set()),
    ([{"entity": "login", "action": "failure"}], set()),
    ([{"entity": "api_token", "action": "create"}], set()),
    ([{"entity": "membership", "action": "set"}], {"reach"}),
    ([{"entity": "feedback", "action": "update"}], {"other"}),
    ([{"entity": "note", "action": "create"}, {"entity": "follow-up", "action": "done"}],
     {"other"}),
    ([{"entity": "organisation", "entity_id": "x", "action": "create"}], {"actors"}),
    ([{"entity": "person", "entity_id": "p", "action": "create"}], {"people"}),
    ([{"entity": "person", "entity_id": "p", "action": "update"}], {"people", "reach"}),
    ([{"entity": "person", "entity_id": "p", "action": "delete"}], {"people", "reach"}),
    ([{"entity": "organisation", "entity_id": "x", "action": "update",
       "changes": '{"nation": {"from": "Wales", "to": "England"}}'}], {"actors", "reach"}),
    ([{"entity": "organisation", "entity_id": "x", "action": "delete"}], {"actors", "reach"}),
    ([{"entity": "something new", "action": "create"}], set(AREAS)),
    ([{"entity": "event", "entity_id": "e", "action": "create"}],
     {"network", "reach", "actors", "people"}),
    ([{"entity": "attendance", "action": "import"},
      {"entity": "organisation", "entity_id": "y", "action": "create"}],
     {"reach", "actors", "people"}),
])
def test_areas_from_audit_entries(entries, areas):
    assert set(touched(entries).areas) == areas


# -- one computation per key at a time ---------------------------------------------------------

_calls: list[int] = []


@cached("test.single_flight", ("other",))
def _slow_kind(snap: Snapshot, release: threading.Event) -> object:
    _calls.append(1)
    release.wait(60)  # held until the second request is waiting for this computation
    return object()


def test_requests_missing_the_same_key_together_share_one_computation(db):
    _calls.clear()
    release = threading.Event()
    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(read(db, _slow_kind, release)))
    first.start()
    while not _calls:  # the first request is computing
        time.sleep(0.01)
    second = threading.Thread(target=lambda: results.append(read(db, _slow_kind, release)))
    second.start()
    while cache.waiting < 1:  # the second is waiting for it, not computing
        time.sleep(0.01)
    release.set()
    first.join()
    second.join()
    assert len(_calls) == 1
    assert results[0] is results[1]
    assert cache.waits == 1


@cached("test.failing", ("other",))
def _failing_kind(snap: Snapshot, release: threading.Event) -> object:
    _calls.append(1)
    if len(_calls) == 1:
        release.wait(60)
        raise RuntimeError("the first computation fails")
    return "computed by the waiting request"


def test_a_waiting_request_computes_for_itself_when_the_first_fails(db):
    _calls.clear()
    release = threading.Event()
    outcome: list[object] = []

    def first_request() -> None:
        try:
            read(db, _failing_kind, release)
        except RuntimeError as exc:
            outcome.append(str(exc))

    first = threading.Thread(target=first_request)
    first.start()
    while not _calls:
        time.sleep(0.01)
    second = threading.Thread(target=lambda: outcome.append(read(db, _failing_kind, release)))
    second.start()
    while cache.waiting < 1:
        time.sleep(0.01)
    release.set()
    first.join()
    second.join()
    assert sorted(map(str, outcome)) == ["computed by the waiting request",
                                         "the first computation fails"]
    assert len(_calls) == 2
