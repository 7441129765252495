"""The team rule, Newman tie strength, what changed, suggestions: hand-computed scenarios.

Pure scenarios need no database; the ``db`` ones go through the real importer, the Cypher
timeline and the impact report.
"""

from __future__ import annotations

import random
from collections import Counter

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from tracker.analytics import changes, growth
from tracker.analytics import network as na
from tracker.repositories.graph import import_document
from tracker.services import growth as collaborations
from tracker.services import network


def org(*ids):
    return [{"id": i, "name": i.replace("o-", "").title()} for i in ids]


def event(event_id, start, contributors, parent=None):
    found = {"id": event_id, "name": event_id.title(), "start": start,
             "contributors": [{"actor": a, "role": "speaker"} for a in contributors]}
    if parent:
        found["parent"] = parent
    return found


def links_of(db):
    return {(r["a"], r["b"]): r for r in growth.links(collaborations.timeline(db))}


# -- the rule on the real database ------------------------------------------------------------
def test_two_sessions_and_a_top_level_host(db):
    # The host of the whole conference works with every session's speakers; the speakers of
    # two different sessions do not work together.
    import_document(db, {
        "partner_networks": [{"id": "host", "name": "Host network"}],
        "organisations": org("o-a", "o-b", "o-c"),
        "events": [event("conf", "2024-01-10", ["host"]),
                   event("session-1", "2024-01-10", ["o-a", "o-b"], parent="conf"),
                   event("session-2", "2024-01-11", ["o-c"], parent="conf")]})
    report = collaborations.api_shape(collaborations.impact(db, "conf"))
    assert report["new_links"] == [["host", "o-a"], ["host", "o-b"], ["host", "o-c"],
                                   ["o-a", "o-b"]]
    (row,) = collaborations.growth(db)
    assert (row["actors"], row["links"], row["density"], row["components"]) == (
        4, 4, round(4 / 6, 4), 1)
    # Teams {host} (adds nothing), {host, a, b} (1/2 each pair), {host, c} (1).
    strength = {pair: r["strength"] for pair, r in links_of(db).items()}
    assert strength == {("host", "o-a"): 0.5, ("host", "o-b"): 0.5, ("o-a", "o-b"): 0.5,
                        ("host", "o-c"): 1.0}
    # The network page and metrics use the same links.
    assert network.metrics(db)["network"]["links"] == 4
    assert not network.graph(db).has_edge("o-a", "o-c")


def test_sessions_nested_three_levels_deep(db):
    # conf (host) > day (x) > session (y) > talk (z); the day's other session has w.
    import_document(db, {
        "communities": [{"id": "host", "name": "Host"}],
        "organisations": org("o-w", "o-x", "o-y", "o-z"),
        "events": [event("conf", "2024-02-01", ["host"]),
                   event("day", "2024-02-01", ["o-x"], parent="conf"),
                   event("session", "2024-02-01", ["o-y"], parent="day"),
                   event("talk", "2024-02-01", ["o-z"], parent="session"),
                   event("other", "2024-02-01", ["o-w"], parent="day")]})
    rows = db.read("collaborations/timeline")
    assert [sorted(t) for t in rows[0]["teams"]] == [
        ["host"], ["host", "o-x"], ["host", "o-w", "o-x"], ["host", "o-x", "o-y"],
        ["host", "o-x", "o-y", "o-z"]]  # conf, day, other, session, talk (by event id)
    found = links_of(db)
    assert sorted(found) == [("host", "o-w"), ("host", "o-x"), ("host", "o-y"),
                             ("host", "o-z"), ("o-w", "o-x"), ("o-x", "o-y"), ("o-x", "o-z"),
                             ("o-y", "o-z")]
    # host–x: day 1 + other 1/2 + session 1/2 + talk 1/3; y–z: talk 1/3 only.
    assert found[("host", "o-x")]["strength"] == round(1 + 1 / 2 + 1 / 2 + 1 / 3, 6)
    assert found[("host", "o-y")]["strength"] == round(1 / 2 + 1 / 3, 6)
    assert found[("o-y", "o-z")]["strength"] == round(1 / 3, 6)
    assert found[("o-w", "o-x")]["strength"] == 0.5
    # Every session answers for the whole collaboration.
    assert collaborations.api_shape(collaborations.impact(db, "talk"))["event"] == "conf"


