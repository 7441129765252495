"""Pages whose cost follows what they show: lists and sections cut in Cypher, the same rows from
the cached list order as from the list query, the shared pager on every paged section, the
growth summary and its paged table, the dashboard from one cached summary."""

from __future__ import annotations

import pytest

from tests.network_scenario import load
from tracker.repositories import events as events_repo
from tracker.repositories import networks, organisations, users
from tracker.repositories.graph import import_document
from tracker.repositories.organisations import ORGANISATIONS as ORG
from tracker.repositories.people import PEOPLE
from tracker.services import dashboard, growth, lists
from tracker.services.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


NAMES = ["beta council", "Alpha Trust", "alpha board", "Gamma NHS", "delta agency", "Epsilon"]


@pytest.fixture
def many(db):  # type: ignore[no-untyped-def]
    """Organisations with mixed-case names, attendance counts and people, and collaborations."""
    doc = {
        "organisations": [{"id": f"o{i}", "name": n, "type": "t" if i % 2 else "u",
                           "nation": ["Wales", "England", "Scotland"][i % 3]}
                          for i, n in enumerate(NAMES)],
        "people": [{"id": f"p{i}", "name": f"Person {5 - i}", "organisation": f"o{i % 3}"}
                   for i in range(5)],
        "events": [{"id": f"e{i}", "name": f"Event {'BAcb'[i % 4]}{i}",
                    "start": f"2024-0{1 + i % 3}-01",
                    "contributors": [{"actor": f"o{i % 6}", "role": "host"}],
                    "attendance": [{"organisation": f"o{j}", "attendees": 3}
                                   for j in range(i % 4)]}
                   for i in range(7)],
    }
    import_document(db, doc)
    return db


@pytest.mark.parametrize("kind", [ORG, PEOPLE])
def test_cached_list_order_gives_the_rows_of_the_list_query(many, kind):
    for sort in kind.sorts:
        for desc in (False, True):
            for page in (1, 2, 3):
                cypher = kind.list(many, sort=sort, desc=desc, page=page, per_page=2)
                served = lists.entity_page(many, kind, sort=sort, desc=desc, page=page,
                                           per_page=2)
                assert served["rows"] == cypher["rows"], (sort, desc, page)
                assert (served["total"], served["pages"]) == (cypher["total"], cypher["pages"])


def test_lists_sort_without_case_and_count_apart(many):
    found = ORG.list(many, page=1, per_page=4)
    assert [r["name"] for r in found["rows"]] == ["alpha board", "Alpha Trust", "beta council",
                                                  "delta agency"]
    assert (found["total"], found["pages"]) == (6, 2)
    by_events = ORG.list(many, sort="events", desc=True, per_page=6)["rows"]
    assert [r["events"] for r in by_events] == sorted((r["events"] for r in by_events),
                                                      reverse=True)
    assert ORG.list(many, nation="Wales", per_page=10)["total"] == 2


def test_cached_events_order_gives_the_rows_of_the_events_query(many):
    for sort in events_repo.SORTS:
        for page in (1, 2, 3):
            cypher = events_repo.list_events(many, sort=sort, page=page, per_page=3)
            served = lists.events_page(many, sort=sort, page=page, per_page=3)
            assert served["items"] == cypher["items"], (sort, page)
            assert served["total"] == cypher["total"] == 7


def test_a_write_reorders_the_cached_list(many):
    assert lists.entity_page(many, ORG, per_page=10)["rows"][0]["name"] == "alpha board"
    ORG.create(many, "o-aaa", {"name": "Aardvark Council"})
    rows = lists.entity_page(many, ORG, per_page=10)["rows"]
    assert rows[0]["name"] == "Aardvark Council"


def test_organisation_sections_are_paged_in_cypher(many):
    found = organisations.get(many, "o0", {"events": 1})
    assert found["sections"]["events"]["total"] == 6  # e0, e6 hosted; attended e1..e3, e5, e6
    small = ORG.get(many, "o0", {"events": 2, "partners": 9}, size=4)
    assert small["sections"]["events"] == {"page": 2, "pages": 2, "total": 6}
    assert len(small["events"]) == 2
    assert small["sections"]["partners"]["page"] == 1  # past the end: the last page
    whole = [e["id"] for e in ORG.get(many, "o0", size=10)["events"]]
    pages = [e["id"] for p in (1, 2) for e in ORG.get(many, "o0", {"events": p}, size=4)["events"]]
    assert pages == whole  # the pages are the whole section, in order, once


