"""The home dashboard: first steps on an empty database, exact numbers on the demo, roles."""

from __future__ import annotations

import json
import re
from itertools import combinations

import pytest

from tracker.bootstrap import first_run
from tracker.demo import read_demo

NUMBER = re.compile(r'data-number="(\w+)">([^<]*)<')


def numbers(html: str) -> dict[str, str]:
    """The dashboard's headline numbers as shown, by name."""
    return dict(NUMBER.findall(html))


def expected_from_document(doc: dict) -> dict[str, int]:
    """The headline numbers computed from the demo file itself, by product.md's definitions
    (written independently of tracker.analytics.growth)."""
    events = {e["id"]: e for e in doc["events"]}
    children: dict[str, list[str]] = {}
    for e in doc["events"]:
        if e.get("parent"):
            children.setdefault(e["parent"], []).append(e["id"])

    def tree(event_id: str) -> list[dict]:
        out = [events[event_id]]
        for child in children.get(event_id, []):
            out += tree(child)
        return out

    top = sorted((e for e in doc["events"] if not e.get("parent")),
                 key=lambda e: (e["start"], e["id"]))
    contributors = [{c["actor"] for ev in tree(e["id"]) for c in ev.get("contributors", [])}
                    for e in top]

    def team(event: dict) -> set[str]:
        """The team rule (issue 13): its own contributors and those of its ancestors."""
        own = {c["actor"] for c in event.get("contributors", [])}
        return own | (team(events[event["parent"]]) if event.get("parent") else set())

    # Pairs that worked together in each collaboration: both in one event node's team.
    pairs = [{pair for ev in tree(e["id"]) for pair in combinations(sorted(team(ev)), 2)}
             for e in top]
    works_at = {p["id"]: p.get("organisation") for p in doc["people"]}
    orgs = {o["id"] for o in doc["organisations"]}
    reached = set()
    for e in doc["events"]:
        reached |= {a["organisation"] for a in e.get("attendance", [])}
        reached |= {c["actor"] for c in e.get("contributors", []) if c["actor"] in orgs}
        reached |= {works_at[p] for p in e.get("speakers", []) + e.get("attendees", [])
                    if works_at.get(p)}
    networks = {n["id"] for n in doc["partner_networks"]}
    subs = {s["id"] for s in doc["sub_communities"]}
    active = set().union(*contributors)
    earlier = set().union(*pairs[:-1])
    latest = pairs[-1]
    return {
        "reached": len(reached),
        "networks_active": len(active & networks),
        "sub_communities_active": len(active & subs),
        "collaborations": len(top),
        "links": len(earlier | latest),
        "latest_new_links": len(latest - earlier),
        "latest_strengthened_links": len(latest & earlier),
    }


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/").headers["Location"].startswith("/login")


def test_empty_database_shows_first_steps_not_zeros(viewer_client):
    response = viewer_client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "first steps" in html
    assert "tracker demo" in html
    assert numbers(html) == {}  # no wall of zeros
    assert "Log a collaboration" not in html  # a viewer cannot write
    assert 'href="/reach"' in html


def test_register_alone_still_shows_first_steps(db, viewer_client):
    db.write_tx(lambda tx: tx.run(
        "UNWIND range(1, 5) AS i CREATE (:Organisation:Actor {id: 'r' + i, name: 'R' + i, "
        "register_source: 'test'})").consume())
    html = viewer_client.get("/").get_data(as_text=True)
    assert "first steps" in html
    assert "register of 5 UK public-sector organisations" in html
    assert numbers(html) == {}


def test_empty_database_offers_editors_the_forms(editor_client):
    html = editor_client.get("/").get_data(as_text=True)
    assert 'href="/events/new"' in html
    assert 'href="/organisations/new"' in html


def test_demo_numbers_equal_an_independent_count(cli, db, viewer_client):
    assert cli("demo").exit_code == 0
    expected = expected_from_document(read_demo())
    shown = numbers(viewer_client.get("/").get_data(as_text=True))
    assert {k: int(v.replace(",", "")) for k, v in shown.items() if k in expected} == expected
    # The demo's story: everyone is new at the first event, and the 2025 Showcase repeats
    # partners from 2023, so its links are a mix of new and strengthened.
    assert expected["latest_new_links"] > 0
    assert expected["latest_strengthened_links"] > 0
    assert expected["networks_active"] == 4
    assert expected["sub_communities_active"] == 2


def test_demo_numbers_equal_what_tracker_export_says(cli, db, viewer_client, tmp_path):
    # The database's own answer through the CLI, counted by the definitions, not by our query.
    assert cli("demo").exit_code == 0
    out = tmp_path / "export.json"
    assert cli("export", str(out)).exit_code == 0
    expected = expected_from_document(json.loads(out.read_text(encoding="utf-8")))
    shown = numbers(viewer_client.get("/").get_data(as_text=True))
    assert {k: int(v.replace(",", "")) for k, v in shown.items() if k in expected} == expected


