"""Entity repositories on the real database: create, update, delete, lists, memberships, merge."""

from __future__ import annotations

import json

import pytest

from tracker.repositories import communities, merges, networks, organisations, people, search
from tracker.repositories.entities import EntityError, IdTaken, search_terms
from tracker.repositories.entities import offer_id as slugify
from tracker.repositories.organisations import ORGANISATIONS
from tracker.services.matching import match

ORG = ORGANISATIONS


def audit(db, entity_id):  # type: ignore[no-untyped-def]
    """Audit entries for one id, oldest first (read with plain Cypher for the test)."""
    with db._session() as session:
        found = session.run("MATCH (a:AuditEntry {entity_id: $id}) RETURN a ORDER BY a.at",
                            id=entity_id)
        return [dict(r["a"]) for r in found]


def cypher(db, text, **params):  # type: ignore[no-untyped-def]
    """Run test set-up Cypher (events etc. belong to other areas of the app)."""
    with db._session() as session:
        return [dict(r) for r in session.run(text, params)]


def org(db, org_id, name=None, **extra):  # type: ignore[no-untyped-def]
    return ORG.create(db, org_id, {"name": name or org_id.title(), **extra})


# -- helpers ---------------------------------------------------------------------------------
def test_slugify_offers_ascii_ids_and_a_fallback():
    assert slugify("Data Cymru — Llywodraeth Cymru!") == "data-cymru-llywodraeth-cymru"
    assert slugify("Société Générale") == "societe-generale"
    assert slugify("数据").startswith("organisation-") is False  # default prefix is 'item'
    assert slugify("数据", "organisation").startswith("organisation-")


def test_search_terms_keep_only_words():
    assert search_terms("Welsh Gov") == "welsh* AND gov*"
    assert search_terms('") OR 1=1 //') == "or* AND 1* AND 1*"
    assert search_terms("  ") is None
    assert search_terms("<>!!") == ""


# -- create / update / delete ----------------------------------------------------------------
def test_create_organisation_is_an_actor_and_audited(db):
    org(db, "welsh-government", "Welsh Government", type="Devolved government", nation="Wales")
    row = cypher(db, "MATCH (n:Organisation:Actor {id: 'welsh-government'}) RETURN n")[0]["n"]
    assert row["name"] == "Welsh Government"
    assert row["nation"] == "Wales"
    entries = audit(db, "welsh-government")
    assert [e["action"] for e in entries] == ["create"]
    assert json.loads(entries[0]["changes"])["name"] == "Welsh Government"
    assert entries[0]["entity"] == "organisation"


def test_actor_ids_are_unique_across_kinds(db):
    networks.NETWORKS.create(db, "rap", {"name": "RAP network"})
    with pytest.raises(IdTaken) as caught:
        org(db, "rap", "RAP Org")
    assert caught.value.field == "id"
    with pytest.raises(IdTaken):
        communities.COMMUNITIES.create(db, "rap", {"name": "RAP community"})
    assert cypher(db, "MATCH (n {id: 'rap'}) RETURN count(n) AS c")[0]["c"] == 1
    assert [e["action"] for e in audit(db, "rap")] == ["create"]  # no audit for the refusals


def test_bad_id_is_refused_before_writing(db):
    with pytest.raises(EntityError):
        org(db, "bad id with spaces")
    assert cypher(db, "MATCH (n:Organisation) RETURN count(n) AS c")[0]["c"] == 0


def test_update_records_only_changed_fields(db):
    org(db, "moj", "Ministry of Justice", nation="England")
    ORG.update(db, "moj", {"name": "Ministry of Justice", "nation": "UK-wide",
                           "type": "Ministerial department"})
    entries = audit(db, "moj")
    changes = json.loads(entries[-1]["changes"])
    assert entries[-1]["action"] == "update"
    assert changes == {"nation": {"from": "England", "to": "UK-wide"},
                       "type": {"from": None, "to": "Ministerial department"}}
    assert organisations.get(db, "moj")["item"]["nation"] == "UK-wide"