def events_table(html: str) -> str:
    """The organisation page's events table (other parts of the page mention events too)."""
    start = html.index('<table id="events">')
    return html[start:html.index("</table>", start)]


def test_sections_have_their_own_pagers(db, viewer_client):
    import_document(db, {"organisations": [{"id": "busy", "name": "Busy Council"}],
                         "events": [{"id": f"e{i:02d}", "name": f"Meeting {i:02d}",
                                     "start": f"2024-01-{1 + i:02d}",
                                     "attendance": [{"organisation": "busy", "attendees": 2}]}
                                    for i in range(27)]})
    html = viewer_client.get("/organisations/busy").get_data(as_text=True)
    assert "27</span> events" in html
    table = events_table(html)
    assert "Meeting 26" in table
    assert "Meeting 01" not in table  # latest first, 25 a page
    assert 'aria-label="Pages of events"' in html
    assert "events=2" in html
    second = events_table(viewer_client.get("/organisations/busy?events=2").get_data(as_text=True))
    assert "Meeting 01" in second
    assert "Meeting 00" in second
    assert "Meeting 26" not in second
    assert viewer_client.get("/organisations/busy?events=abc").status_code == 200


def test_group_members_are_paged(db, viewer_client):
    networks.NETWORKS.create(db, "rap", {"name": "RAP Network"})
    for i in range(27):
        ORG.create(db, f"m{i:02d}", {"name": f"Member {i:02d}"})
        organisations.set_membership(db, f"m{i:02d}", "rap", "2022-01-01")
    html = viewer_client.get("/networks/rap").get_data(as_text=True)
    assert "Member 24" in html
    assert "Member 25" not in html
    assert 'aria-label="Pages of members"' in html
    assert "members=2" in html
    second = viewer_client.get("/networks/rap?members=2").get_data(as_text=True)
    assert "Member 25" in second
    assert "Member 26" in second
    assert "Member 00" not in second


def test_growth_page_is_a_summary_with_the_table_paged(db, viewer_client):
    load(db)
    summary = growth.summary(db)
    assert summary["collaborations"] == 3
    assert [r["event"] for r in summary["recent"]] == ["e3", "e2", "e1"]  # newest first
    assert len(summary["chart"]) == 3
    html = viewer_client.get("/growth").get_data(as_text=True)
    assert "All 3 collaborations" in html
    table = viewer_client.get("/growth/table").get_data(as_text=True)
    assert "Workshop" in table
    assert "Showcase 2023" in table
    assert viewer_client.get("/growth/table?by=month").status_code == 200
    assert viewer_client.get("/growth/table?by=year").status_code == 400
    page = growth.table_page(db, "collaboration", page=2, size=2).value
    assert [r["event"] for r in page["rows"]] == ["e1"]
    assert (page["page"], page["pages"], page["total"]) == (2, 2, 3)


def test_dashboard_is_one_cached_summary_that_survives_unrelated_writes(db, viewer_client):
    load(db)
    first = dashboard.summary(db)
    assert first["n"]["collaborations"] == 3
    users.create(db, "someone-new", "viewer", "a long enough password 3")
    assert dashboard.summary(db) is first
    PEOPLE.create(db, "px", {"name": "Pat", "organisation": "o5"})
    assert dashboard.summary(db) is first  # Pat reached nobody yet; the dashboard shows no person
    PEOPLE.update(db, "px", {"name": "Pat", "organisation": "o3"})  # who o3 reached: reach
    assert dashboard.summary(db) is not first
    assert viewer_client.get("/").status_code == 200


def test_unmatched_uses_the_shared_pager(db, app, admin_client):
    app.config["PAGE_SIZE"] = 2  # TRACKER_PAGE_SIZE, as every list
    load(db)
    html = admin_client.get("/admin/unmatched").get_data(as_text=True)
    assert 'class="pagination"' in html
    assert "page=2" in html
    assert admin_client.get("/admin/unmatched?page=x").status_code == 200