def test_a_session_recorded_without_contributors_adds_no_team(db):
    # A "Lunch" session with nobody recorded as contributing is no evidence that the two hosts
    # worked together once more: teams {h1, h2} (1) and {h1, h2, a} (1/2 each pair), not a
    # third copy of {h1, h2} from the lunch (which would make h1-h2 2.5).
    import_document(db, {
        "organisations": org("o-h1", "o-h2", "o-a"),
        "events": [event("conf", "2024-03-01", ["o-h1", "o-h2"]),
                   event("talks", "2024-03-01", ["o-a"], parent="conf"),
                   event("lunch", "2024-03-01", [], parent="conf")]})
    rows = db.read("collaborations/timeline")
    assert [sorted(t) for t in rows[0]["teams"]] == [["o-h1", "o-h2"], ["o-a", "o-h1", "o-h2"]]
    found = links_of(db)
    assert found[("o-h1", "o-h2")]["strength"] == 1.5
    assert found[("o-a", "o-h1")]["strength"] == 0.5


# -- Newman strength ------------------------------------------------------------------------
def test_strength_equals_networkx_collaboration_weighted_projection():
    rng = random.Random(13)
    actors = [f"a{i:02d}" for i in range(25)]
    collabs = []
    for k in range(40):
        teams = [rng.sample(actors, rng.randint(1, 6)) for _ in range(rng.randint(1, 4))]
        collabs.append({"id": f"e{k:02d}", "start": f"2024-{1 + k % 12:02d}-01", "teams": teams})
    collabs.sort(key=lambda c: (c["start"], c["id"]))
    bip = nx.Graph()
    for c in collabs:
        for t, team in enumerate(c["teams"]):
            for actor in team:
                bip.add_edge(actor, ("team", c["id"], t))
    projected = bipartite.collaboration_weighted_projected_graph(
        bip, [v for v in bip if isinstance(v, str)])
    found = growth.links(growth.timeline(collabs))
    assert {(r["a"], r["b"]) for r in found} == {tuple(sorted(e)) for e in projected.edges}
    for r in found:
        assert r["strength"] == pytest.approx(projected[r["a"]][r["b"]]["weight"], abs=1e-6)


def test_a_small_workshop_ties_more_strongly_than_a_big_promotion():
    steps = growth.timeline([
        {"id": "workshop", "start": "2024-01-01", "teams": [["ann", "bob"]]},
        {"id": "conference", "start": "2024-02-01",
         "teams": [["cat", "dan"] + [f"promoter-{i:02d}" for i in range(38)]]}])
    found = {(r["a"], r["b"]): r for r in growth.links(steps)}
    assert found[("ann", "bob")]["strength"] == 1.0
    assert found[("cat", "dan")]["strength"] == round(1 / 39, 6)
    assert found[("ann", "bob")]["weight"] == found[("cat", "dan")]["weight"] == 1


# -- closed triangles and bridges -------------------------------------------------------------
NAMED = [
    # ann–bob–cat is a path; dan–eve a separate pair.
    {"id": "e1", "start": "2024-01-01", "teams": [["ann", "bob"], ["bob", "cat"]]},
    {"id": "e2", "start": "2024-02-01", "teams": [["dan", "eve"]]},
    # ann meets cat (both knew bob), cat meets dan (two parts join), fay arrives with ann.
    {"id": "e3", "start": "2024-03-01", "teams": [["ann", "cat"], ["cat", "dan"], ["ann", "fay"]]},
]