def test_hostile_text_is_stored_literally(db):
    name = "<script>alert(1)</script>'; MATCH (n) DETACH DELETE n //\t ünï 😀"
    org(db, "hostile", name, region="x" * 100)
    networks.NETWORKS.create(db, "long", {"name": "Long", "description": "y" * 10_000})
    assert organisations.get(db, "hostile")["item"]["name"] == name
    assert networks.NETWORKS.get(db, "long")["item"]["description"] == "y" * 10_000


def test_sub_community_needs_an_existing_community_and_can_move(db):
    communities.COMMUNITIES.create(db, "ds", {"name": "Data Science Community"})
    communities.COMMUNITIES.create(db, "other", {"name": "Other Community"})
    with pytest.raises(EntityError) as caught:
        communities.SUB_COMMUNITIES.create(db, "pets", {"name": "PETs", "community": "nope"})
    assert caught.value.field == "community"
    assert cypher(db, "MATCH (n:SubCommunity) RETURN count(n) AS c")[0]["c"] == 0
    communities.SUB_COMMUNITIES.create(db, "pets", {"name": "PETs", "community": "ds"})
    assert cypher(db, "MATCH (:SubCommunity:Actor {id:'pets'})-[:PART_OF]->(c) RETURN c.id AS c"
                  ) == [{"c": "ds"}]
    communities.SUB_COMMUNITIES.update(db, "pets", {"name": "PETs", "community": "other"})
    assert cypher(db, "MATCH (:SubCommunity {id:'pets'})-[:PART_OF]->(c) RETURN c.id AS c"
                  ) == [{"c": "other"}]


def test_community_with_sub_communities_cannot_be_deleted(db):
    communities.COMMUNITIES.create(db, "ds", {"name": "DS"})
    communities.SUB_COMMUNITIES.create(db, "ling", {"name": "Linguistic Data", "community": "ds"})
    preview = communities.COMMUNITIES.delete_preview(db, "ds")
    assert [b["id"] for b in preview["blockers"]] == ["ling"]
    assert communities.COMMUNITIES.delete(db, "ds") == 0
    assert [e["action"] for e in audit(db, "ds")] == ["create"]  # a refusal leaves no trace
    communities.SUB_COMMUNITIES.delete(db, "ling")
    assert communities.COMMUNITIES.delete(db, "ds") == 1
    assert cypher(db, "MATCH (n:Community) RETURN count(n) AS c")[0]["c"] == 0


def test_delete_preview_counts_and_delete_removes_relationships(db):
    org(db, "nhs-wales")
    networks.NETWORKS.create(db, "nhsr", {"name": "NHS-R Community"})
    organisations.set_membership(db, "nhs-wales", "nhsr", "2022-01-01")
    people.PEOPLE.create(db, "ann", {"name": "Ann", "organisation": "nhs-wales"})
    people.PEOPLE.create(db, "bob", {"name": "Bob", "organisation": "nhs-wales"})
    preview = ORG.delete_preview(db, "nhs-wales")
    assert {r["type"]: r["count"] for r in preview["relationships"]} == {
        "MEMBER_OF": 1, "WORKS_AT": 2}
    assert ORG.delete(db, "nhs-wales") == 1
    assert cypher(db, "MATCH (p:Person) RETURN count(p) AS c")[0]["c"] == 2  # people stay
    assert cypher(db, "MATCH ()-[r:WORKS_AT|MEMBER_OF]->() RETURN count(r) AS c")[0]["c"] == 0
    last = audit(db, "nhs-wales")[-1]
    assert last["action"] == "delete"
    assert json.loads(last["changes"])["relationships_removed"] == {"MEMBER_OF": 1, "WORKS_AT": 2}


def test_person_works_at_and_moves(db):
    org(db, "a")
    org(db, "b")
    with pytest.raises(EntityError) as caught:
        people.PEOPLE.create(db, "p", {"name": "P", "organisation": "missing"})
    assert caught.value.field == "organisation"
    assert audit(db, "p") == []  # the refused create is not audited either
    people.PEOPLE.create(db, "p", {"name": "P", "organisation": "a"})
    people.PEOPLE.update(db, "p", {"name": "P", "organisation": "b", "job_title": "Analyst"})
    found = people.PEOPLE.get(db, "p")
    assert found["organisation"]["id"] == "b"
    assert found["item"]["job_title"] == "Analyst"
    people.PEOPLE.update(db, "p", {"name": "P", "organisation": ""})
    assert people.PEOPLE.get(db, "p")["organisation"] is None


