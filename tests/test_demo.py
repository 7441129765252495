"""The built-in demo: the story of product.md, real register ids, and a clean load."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

from tracker.bootstrap import first_run
from tracker.demo import DEMO_FILE, INVENTED, NOTICE, read_demo
from tracker.interchange import validate
from tracker.paths import PROJECT_ROOT
from tracker.repositories import events as events_repo
from tracker.repositories.graph import export_document, import_document
from tracker.services import growth as collaborations
from tracker.services import network

# The project's own copy of the register, else the shared one it is copied from.
REGISTER_DIR = next(p for p in (PROJECT_ROOT / "tracker" / "data" / "register",
                                PROJECT_ROOT.parent / "shared" / "data" / "register",
                                Path("/work/shared/data/register"))
                    if (p / "uk_local_authorities.csv").exists())
DOC = read_demo()
EVENTS = {e["id"]: e for e in DOC["events"]}
#: A user's own collaboration, not the demo's (no "demo" mark).
OWN = {"organisations": [{"id": "own-org", "name": "Own Org"},
                         {"id": "own-partner", "name": "Own Partner"}],
       "events": [{"id": "own-day", "name": "Own Day", "start": "2026-03-01",
                   "contributors": [{"actor": "own-org", "role": "host"},
                                    {"actor": "own-partner", "role": "speaker"}]}]}


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
    # the community, its programme co-curated by Data Cymru and the event promoted by the
    # Government Science and Engineering profession (so all three are in every session's
    # team); day two co-run by the RAP Network and NHS-R Community, the meet-ups hosted by
    # their sub-communities. Nothing else sits on the whole event (issue 13: no hairball).
    assert contributors_of("showcase-2023") == {("data-science-community", "host"),
                                                ("data-cymru", "curator"),
                                                ("gse-profession", "promoter")}
    assert contributors_of("showcase-2023-day-1") == set()
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


def team(event_id: str) -> set[str]:
    """The team rule on the file: the event's own contributors and its ancestors'."""
    event = EVENTS[event_id]
    own = {c["actor"] for c in event.get("contributors", [])}
    return own | (team(event["parent"]) if event.get("parent") else set())


def test_splink_in_action_has_three_end_users_from_local_and_central_government():
    splink = next(e for e in DOC["events"] if e["name"] == "Splink in Action")
    assert ("govuk-ministry-of-justice", "host") in {(c["actor"], c["role"])
                                                     for c in splink["contributors"]}
    people = {p["id"]: p["organisation"] for p in DOC["people"]}
    workplaces = [people[p] for p in splink["speakers"]]
    assert len(workplaces) == 3
    assert any(w.startswith("la-") for w in workplaces)
    assert any(w.startswith("govuk-") for w in workplaces)
    # Each end user's organisation speaks there too, so it is in the session's team.
    assert {(w, "speaker") for w in workplaces} <= contributors_of(splink["id"])


def test_every_speakers_organisation_is_in_the_team_of_the_session_they_spoke_in():
    people = {p["id"]: p["organisation"] for p in DOC["people"]}
    spoken = [(e["id"], people[p]) for e in DOC["events"] for p in e.get("speakers", [])]
    assert spoken  # Splink in Action's three end users at least
    for event_id, organisation in spoken:
        assert organisation in team(event_id), (event_id, organisation)


def test_the_splink_speakers_organisations_are_in_its_team_in_the_database(cli, db):
    assert cli("demo").exit_code == 0
    step = next(s for s in collaborations.timeline(db) if s.event == "showcase-2023")
    # Splink in Action is the one team of the Showcase with the Ministry of Justice and the
    # RAP Network (it sits in day two, which the network co-ran).
    splink = [t for t in step.teams if {"govuk-ministry-of-justice", "rap-network"} <= set(t)]
    assert len(splink) == 1
    assert {"la-crf", "govuk-office-for-national-statistics",
            "govuk-department-for-work-pensions"} <= set(splink[0])


def test_data_cymru_and_the_gse_profession_are_in_every_team_of_the_showcase(cli, db):
    assert cli("demo").exit_code == 0
    step = next(s for s in collaborations.timeline(db) if s.event == "showcase-2023")
    # One team per event node with direct contributors: the Showcase, day two, and 31 of
    # the 33 sessions (the two welcomes have none of their own).
    assert len(step.teams) == 33
    for found in step.teams:
        assert {"data-science-community", "data-cymru", "gse-profession"} <= set(found)


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
    # 36 actors and 147 links, density 147 / (36 * 35 / 2) = 0.2333 (the rule before issue 13
    # gave every pair of a collaboration's contributors a link: 27 actors, 313 links, density
    # 0.89). Counted by hand: the 134 pairs of the Showcase (see below), 3 earlier pairs it
    # did not repeat (the two NHS trusts of the NHS-R conference; the science department
    # with the Emerging Technology community and with the Government Office for Science),
    # 1 new pair in 2024 (NHS Wales with Linguistic Data) and 9 in the 2025 Showcase (Fife
    # Council with its four session-mates, the new NHS trust with its three, NHS Fife with its
    # two). 32 actors ran the 2023 Showcase; the science department, Fife Council, NHS Fife and
    # one more NHS trust make 36.
    assert (summary["actors"], summary["links"], summary["density"]) == (36, 147, 0.2333)
    graph = network.graph(db)
    assert not graph.has_edge("rap-network", "linguistic-data")  # day two, day three
    assert graph.has_edge("rap-network", "nhs-r-community")
    # Speakers of two different day-one sessions did not work together.
    assert not graph.has_edge("govuk-the-scottish-government", "govuk-hm-revenue-customs")
    # Data Cymru co-curated the whole programme: it worked with day two's organisers.
    assert graph.has_edge("data-cymru", "rap-network")
    # Strengths by hand, Newman's 1/(n-1) per team of n. Data Cymru and the RAP Network: day
    # two's team (the three whole-Showcase contributors and the two networks, n = 5) gives 1/4,
    # eight one-speaker talks (n = 6) 8/5, Splink in Action (n = 9) 1/8, the two-speaker talk
    # (n = 7) 1/6; the welcome has no contributor, so no team: 2.141667.
    assert graph.edges["data-cymru", "rap-network"]["strength"] == 2.141667
    # The Ministry of Justice and ONS: Splink in Action 1/8, the record-linkage talk in the
    # Privacy Enhancing Technologies meet-up (n = 6) 1/5, the 2024 Splink user group (n = 4)
    # 1/3: 0.658333, in two collaborations.
    moj_ons = graph.edges["govuk-ministry-of-justice", "govuk-office-for-national-statistics"]
    assert (moj_ons["strength"], moj_ons["weight"]) == (0.658333, 2)
    # The two universities' talk only (n = 5): 1/4.
    assert graph.edges["university-of-glasgow", "alan-turing-institute"]["strength"] == 0.25
    showcase = collaborations.impact(db, "showcase-2023")
    assert showcase["bridges"]
    assert all(
        "emerging-technology-community" in b["leads"] for b in showcase["bridges"])
    assert any("Emerging Technology community's part of the network" in line
               for line in showcase["what_changed"])
    day = collaborations.impact(db, "reproducible-analysis-day-2022")
    assert "Joined NHS-R Community's part of the network (3 actors)" in day["what_changed"][1]
    # The Showcase's pairs by hand: its three whole-event contributors with each other and
    # with the 29 other actors (3 + 87 = 90); day one's shared sessions (Cardiff and Swansea,
    # the three-nation panel, the lightning talks: 5); day two's two networks with each other
    # and with its 11 speaking organisations (23), Splink in Action's four (6) and the Shiny
    # talk's two (1); day three's hosts with their talks' speakers (Linguistic Data 2, Privacy
    # Enhancing Technologies 3, the joint session's two hosts with each other and their
    # speaker 3), the record-linkage pair 1 and the universities 1: 10; the Ministry of Justice
    # and ONS counted twice (Splink, record linkage): 90 + 5 + 30 + 10 - 1 = 134.
    # Strengthened: the 14 pairs of the four earlier collaborations but the three it did not
    # repeat (above) = 11; new: 134 - 11 = 123.
    assert len(showcase["new_links"]) == 123
    assert len(showcase["strengthened_links"]) == 11
    # The best connected actor is a broker; suggestions are not one actor's list.
    page = network.page(db)
    named = Counter(i for s in page["suggestions"] for i in (s["a"], s["b"]))
    assert max(named.values()) <= 2
    assert all(s["reason"].startswith("Both worked with") for s in page["suggestions"])
    # The tester's complaint: Data Cymru and the RAP Network are not suggested (they worked
    # together); the first suggestion is two partners who ran different days.
    ids = page["nodes"]["id"]
    pairs = [{ids[s["a"]], ids[s["b"]]} for s in page["suggestions"]]
    assert {"data-cymru", "rap-network"} not in pairs
    assert pairs[0] == {"privacy-enhancing-technologies", "rap-network"}


# -- the notice of what is invented -------------------------------------------------------------

def notices(html: str) -> list[str]:
    """The text of each demo notice on a page (templates/_demo_notice.html)."""
    found = re.findall(r'<p class="notice" role="note" id="demo-notice">(.*?)</p>', html, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", f)).split()) for f in found]


def test_the_file_the_cli_and_the_pages_carry_one_notice(cli, db):
    assert DOC["_notice"] == NOTICE  # tools/build_showcase.py writes tracker.demo's text
    result = cli("demo")
    assert NOTICE in result.output
    # What `tracker setup` has always admitted is invented, all of it, in the pages' words.
    for item in ("attendance figures", "feedback", "people", "session titles",
                 "which session each speaker spoke in",
                 "every collaboration other than the 2023 Showcase"):
        assert item in NOTICE
        assert any(item in words for words in INVENTED)


def test_the_notice_shows_on_every_page_that_tells_the_demos_story(cli, db, viewer_client):
    assert cli("demo").exit_code == 0
    top = [e["id"] for e in DOC["events"] if not e.get("parent")]
    paths = ["/", "/network", "/network?as_of=2024-01-01", "/growth", "/events/showcase-2023-s18"]
    paths += [p for event in top for p in (f"/events/{event}", f"/events/{event}/impact")]
    for path in paths:
        response = viewer_client.get(path)
        assert response.status_code == 200, path
        assert notices(response.get_data(as_text=True)) == [
            f"{NOTICE} About the demo."], path


def test_no_notice_without_the_demo(db, viewer_client):
    import_document(db, OWN)
    for path in ("/", "/network", "/growth", "/events/own-day", "/events/own-day/impact"):
        html = viewer_client.get(path).get_data(as_text=True)
        assert "demo-notice" not in html, path
        assert "invented" not in html, path


def test_a_collaboration_of_ones_own_beside_the_demo_has_no_notice(cli, db, viewer_client):
    assert cli("demo").exit_code == 0
    import_document(db, OWN)
    for path in ("/events/own-day", "/events/own-day/impact"):
        assert "demo-notice" not in viewer_client.get(path).get_data(as_text=True), path
    for path in ("/", "/network"):  # the network and the dashboard still hold the demo
        assert "demo-notice" in viewer_client.get(path).get_data(as_text=True), path


def test_the_notice_goes_when_the_demo_goes(cli, db, viewer_client):
    assert cli("demo").exit_code == 0
    import_document(db, OWN)
    assert "demo-notice" in viewer_client.get("/network").get_data(as_text=True)
    # Deleting the demo's collaborations (an audited write to the network area, as the
    # delete page does) must not leave the cached answer behind.
    for event in DOC["events"]:
        if not event.get("parent"):
            events_repo.delete(db, event["id"])
    for path in ("/", "/network", "/growth"):
        assert "demo-notice" not in viewer_client.get(path).get_data(as_text=True), path