def test_closed_triangles_and_bridges_on_a_small_named_graph():
    steps = growth.timeline(NAMED)
    assert steps[2].new_links == [["ann", "cat"], ["ann", "fay"], ["cat", "dan"]]
    found = changes.changes(steps, 2)
    assert found["closed_triangles"] == [{"pair": ["ann", "cat"], "via": ["bob"]}]
    # fay was not in the network: her link is neither an introduction nor a bridge.
    assert found["bridges"] == [{"pair": ["cat", "dan"], "sizes": [3, 2], "leads": ["bob", "dan"],
                                 "largest": [True, False]}]
    assert found["largest_component_share"] == {"before": 0.6, "after": 1.0, "change": 0.4}
    lines = changes.describe(found, {"ann": "Ann", "bob": "Bob", "cat": "Cat", "dan": "Dan"})
    assert lines[:3] == [
        "1 introduction: Ann – Cat, who both already worked with Bob.",
        "Joined Dan's part of the network (2 actors) to the rest of the network (3 actors) "
        "through 1 new link: Dan – Cat.",
        "The largest part of the network grew from 60% to 100% of actors."]
    counts = found["communities"]
    assert lines[3] in (f"Still {counts['after']} communities.",
                        f"Now {counts['after']} communities, up from {counts['before']}.",
                        f"Now {counts['after']} communities, down from {counts['before']}.")


def test_a_bridge_between_two_small_parts_names_both():
    steps = growth.timeline([
        {"id": "e1", "start": "2024-01-01", "teams": [["a", "b", "c"]]},
        {"id": "e2", "start": "2024-01-02", "teams": [["p", "q"]]},
        {"id": "e3", "start": "2024-01-03", "teams": [["x", "y"]]},
        {"id": "e4", "start": "2024-01-04", "teams": [["q", "x"], ["p", "y"]]}])
    found = changes.changes(steps, 3)
    assert found["closed_triangles"] == []
    assert [b["pair"] for b in found["bridges"]] == [["p", "y"], ["q", "x"]]
    assert changes.describe(found, {"p": "Pat", "q": "Quinn", "x": "Xan", "y": "Yves"})[1] == (
        "Joined Pat's part of the network (2 actors) to Xan's part (2 actors) through 2 new "
        "links: Pat – Yves and Quinn – Xan.")
    assert found["largest_component_share"] == {"before": 0.4286, "after": 0.5714, "change": 0.1428}


def test_impact_report_names_triangles_and_bridges(db):
    import_document(db, {
        "organisations": org("o-ann", "o-bob", "o-cat", "o-dan", "o-eve", "o-fay"),
        "events": [
            event("e1", "2024-01-01", []), event("e1-s1", "2024-01-01", ["o-ann", "o-bob"], "e1"),
            event("e1-s2", "2024-01-01", ["o-bob", "o-cat"], "e1"),
            event("e2", "2024-02-01", ["o-dan", "o-eve"]),
            event("e3", "2024-03-01", []), event("e3-s1", "2024-03-01", ["o-ann", "o-cat"], "e3"),
            event("e3-s2", "2024-03-01", ["o-cat", "o-dan"], "e3"),
            event("e3-s3", "2024-03-01", ["o-ann", "o-fay"], "e3")]})
    shape = collaborations.api_shape(collaborations.impact(db, "e3"))
    assert shape["closed_triangles"] == [{"pair": ["o-ann", "o-cat"], "via": ["o-bob"]}]
    assert [b["pair"] for b in shape["bridges"]] == [["o-cat", "o-dan"]]
    assert shape["largest_component_share"] == {"before": 0.6, "after": 1.0, "change": 0.4}
    assert set(shape["communities"]) == {"before", "after", "change"}
    assert shape["what_changed"][:3] == [
        "1 introduction: Ann – Cat, who both already worked with Bob.",
        "Joined Dan's part of the network (2 actors) to the rest of the network (3 actors) "
        "through 1 new link: Dan – Cat.",
        "The largest part of the network grew from 60% to 100% of actors."]
    assert len(shape["what_changed"]) == 4
    assert shape["what_changed"][3].endswith(f"{shape['communities']['after']} communities.") \
        or f"from {shape['communities']['before']}." in shape["what_changed"][3]