def test_register_share_equals_tracker_reach_coverage_after_first_run(cli, db, viewer_client):
    first_run(db, say=lambda line: None)  # what `make run` loads: the register, then the demo
    result = cli("reach", "--coverage", "--by", "nation", "--json")
    assert result.exit_code == 0, result.output
    groups = json.loads(result.output)
    in_register = sum(g["in_register"] for g in groups)
    reached = sum(g["reached"] for g in groups)
    html = viewer_client.get("/").get_data(as_text=True)
    assert f"of the {in_register:,} in the register" in html
    assert numbers(html)["register_share"] == f"{reached / in_register * 100:.1f}%"
    assert "Biggest coverage gaps" in html
    assert "Follow-ups due" in html


def test_demo_numbers_equal_tracker_growth_and_impact(cli, db, viewer_client):
    assert cli("demo").exit_code == 0
    growth = json.loads(cli("growth", "--json").output)
    impact = json.loads(cli("impact", "showcase-2025", "--json").output)
    shown = numbers(viewer_client.get("/").get_data(as_text=True))
    last = growth[-1]
    assert last["event"] == impact["event"] == "showcase-2025"  # the latest collaboration
    assert int(shown["collaborations"]) == len(growth)
    assert int(shown["reached"]) == last["reached"]
    assert int(shown["links"]) == last["links"]
    assert int(shown["latest_new_links"]) == last["new_links"] == len(impact["new_links"])
    assert int(shown["latest_strengthened_links"]) == last["strengthened_links"] \
        == len(impact["strengthened_links"])


def test_demo_dashboard_tells_the_story_and_says_it_is_a_demo(cli, db, viewer_client):
    cli("demo")
    html = viewer_client.get("/").get_data(as_text=True)
    assert "Demo data" in html
    assert "invented" in html
    assert "Data Science Community Showcase 2025" in html  # the latest collaboration
    assert "What Data Science Community Showcase 2025 changed" in html  # its impact summary
    assert 'id="growth-chart"' in html
    assert "Reproducible Analysis Day 2022" in html
    assert 'href="/events/showcase-2025/impact"' in html
    for path in ("/organisations", "/networks", "/events", "/network", "/reach"):
        assert f'href="{path}"' in html  # each number links to its page


def test_register_share_counts_only_register_organisations(db, viewer_client):
    db.write_tx(lambda tx: tx.run(
        "UNWIND range(1, 8) AS i CREATE (:Organisation:Actor {id: 'r' + i, name: 'R' + i, "
        "register_source: 'test'}) "
        "WITH 1 AS x LIMIT 1 "
        "CREATE (e:Event {id: 'e1', name: 'E1', start: date('2024-01-01')}) "
        "WITH e MATCH (o:Organisation) WHERE o.id IN ['r1', 'r2'] "
        "CREATE (o)-[:ATTENDED {attendees: 3}]->(e)").consume())
    db.write_tx(lambda tx: tx.run(
        "CREATE (:Organisation:Actor {id: 'own', name: 'Own'})-[:CONTRIBUTED {role: 'host'}]->"
        "(:Event {id: 'e0', name: 'E0', start: date('2023-01-01')}), "
        "(:Organisation:Actor {id: 'gone', name: 'Gone', register_source: 'test', "
        "status: 'closed'})").consume())
    shown = numbers(viewer_client.get("/").get_data(as_text=True))
    assert shown["reached"] == "3"
    assert shown["register_share"] == "25.0%"  # 2 of the 8 open register organisations
    assert shown["collaborations"] == "2"
    assert shown["links"] == "0"


def test_reach_through_a_person_counts(db, viewer_client):
    db.write_tx(lambda tx: tx.run(
        "CREATE (o:Organisation:Actor {id: 'o1', name: 'O1'}), "
        "(p:Person {id: 'p1', name: 'P1'})-[:WORKS_AT]->(o), "
        "(p)-[:SPOKE_AT]->(:Event {id: 'e1', name: 'E1', start: date('2024-01-01')})").consume())
    assert numbers(viewer_client.get("/").get_data(as_text=True))["reached"] == "1"


def test_hostile_names_are_shown_literally(db, viewer_client):
    name = "<script>alert(1)</script> & {{ 7*7 }}"
    db.write_tx(lambda tx: tx.run(
        "CREATE (:Event {id: 'x', name: $name, start: date('2024-01-01')})", name=name).consume())
    html = viewer_client.get("/").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("role", ["viewer", "editor", "admin"])
def test_every_role_can_read_the_dashboard_and_about(client_as, role):
    c = client_as(role)
    assert c.get("/").status_code == 200
    about = c.get("/about")
    assert about.status_code == 200
    text = about.get_data(as_text=True)
    assert "mySociety" in text
    assert "Open Government Licence" in text
    assert "invented" in text


def test_about_needs_a_login(client):
    assert client.get("/about").status_code == 302


def test_the_dashboards_links_lead_to_pages_that_answer(cli, db, editor_client):
    assert cli("demo").exit_code == 0
    html = editor_client.get("/").get_data(as_text=True)
    targets = set(re.findall(r'href="(/[^"#]*)"', html))
    assert {"/organisations", "/networks", "/events", "/reach", "/growth", "/events/new",
            "/organisations/new", "/events/showcase-2025/impact", "/network"} <= targets
    for path in sorted(targets):
        response = editor_client.get(path)
        assert response.status_code == 200, path