# -- lists -----------------------------------------------------------------------------------
def test_list_search_filter_sort_and_paginate(db):
    names = ["Welsh Government", "Scottish Government", "Cabinet Office", "Data Cymru",
             "Wrexham Council"]
    for n in names:
        nation = "Wales" if n in ("Welsh Government", "Data Cymru", "Wrexham Council") else None
        org(db, slugify(n), n, nation=nation)
    page = ORG.list(db, sort="name")
    assert [r["name"] for r in page["rows"]] == sorted(names)
    assert ORG.list(db, sort="name", desc=True)["rows"][0]["name"] == "Wrexham Council"
    found = ORG.list(db, q="govern")
    assert {r["name"] for r in found["rows"]} == {"Welsh Government", "Scottish Government"}
    assert ORG.list(db, q="govern", nation="Wales")["total"] == 1
    assert ORG.list(db, q="<>!")["total"] == 0
    assert ORG.list(db, q='"unbalanced (quote AND OR')["total"] == 0  # no Lucene error
    paged = ORG.list(db, sort="name", page=2, per_page=2)
    assert paged["pages"] == 3
    assert [r["name"] for r in paged["rows"]] == [
        "Scottish Government", "Welsh Government"]
    # an unknown sort key falls back to the default instead of reaching Cypher
    assert ORG.list(db, sort="name; DROP")["sort"] == "name"


def test_list_sort_by_events_uses_counts(db):
    org(db, "busy")
    org(db, "quiet")
    cypher(db, "MATCH (o:Organisation {id:'busy'}) CREATE (o)-[:ATTENDED {attendees: 3}]->"
               "(:Event {id:'e1', name:'E1', start: date('2023-11-01')})")
    assert [r["id"] for r in ORG.list(db, sort="events", desc=True)["rows"]] == ["busy", "quiet"]


def test_picker_search_by_kind(db):
    org(db, "welsh-government", "Welsh Government")
    networks.NETWORKS.create(db, "welsh-net", {"name": "Welsh Network"})
    people.PEOPLE.create(db, "wendy", {"name": "Welsh Wendy"})
    assert {r["id"] for r in search.names(db, "wel", "actor")} == {"welsh-government",
                                                                   "welsh-net"}
    assert search.names(db, "wel", "organisation") == [
        {"id": "welsh-government", "name": "Welsh Government", "kind": "organisation"}]
    assert [r["kind"] for r in search.names(db, "welsh", "person")] == ["person"]
    assert [r["id"] for r in search.names(db, "welsh", "group")] == ["welsh-net"]
    for i in range(25):
        org(db, f"o{i}", f"Welsh Body {i}")
    assert len(search.names(db, "welsh", "organisation")) == 20


# -- memberships -----------------------------------------------------------------------------
def test_membership_set_update_remove(db):
    org(db, "scot-gov", "Scottish Government")
    networks.NETWORKS.create(db, "rap", {"name": "RAP"})
    communities.COMMUNITIES.create(db, "ds", {"name": "DS"})
    communities.SUB_COMMUNITIES.create(db, "pets", {"name": "PETs", "community": "ds"})
    organisations.set_membership(db, "scot-gov", "rap", "2021-05-01")
    organisations.set_membership(db, "scot-gov", "rap", "2021-05-01", "2023-01-31")
    organisations.set_membership(db, "scot-gov", "pets")
    found = organisations.get(db, "scot-gov")["memberships"]
    assert [(m["id"], m["kind"], m["since"], m["until"]) for m in found] == [
        ("pets", "SubCommunity", None, None), ("rap", "PartnerNetwork", "2021-05-01",
                                                "2023-01-31")]
    assert [m["id"] for m in networks.NETWORKS.get(db, "rap")["members"]] == ["scot-gov"]
    assert organisations.remove_membership(db, "scot-gov", "rap") == 1
    assert organisations.remove_membership(db, "scot-gov", "rap") == 0
    assert [e["action"] for e in audit(db, "scot-gov->rap")] == ["set", "set", "remove"]