# -- what changed: always four lines ----------------------------------------------------------
NAMES = {i: i.title() for i in ("a", "b", "c", "d", "e", "h", "p", "q", "r", "s", "x", "z")}


def described(events, position):
    return changes.describe(changes.changes(growth.timeline(events), position), NAMES)


@pytest.mark.parametrize(("teams", "share", "groups"), [
    # One pair worked together again: one part holding everyone, one community.
    ([["a", "b"]], "100%", "Still 1 community."),
    # Two separate pairs; one of them worked together again. Louvain never joins two
    # components, so two communities before and after; the largest part is half the actors.
    ([["a", "b"], ["c", "d"]], "50%", "Still 2 communities."),
])
def test_nothing_changed_still_says_so_in_four_lines(teams, share, groups):
    steps = [{"id": "e1", "start": "2024-01-01", "teams": teams},
             {"id": "e2", "start": "2024-02-01", "teams": [["a", "b"]]}]
    assert growth.timeline(steps)[1].new_links == []
    assert described(steps, 1) == [
        "No introductions: none of the new links joined two actors who already shared a "
        "partner.",
        "No bridges: none of the new links joined two parts of the network that were separate.",
        f"The largest part of the network stayed at {share} of actors.",
        groups]


def test_a_collaboration_that_made_no_new_links_says_so(db, viewer_client):
    # The second meeting of the same pair only strengthens their link: its report does not
    # speak of "new links" it never made.
    import_document(db, {"organisations": org("o-a", "o-b"),
                         "events": [event("first", "2024-01-01", ["o-a", "o-b"]),
                                    event("again", "2024-02-01", ["o-a", "o-b"])]})
    lines = collaborations.api_shape(collaborations.impact(db, "again"))["what_changed"]
    assert lines[:3] == ["No introductions: this collaboration made no new links.",
                         "No bridges: with no new links, no separate parts were joined.",
                         "The largest part of the network stayed at 100% of actors."]
    # A collaboration that did make links keeps the other wording.
    steps = [{"id": "e1", "start": "2024-01-01", "teams": [["a", "b"]]},
             {"id": "e2", "start": "2024-02-01", "teams": [["a", "c"]]}]
    found = changes.changes(growth.timeline(steps), 1)
    assert changes.describe(found, NAMES, new_links=1)[0].startswith(
        "No introductions: none of the new links")
    # The count cards agree in number with what they count.
    page = viewer_client.get("/events/first/impact").get_data(as_text=True)
    assert '<span class="big">1</span> new link</div>' in page
    assert '<span class="big">2</span> contributors</div>' in page
    again = viewer_client.get("/events/again/impact").get_data(as_text=True)
    assert '<span class="big">1</span> strengthened link</div>' in again


def test_the_first_collaboration_says_the_network_starts_there():
    assert described([{"id": "e1", "start": "2024-01-01", "teams": [["a", "b"], ["c", "d"]]}],
                     0) == [
        "No introductions: the network starts here, so no two actors shared a partner before.",
        "No bridges: the network starts here, so there were no separate parts to join.",
        "The largest part of the network starts at 50% of actors.",
        "The network starts with 2 communities."]
    assert described([{"id": "e1", "start": "2024-01-01", "teams": [["a", "b"]]}], 0)[2:] == [
        "The largest part of the network starts at 100% of actors.",
        "The network starts with 1 community."]


