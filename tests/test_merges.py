"""Reversible merges on the real database: merge + undo restores everything exactly (export,
typed properties, every relationship), refusals change nothing, and every path (repository,
CLI, organisation page, admin pages) previews and asks before merging."""

from __future__ import annotations

import json

import pytest

from tests.test_repo_entities import cypher, org
from tracker.repositories import merges, networks, organisations, people
from tracker.repositories.graph import export_document


@pytest.fixture
def scenario(db):  # type: ignore[no-untyped-def]
    """A survivor and a duplicate with every kind of relationship, clashes included."""
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
            (o:Organisation {id:'old-body'}), (p:Person {id:'ann'})
      SET d.alt_names = ['WG dup', 'Llyw'], d.closed_on = date('2020-03-04'),
          d.score = 1.0, d.count = 3, d.flag = true
      CREATE (k)-[:ATTENDED {attendees: 10}]->(e), (d)-[:ATTENDED {attendees: 4}]->(e),
             (d)-[:ATTENDED {attendees: 7}]->(f),
             (d)-[:CONTRIBUTED {role:'speaker'}]->(e), (k)-[:CONTRIBUTED {role:'speaker'}]->(e),
             (d)-[:CONTRIBUTED {role:'host'}]->(f),
             (d)-[:GAVE_FEEDBACK {rating: 4, work_together_again: true}]->(f),
             (k)-[:GAVE_FEEDBACK {rating: 2, work_together_again: false}]->(f),
             (o)-[:SUCCEEDED_BY]->(d), (d)-[:SUCCEEDED_BY]->(k),
             (d)-[:CHILD_OF {source:'govuk', since: date('2019-01-01')}]->(o),
             (p)-[:SPOKE_AT]->(e)
    """)
    return db


def _state(db, org_id):  # type: ignore[no-untyped-def]
    """An organisation's labels, typed properties and relationships (other ends by id)."""
    found = db.read_one("merges/snapshot", id=org_id)
    if found is None:
        return None
    rels = sorted(json.dumps({k: v for k, v in r.items() if k != "other"}, sort_keys=True)
                  for r in found["rels"])
    props = sorted(json.dumps(p, sort_keys=True) for p in found["props"])
    return {"labels": sorted(found["labels"]), "props": props, "rels": rels}


def test_merge_then_undo_restores_the_database_exactly(scenario):
    db = scenario
    before = export_document(db)
    states = {i: _state(db, i) for i in ("wg", "wg-dup", "old-body")}
    done = merges.merge(db, "wg-dup", "wg")
    assert done["merge"].startswith("merge-")
    assert done["moved"]["ATTENDED"] == 2
    assert _state(db, "wg-dup") is None
    assert export_document(db) != before
    undone = merges.unmerge(db, done["merge"])
    assert undone["source"] == "wg-dup"
    assert undone["target"] == "wg"
    assert export_document(db) == before
    # Beyond the export: the same labels, the same property types (dates stay dates, floats
    # floats, lists lists) and every relationship with its typed properties.
    assert {i: _state(db, i) for i in ("wg", "wg-dup", "old-body")} == states
    assert any('"DATE NOT NULL"' in p for p in states["wg-dup"]["props"])
    assert merges.recent(db)[0]["undone_at"]


def test_undo_is_refused_when_the_survivor_changed_or_twice(scenario):
    db = scenario
    done = merges.merge(db, "wg-dup", "wg")
    organisations.ORGANISATIONS.update(db, "wg", {"name": "Welsh Government (renamed)"})
    after_edit = export_document(db)
    with pytest.raises(merges.MergeError, match="changed after the merge"):
        merges.unmerge(db, done["merge"])
    assert export_document(db) == after_edit
    org(db, "x", "X body")
    org(db, "y", "Y body")
    second = merges.merge(db, "x", "y")
    merges.unmerge(db, second["merge"])
    with pytest.raises(merges.MergeError, match="already undone"):
        merges.unmerge(db, second["merge"])
    with pytest.raises(merges.MergeError, match="no merge"):
        merges.unmerge(db, "merge-nope")


def test_cli_merge_previews_asks_and_unmerges(scenario, cli):  # type: ignore[no-untyped-def]
    db = scenario
    before = export_document(db)
    refused = cli("organisations", "merge", "wg-dup", "wg", input="n\n")
    assert refused.exit_code == 1
    assert "ATTENDED" in refused.output
    assert export_document(db) == before
    result = cli("organisations", "merge", "wg-dup", "wg", "--json", "--yes")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output[result.output.index("{"):])
    assert answer["merge"].startswith("merge-")
    assert answer["target"] == "wg"
    listed = cli("organisations", "merges", "--json")
    assert answer["merge"] in listed.output
    back = cli("organisations", "unmerge", answer["merge"])
    assert back.exit_code == 0, back.output
    assert export_document(db) == before
    assert cli("organisations", "unmerge", answer["merge"]).exit_code == 1
    assert cli("organisations", "merge", "wg", "wg", "--yes").exit_code == 1
    assert cli("organisations", "merge", "nope", "wg", "--yes").exit_code == 1


def test_the_merge_page_merges_only_after_its_preview(scenario, editor_client, admin_client):
    db = scenario
    before = export_document(db)
    # A bare POST (as the old one-click button sent) only shows the preview.
    shown = editor_client.post("/organisations/merge", data={"keep": "wg", "drop": "wg-dup"})
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200
    assert "Confirm: merge" in html
    assert 'value="yes"' in html
    assert export_document(db) == before
    merged = editor_client.post("/organisations/merge",
                                data={"keep": "wg", "drop": "wg-dup", "confirm": "yes"})
    assert merged.status_code == 302
    assert _state(db, "wg-dup") is None
    page = admin_client.get("/admin/merges").get_data(as_text=True)
    assert "Welsh Govt" in page
    assert "Undo</button>" in page
    merge_id = merges.recent(db)[0]["id"]
    undo = admin_client.post(f"/admin/merges/{merge_id}/undo", follow_redirects=True)
    assert undo.status_code == 200
    assert "both are back" in undo.get_data(as_text=True)
    assert export_document(db) == before
    again = admin_client.post(f"/admin/merges/{merge_id}/undo", follow_redirects=True)
    assert "already undone" in again.get_data(as_text=True)
    assert editor_client.post(f"/admin/merges/{merge_id}/undo").status_code in (302, 403)
