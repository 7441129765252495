"""The built-in demo: the story of product.md, real register ids, and a clean load."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tracker.bootstrap import first_run
from tracker.demo import DEMO_FILE, read_demo
from tracker.interchange import validate
from tracker.paths import PROJECT_ROOT
from tracker.repositories.graph import export_document
from tracker.services import growth as collaborations
from tracker.services import network

# The project's own copy of the register, else the shared one it is copied from.
REGISTER_DIR = next(p for p in (PROJECT_ROOT / "tracker" / "data" / "register",
                                PROJECT_ROOT.parent / "shared" / "data" / "register",
                                Path("/work/shared/data/register"))
                    if (p / "uk_local_authorities.csv").exists())
DOC = read_demo()
EVENTS = {e["id"]: e for e in DOC["events"]}


def register_rows() -> dict[str, tuple[str, str, str, str]]:
    """id -> (name, type, nation, region) for every register organisation, read independently."""
    out: dict[str, tuple[str, str, str, str]] = {}
    with open(REGISTER_DIR / "uk_local_authorities.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["current-authority"] == "True":
                out[f"la-{r['local-authority-code'].lower()}"] = (
                    r["official-name"], r["local-authority-type-name"], r["nation"], r["region"])
    nations = {"welsh-government": "Wales", "the-scottish-government": "Scotland",
               "northern-ireland-executive": "Northern Ireland"}
    with open(REGISTER_DIR / "govuk_organisations.json", encoding="utf-8") as fh:
        for org in json.load(fh).values():
            slug = org["details"]["slug"]
            if org["details"]["govuk_status"] in {"live", "exempt", "joining", "transitioning"}:
                place = nations.get(slug, "UK")
                out[f"govuk-{slug}"] = (org["title"], org["format"], place, place)
    for name in ("nhs_england_trusts.csv", "nhs_england_icbs.csv"):
        with open(REGISTER_DIR / name, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                out[f"ods-{r['ods_code'].lower()}"] = (r["name"], r.get("type") or "ICB",
                                                       "England", r["region"])
    with open(REGISTER_DIR / "nhs_devolved_bodies.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            key = "nhsd-" + re.sub(r"[^a-z0-9]+", "-", r["name"].lower()).strip("-")
            out[key] = (r["name"], r["type"], r["nation"], r["nation"])
    return out


def contributors_of(event_id: str) -> set[tuple[str, str]]:
    """(actor, role) pairs of the event itself, sessions not included."""
    return {(c["actor"], c["role"]) for c in EVENTS[event_id].get("contributors", [])}


def contributors(event_id: str) -> set[tuple[str, str]]:
    """(actor, role) pairs of an event and all of its sessions."""
    found = {(c["actor"], c["role"]) for c in EVENTS[event_id].get("contributors", [])}
    for child in DOC["events"]:
        if child.get("parent") == event_id:
            found |= contributors(child["id"])
    return found


def test_the_file_says_what_is_invented():
    first_key = next(iter(json.loads(DEMO_FILE.read_text(encoding="utf-8"))))
    assert first_key == "_notice"
    assert "invented" in DOC["_notice"]
    assert "attendance" in DOC["_notice"]


def test_the_demo_passes_the_importers_validation():
    _, problems = validate(DOC)
    assert problems == []


def test_every_register_style_id_exists_in_the_register_with_its_details():
    register = register_rows()
    register_style = [o for o in DOC["organisations"]
                      if o["id"].startswith(("govuk-", "la-", "nhsd-", "ods-"))]
    assert len(register_style) >= 60
    for org in register_style:
        assert org["id"] in register, org["id"]
        assert (org["name"], org["type"], org["nation"], org["region"]) == register[org["id"]]
    kinds = Counter(o["id"].split("-")[0] for o in register_style)
    assert set(kinds) == {"govuk", "la", "nhsd", "ods"}  # departments, councils, NHS bodies
    for known in ("govuk-welsh-government", "govuk-the-scottish-government", "la-bge",
                  "govuk-ministry-of-justice", "govuk-government-office-for-science"):
        assert known in register
        assert known in {o["id"] for o in register_style}


def below(event_id: str) -> list[dict]:
    """Every session under an event, at any depth."""
    found = []
    for child in DOC["events"]:
        if child.get("parent") == event_id:
            found += [child, *below(child["id"])]
    return found


def test_the_showcase_has_three_days_and_33_sessions_in_three_themes():
    showcase = EVENTS["showcase-2023"]
    assert "parent" not in showcase
    assert showcase["start"] == "2023-11-21"
    days = [e for e in DOC["events"] if e.get("parent") == "showcase-2023"]
    assert len(days) == 3
    sessions = [s for d in days for s in below(d["id"])]
    assert len(sessions) == 33
    assert len({s["theme"] for s in sessions}) == 3
    assert len({s["name"] for s in sessions}) == 33  # each with its own title
    # The meet-ups hold talks of their own: sessions nest three levels below the Showcase.
    meetup = next(e for e in sessions if e["name"] == "Linguistic Data open meet-up")
    assert [t["name"] for t in below(meetup["id"])] == ["Welsh-language text processing",
                                                         "Matching names across languages"]


def test_the_showcase_partners_play_the_roles_of_the_story():
    roles = contributors("showcase-2023")
    expected = {
        ("data-cymru", "curator"), ("govuk-welsh-government", "speaker"),
        ("govuk-the-scottish-government", "speaker"),
        ("nhsd-digital-health-and-care-wales", "speaker"),
        ("rap-network", "co-host"), ("nhs-r-community", "co-host"),
        ("linguistic-data", "host"), ("privacy-enhancing-technologies", "host"),
        ("gse-profession", "promoter"), ("emerging-technology-community", "co-host"),
        ("govuk-government-office-for-science", "host"), ("govuk-ministry-of-justice", "host"),
    }
    assert expected <= roles
    # Contributions sit on the event node each partner ran: the whole Showcase was hosted by
    # the community, day one curated by Data Cymru, day two co-run by the RAP Network and
    # NHS-R Community, the meet-ups hosted by their sub-communities.
    assert contributors_of("showcase-2023") == {("data-science-community", "host")}
    assert contributors_of("showcase-2023-day-1") == {("data-cymru", "curator")}
    assert contributors_of("showcase-2023-day-2") == {("rap-network", "co-host"),
                                                      ("nhs-r-community", "co-host")}
    meetups = {e["name"]: contributors_of(e["id"]) for e in below("showcase-2023-day-3")}
    assert meetups["Linguistic Data open meet-up"] == {("linguistic-data", "host")}
    assert meetups["Privacy Enhancing Technologies open meet-up"] == {
        ("privacy-enhancing-technologies", "host")}
    assert "toolshed" in EVENTS["showcase-2023-day-2"]["name"]
    subs = {s["id"]: s["community"] for s in DOC["sub_communities"]}
    assert subs == {"linguistic-data": "data-science-community",
                    "privacy-enhancing-technologies": "data-science-community"}


def test_splink_in_action_has_three_end_users_from_local_and_central_government():
    splink = next(e for e in DOC["events"] if e["name"] == "Splink in Action")
    assert ("govuk-ministry-of-justice", "host") in {(c["actor"], c["role"])
                                                     for c in splink["contributors"]}
    people = {p["id"]: p["organisation"] for p in DOC["people"]}
    workplaces = [people[p] for p in splink["speakers"]]
    assert len(workplaces) == 3
    assert any(w.startswith("la-") for w in workplaces)
    assert any(w.startswith("govuk-") for w in workplaces)


def test_earlier_and_later_collaborations_repeat_and_drop_partners():
    top = sorted((e for e in DOC["events"] if "parent" not in e),
                 key=lambda e: (e["start"], e["id"]))
    assert 7 <= len(top) <= 9
    assert top[0]["start"] < "2023"
    assert top[-1]["start"] >= "2025"
    attended = {e["id"]: {a["organisation"] for a in e.get("attendance", [])} for e in top}
    later = set().union(*(attended[e["id"]] for e in top if e["start"] >= "2023"))
    assert attended[top[0]["id"]] - later  # reached early, quiet since (lapsed)
    assert any(f["work_together_again"] for f in EVENTS["showcase-2023"]["feedback"])
    assert all(a["attendees"] > 0 for e in top for a in e.get("attendance", []))


def test_tracker_demo_loads_into_an_empty_database_and_again_changes_nothing(cli, db):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "79 organisations" in result.output
    assert "invented" in result.output
    first = export_document(db)
    assert {e["id"] for e in first["events"]} == set(EVENTS)
    assert len(first["organisations"]) == len(DOC["organisations"])
    again = cli("demo")
    assert again.exit_code == 0, again.output
    assert export_document(db) == first


def test_first_run_loads_the_demo_only_into_an_empty_database(db):
    lines: list[str] = []
    first_run(db, say=lines.append)
    assert any("Showcase demo" in line for line in lines)
    assert db.read_value("admin/count_nodes") > 100
    lines.clear()
    first_run(db, say=lines.append)
    assert not any("Showcase demo" in line for line in lines)


@pytest.mark.parametrize("key", ["communities", "sub_communities", "partner_networks",
                                 "organisations", "people", "memberships", "events"])
def test_every_section_is_present(key):
    assert DOC[key]


def test_tracker_demo_refuses_a_clash_and_writes_nothing(cli, db):
    db.write_tx(lambda tx: tx.run(
        "CREATE (:Community:Actor {id: 'rap-network', name: 'Not a network'})").consume())
    result = cli("demo")
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert "rap-network" in result.output
    assert db.read_value("admin/count_nodes") == 1


def test_the_demo_network_has_structure_brokers_and_bridges(cli, db):
    """The team rule on the demo: not a hairball (issue 13), with the story's bridges."""
    assert cli("demo").exit_code == 0
    summary = network.metrics(db)["network"]
    # 36 actors and 103 links (the rule before issue 13 gave every pair of a collaboration's
    # contributors a link: 27 actors, 313 links, density 0.89).
    assert (summary["actors"], summary["links"], summary["density"]) == (36, 103, 0.1635)
    graph = network.graph(db)
    assert not graph.has_edge("rap-network", "linguistic-data")
    assert graph.has_edge("rap-network", "nhs-r-community")
    # Speakers of two different day-one sessions did not work together.
    assert not graph.has_edge("govuk-the-scottish-government", "govuk-hm-revenue-customs")
    showcase = collaborations.impact(db, "showcase-2023")
    assert showcase["bridges"]
    assert all(
        "emerging-technology-community" in b["leads"] for b in showcase["bridges"])
    assert any("Emerging Technology community's part of the network" in line
               for line in showcase["what_changed"])
    day = collaborations.impact(db, "reproducible-analysis-day-2022")
    assert "Joined NHS-R Community's part of the network (3 actors)" in day["what_changed"][1]
    assert len(showcase["new_links"]) == 77
    assert len(showcase["strengthened_links"]) == 11
    # The best connected actor is a broker; suggestions are not one actor's list.
    page = network.page(db)
    named = Counter(i for s in page["suggestions"] for i in (s["a"], s["b"]))
    assert max(named.values()) <= 2
    assert all(s["reason"].startswith("Both worked with") for s in page["suggestions"])