def test_a_bridge_to_a_lone_actor_says_one_actor_and_one_link():
    lines = described([{"id": "e1", "start": "2024-01-01", "teams": [["a", "b"], ["b", "c"]]},
                       {"id": "e2", "start": "2024-02-01", "teams": [["z"]]},
                       {"id": "e3", "start": "2024-03-01", "teams": [["c", "z"]]}], 2)
    assert lines[:3] == [
        "No introductions: none of the new links joined two actors who already shared a "
        "partner.",
        "Joined Z's part of the network (1 actor) to the rest of the network (3 actors) through "
        "1 new link: Z – C.",
        "The largest part of the network grew from 75% to 100% of actors."]


def test_many_bridges_between_two_parts_are_capped_with_and_n_more():
    # a, b, c, d in one team (a part of 4); p–q a part of 2; five new links between them.
    lines = described([
        {"id": "e1", "start": "2024-01-01", "teams": [["a", "b", "c", "d"]]},
        {"id": "e2", "start": "2024-02-01", "teams": [["p", "q"]]},
        {"id": "e3", "start": "2024-03-01",
         "teams": [["a", "p"], ["b", "p"], ["c", "p"], ["d", "p"], ["a", "q"]]}], 2)
    assert lines[1] == (
        "Joined P's part of the network (2 actors) to the rest of the network (4 actors) through "
        "5 new links: P – A, P – B, P – C and 2 more.")
    assert lines[2] == "The largest part of the network grew from 66.7% to 100% of actors."


def test_many_joined_parts_are_capped_with_and_n_more_joins():
    # h–x a part of 2; p, q, r and s each alone; h meets all four.
    lines = described([
        {"id": "e1", "start": "2024-01-01", "teams": [["h", "x"]]},
        {"id": "e2", "start": "2024-02-01", "teams": [["p"], ["q"], ["r"], ["s"]]},
        {"id": "e3", "start": "2024-03-01", "teams": [["h", "p"], ["h", "q"], ["h", "r"],
                                                      ["h", "s"]]}], 2)
    assert lines[1] == (
        "Joined P's part of the network (1 actor) to the rest of the network (2 actors) through "
        "1 new link: P – H; joined Q's part of the network (1 actor) to the rest of the network "
        "(2 actors) through 1 new link: Q – H; joined R's part of the network (1 actor) to the "
        "rest of the network (2 actors) through 1 new link: R – H; and 1 more join.")
    assert lines[2] == "The largest part of the network grew from 33.3% to 100% of actors."


def test_many_introductions_are_one_line_capped_with_and_n_more():
    # b worked with a, c, d and e; then a meets c, d and e, and c meets d: four introductions.
    lines = described([
        {"id": "e1", "start": "2024-01-01", "teams": [["a", "b"], ["b", "c"], ["b", "d"],
                                                      ["b", "e"]]},
        {"id": "e2", "start": "2024-02-01", "teams": [["a", "c"], ["a", "d"], ["a", "e"],
                                                      ["c", "d"]]}], 1)
    assert lines[0] == (
        "4 introductions: A – C (both already worked with B), A – D (both already worked with "
        "B), A – E (both already worked with B) and 1 more.")
    assert lines[1:3] == [
        "No bridges: none of the new links joined two parts of the network that were separate.",
        "The largest part of the network stayed at 100% of actors."]


def test_an_introduction_with_many_shared_partners_names_three_then_counts():
    # a and c both worked with b, d, e, h and p before meeting.
    lines = described([
        {"id": "e1", "start": "2024-01-01",
         "teams": [[x, y] for x in ("a", "c") for y in ("b", "d", "e", "h", "p")]},
        {"id": "e2", "start": "2024-02-01", "teams": [["a", "c"]]}], 1)
    assert lines[0] == ("1 introduction: A – C, who both already worked with B, D, E and 2 "
                        "others.")
    found = {"closed_triangles": [{"pair": ["a", "c"], "via": ["b", "d", "e", "h"]}],
             "bridges": [], "communities": None,
             "largest_component_share": {"before": 1.0, "after": 1.0, "change": 0.0}}
    assert changes.describe(found, NAMES)[0].endswith("with B, D, E and 1 other.")