def test_membership_refuses_bad_input(db):
    org(db, "a")
    org(db, "b")
    networks.NETWORKS.create(db, "n", {"name": "N"})
    with pytest.raises(EntityError) as caught:
        organisations.set_membership(db, "a", "n", "2023-02-01", "2023-01-01")
    assert caught.value.field == "until"
    with pytest.raises(EntityError):
        organisations.set_membership(db, "a", "b")  # an organisation is not a group
    with pytest.raises(EntityError):
        organisations.set_membership(db, "a", "a")
    with pytest.raises(EntityError):
        organisations.set_membership(db, "a", "n", "2023-13-45")
    assert cypher(db, "MATCH ()-[r:MEMBER_OF]->() RETURN count(r) AS c")[0]["c"] == 0
    assert audit(db, "a->b") == []


# -- organisation page -----------------------------------------------------------------------
SHOWCASE = """
CREATE (sc:Event {id:'showcase-2023', name:'Showcase 2023', start: date('2023-11-14')}),
       (d2:Event {id:'day-2', name:'Day two', start: date('2023-11-15')})-[:PART_OF]->(sc),
       (talk:Event {id:'splink', name:'Splink in Action', start: date('2023-11-15')})
         -[:PART_OF]->(d2),
       (meet:Event {id:'meetup', name:'Meet-up', start: date('2024-02-01')})
WITH sc, d2, talk, meet
MATCH (moj:Organisation {id:'moj'}), (wg:Organisation {id:'wg'}), (dc:Organisation {id:'dc'})
CREATE (moj)-[:CONTRIBUTED {role:'speaker'}]->(talk),
       (wg)-[:CONTRIBUTED {role:'speaker'}]->(d2),
       (dc)-[:CONTRIBUTED {role:'curator'}]->(sc),
       (moj)-[:CONTRIBUTED {role:'host'}]->(meet),
       (wg)-[:CONTRIBUTED {role:'partner'}]->(meet),
       (moj)-[:ATTENDED {attendees: 12}]->(sc),
       (wg)-[:ATTENDED {attendees: 5}]->(meet)
"""


def test_organisation_page_partners_weights_and_engagement(db):
    org(db, "moj", "Ministry of Justice")
    org(db, "wg", "Welsh Government")
    org(db, "dc", "Data Cymru")
    cypher(db, SHOWCASE)
    page = organisations.get(db, "moj")
    partners = {p["id"]: p["weight"] for p in page["partners"]}
    # wg: the showcase (via sessions) and the meet-up; dc: the showcase only
    assert partners == {"wg": 2, "dc": 1}
    assert page["partners"][0]["id"] == "wg"
    events = {e["id"]: e for e in page["events"]}
    assert events["splink"]["roles"] == ["speaker"]
    assert events["splink"]["parent"] == "day-2"
    assert events["showcase-2023"]["attended"]
    assert events["showcase-2023"]["attendees"] == 12
    assert events["meetup"]["roles"] == ["host"]
    assert not events["meetup"]["attended"]
    assert page["first_engagement"] == "2023-11-14"
    assert page["last_engagement"] == "2024-02-01"


# -- merge -----------------------------------------------------------------------------------
def test_merge_moves_every_relationship_and_adds_attendance(db):
    org(db, "wg", "Welsh Government", nation="Wales")
    org(db, "wg-dup", "Welsh Govt", type="Devolved government", region="Cardiff")
    org(db, "old-body", "Old body")
    networks.NETWORKS.create(db, "rap", {"name": "RAP"})
    organisations.set_membership(db, "wg", "rap", "2022-01-01", "2022-12-31")
    organisations.set_membership(db, "wg-dup", "rap", "2021-06-01")
    people.PEOPLE.create(db, "ann", {"name": "Ann", "organisation": "wg-dup"})
    cypher(db, """
      CREATE (e:Event {id:'e', name:'E', start: date('2023-01-01')}),
             (f:Event {id:'f', name:'F', start: date('2023-02-01')})
      WITH e, f
      MATCH (k:Organisation {id:'wg'}), (d:Organisation {id:'wg-dup'}),
            (o:Organisation {id:'old-body'})
      CREATE (k)-[:ATTENDED {attendees: 10}]->(e), (d)-[:ATTENDED {attendees: 4}]->(e),
             (d)-[:ATTENDED {attendees: 7}]->(f),
             (d)-[:CONTRIBUTED {role:'speaker'}]->(e), (k)-[:CONTRIBUTED {role:'speaker'}]->(e),
             (d)-[:CONTRIBUTED {role:'host'}]->(f),
             (d)-[:GAVE_FEEDBACK {rating: 4, work_together_again: true}]->(f),
             (o)-[:SUCCEEDED_BY]->(d), (d)-[:SUCCEEDED_BY]->(k),
             (d)-[:REGISTER_PARENT {source:'gov.uk'}]->(o)
    """)
    result = organisations.merge(db, "wg", "wg-dup")
    assert result["moved"]["ATTENDED"] == 2
    assert result["moved"]["other outgoing"] == 1
    assert cypher(db, "MATCH (n {id:'wg-dup'}) RETURN count(n) AS c")[0]["c"] == 0
    att = {r["e"]: r["n"] for r in cypher(
        db, "MATCH (:Organisation {id:'wg'})-[r:ATTENDED]->(e) RETURN e.id AS e, r.attendees AS n")}
    assert att == {"e": 14, "f": 7}
    roles = sorted((r["e"], r["role"]) for r in cypher(
        db, "MATCH (:Organisation {id:'wg'})-[r:CONTRIBUTED]->(e) "
            "RETURN e.id AS e, r.role AS role"))
    assert roles == [("e", "speaker"), ("f", "host")]
    assert cypher(db, "MATCH (:Person {id:'ann'})-[:WORKS_AT]->(o) RETURN o.id AS o") == [
        {"o": "wg"}]
    member = cypher(db, "MATCH (:Organisation {id:'wg'})-[m:MEMBER_OF]->(:PartnerNetwork) "
                        "RETURN m.since AS since, m.until AS until")
    assert len(member) == 1
    assert str(member[0]["since"]) == "2021-06-01"
    assert member[0]["until"] is None
    assert cypher(db, "MATCH (:Organisation {id:'wg'})-[g:GAVE_FEEDBACK]->(e) "
                      "RETURN e.id AS e, g.rating AS r") == [{"e": "f", "r": 4}]
    assert cypher(db, "MATCH (a)-[:SUCCEEDED_BY]->(b) RETURN a.id AS a, b.id AS b") == [
        {"a": "old-body", "b": "wg"}]  # the succession between the two merged bodies is gone
    assert cypher(db, "MATCH (:Organisation {id:'wg'})-[r:REGISTER_PARENT]->(o) "
                      "RETURN o.id AS o, r.source AS s") == [{"o": "old-body", "s": "gov.uk"}]
    kept = organisations.get(db, "wg")["item"]
    assert kept["nation"] == "Wales"
    assert kept["type"] == "Devolved government"
    assert kept["region"] == "Cardiff"
    assert kept["name"] == "Welsh Government"
    assert [e["action"] for e in audit(db, "wg")][-1] == "merge"
    assert [e["action"] for e in audit(db, "wg-dup")][-1] == "delete"


def test_merge_refuses_self_and_missing_and_changes_nothing(db):
    org(db, "a")
    with pytest.raises(EntityError):
        organisations.merge(db, "a", "a")
    with pytest.raises(EntityError) as caught:
        organisations.merge(db, "a", "missing")
    assert caught.value.field == "drop"
    networks.NETWORKS.create(db, "net", {"name": "Net"})
    with pytest.raises(EntityError):
        organisations.merge(db, "a", "net")  # only organisations merge
    assert cypher(db, "MATCH (n:Actor) RETURN count(n) AS c")[0]["c"] == 2
    assert [e["action"] for e in audit(db, "a")] == ["create"]