def test_communities_going_up_or_down_say_from_how_many():
    found = {"closed_triangles": [], "bridges": [],
             "largest_component_share": {"before": 0.5, "after": 0.5, "change": 0.0},
             "communities": {"before": 1, "after": 3, "change": 2}}
    assert changes.describe(found, {})[3] == "Now 3 communities, up from 1."
    found["communities"] = {"before": 2, "after": 1, "change": -1}
    assert changes.describe(found, {})[3] == "Now 1 community, down from 2."
    found["largest_component_share"] = {"before": 1.0, "after": 0.8, "change": -0.2}
    assert changes.describe(found, {})[2] == (
        "The largest part of the network shrank from 100% to 80% of actors.")

# -- suggestions ------------------------------------------------------------------------------
def weighted(edges):
    g = nx.Graph()
    for a, b, s in edges:
        g.add_edge(a, b, weight=1, strength=s)
    return g


def test_suggestions_say_why_and_break_ties_deterministically():
    g = weighted([
        # a and b both ran sessions with the RAP and NHS-R networks: score 2, via both.
        ("a", "rap", 1.0), ("b", "rap", 1.0), ("a", "nhsr", 1.0), ("b", "nhsr", 1.0),
        # c and d share one partner at strength 1: score 1, one shared partner.
        ("c", "x", 1.0), ("d", "x", 1.0),
        # e and f share two partners at 1/2: also score 1, but two shared partners.
        ("e", "y", 0.5), ("f", "y", 0.5), ("e", "z", 0.5), ("f", "z", 0.5),
    ])
    found = [(s["a"], s["b"], s["score"], s["shared"], s["via"])
             for s in na.suggestions(g, per_actor=None) if s["a"] in "abcdef"]
    assert found[:3] == [("a", "b", 2.0, 2, ["nhsr", "rap"]),
                         ("e", "f", 1.0, 2, ["y", "z"]),   # more shared partners first
                         ("c", "d", 1.0, 1, ["x"])]
    assert na.reason(["the RAP Network", "NHS-R Community"], 2) == (
        "Both worked with the RAP Network and NHS-R Community; never together.")
    # The same input always gives the same list.
    assert na.suggestions(g) == na.suggestions(weighted(reversed(
        [(a, b, d["strength"]) for a, b, d in g.edges(data=True)])))


def test_one_actor_does_not_fill_the_suggestions():
    # Six actors all tied to one partner: fifteen pairs with the same score.
    g = weighted([("hub", v, 1.0) for v in ("fife", "v1", "v2", "v3", "v4", "v5")])
    capped = na.suggestions(g, limit=15)
    named = Counter(v for s in capped for v in (s["a"], s["b"]))
    assert max(named.values()) <= na.SUGGESTIONS_PER_ACTOR
    assert [(s["a"], s["b"]) for s in capped[:2]] == [("fife", "v1"), ("fife", "v2")]
    assert len(na.suggestions(g, limit=15, per_actor=None)) == 15


def test_the_network_payload_carries_reasons(db):
    import_document(db, {
        "partner_networks": [{"id": "rap", "name": "RAP Network"},
                             {"id": "nhsr", "name": "NHS-R Community"}],
        "organisations": org("o-a", "o-b"),
        "events": [event("e1", "2024-01-01", ["rap", "nhsr", "o-a"]),
                   event("e2", "2024-02-01", ["rap", "nhsr", "o-b"])]})
    payload = network.page(db)
    ids = payload["nodes"]["id"]
    (suggested,) = payload["suggestions"]
    assert {ids[suggested["a"]], ids[suggested["b"]]} == {"o-a", "o-b"}
    assert suggested["reason"] == "Both worked with NHS-R Community and RAP Network; never together."
    ego = network.ego(db, "o-a")
    assert ego["suggestions"][0]["id"] == "o-b"
    assert ego["suggestions"][0]["reason"] == (
        suggested["reason"])