def test_the_matcher_finds_organisations_already_logged(db):
    org(db, "welsh-government", "Welsh Government")
    org(db, "cabinet-office", "Cabinet Office")
    org(db, "cardiff-council", "Cardiff Council")
    org(db, "scottish-government", "Scottish Government")
    found = match(db, "Welsh Govt")
    assert found["decision"] == "match"
    assert found["matches"][0]["id"] == "welsh-government"
    # one shared common word is not a match
    assert match(db, "Wrexham County Borough Council")["decision"] != "match"
    assert match(db, "welsh government")["matches"][0]["id"] == "welsh-government"
    assert match(db, "!!!")["matches"] == []


def test_merge_is_all_or_nothing_when_a_step_fails(db, monkeypatch):
    org(db, "k", "Keep")
    org(db, "d", "Drop")
    cypher(db, "MATCH (d:Organisation {id:'d'}) CREATE (d)-[:ATTENDED {attendees: 2}]->"
               "(:Event {id:'e', name:'E'}), (:Person {id:'p', name:'P'})-[:WORKS_AT]->(d)")
    before = cypher(db, "MATCH (a)-[r]->(b) WHERE NOT a:AuditEntry "
                        "RETURN a.id AS a, type(r) AS t, b.id AS b ORDER BY a, t")

    real_value, calls = merges.value, []

    def failing_value(tx, name, **params):  # type: ignore[no-untyped-def]
        calls.append(name)
        if name == "organisations/merge_member_of":  # after attendance and people have moved
            raise RuntimeError("injected failure")
        return real_value(tx, name, **params)

    monkeypatch.setattr(merges, "value", failing_value)
    with pytest.raises(RuntimeError):
        organisations.merge(db, "k", "d")
    assert "organisations/merge_works_at" in calls  # the failure really was mid-way
    after = cypher(db, "MATCH (a)-[r]->(b) WHERE NOT a:AuditEntry "
                       "RETURN a.id AS a, type(r) AS t, b.id AS b ORDER BY a, t")
    assert after == before
    assert cypher(db, "MATCH (n:Organisation) RETURN count(n) AS c")[0]["c"] == 2
    assert [e["action"] for e in audit(db, "k")] == ["create"]
    assert cypher(db, "MATCH (m:Merge) RETURN count(m) AS c")[0]["c"] == 0  # no record either


@pytest.mark.parametrize("kind_name", ["community", "sub_community", "network", "organisation",
                                       "person"])
def test_every_kind_creates_updates_and_deletes_with_audit(db, kind_name):
    communities.COMMUNITIES.create(db, "parent", {"name": "Parent"})
    kind, label, data = {
        "community": (communities.COMMUNITIES, "Community", {"description": "d"}),
        "sub_community": (communities.SUB_COMMUNITIES, "SubCommunity", {"community": "parent"}),
        "network": (networks.NETWORKS, "PartnerNetwork", {"website": "https://example.org"}),
        "organisation": (ORG, "Organisation", {"type": "NHS trust"}),
        "person": (people.PEOPLE, "Person", {"job_title": "Analyst"}),
    }[kind_name]
    kind.create(db, "thing", {"name": "Thing", **data})
    kind.update(db, "thing", {"name": "Renamed", **data})
    assert kind.get(db, "thing")["item"]["name"] == "Renamed"
    # Labels in this test come from the literal table above, never from input.
    found = cypher(db, f"MATCH (n:{label} {{id: 'thing'}}) RETURN n.name AS name, "
                       "n:Actor AS actor")
    assert found == [{"name": "Renamed", "actor": kind_name != "person"}]
    assert kind.delete(db, "thing") == 1
    assert kind.get(db, "thing") is None
    assert [e["action"] for e in audit(db, "thing")] == ["create", "update", "delete"]
    assert json.loads(audit(db, "thing")[1]["changes"]) == {
        "name": {"from": "Thing", "to": "Renamed"}}
