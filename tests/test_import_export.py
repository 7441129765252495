"""JSON import and export on the real database: all-or-nothing, idempotent, exact round trip."""

import copy
import json

import jsonschema
import pytest

from tracker.interchange import validate
from tracker.paths import PROJECT_ROOT
from tracker.problems import Problems
from tracker.repositories.graph import export_document, import_document

DOC = {
    "_notice": "test data",
    "communities": [{"id": "dsc", "name": "Data Science Community", "website": "https://x"}],
    "sub_communities": [{"id": "pets", "name": "Privacy Enhancing Technologies",
                         "community": "dsc"}],
    "partner_networks": [{"id": "rap", "name": "RAP Network"},
                         {"id": "nhsr", "name": "NHS-R Community"}],
    "organisations": [
        {"id": "govuk-welsh-government", "name": "Welsh Government", "type": "Devolved government",
         "nation": "Wales", "region": "Wales"},
        {"id": "data-cymru", "name": "Data Cymru"},
        {"id": "la-bge", "name": "Bridgend County Borough Council", "nation": "Wales"},
    ],
    "people": [{"id": "p1", "name": "Ada", "organisation": "data-cymru"},
               {"id": "p2", "name": "Bo"}],
    "memberships": [{"member": "data-cymru", "of": "rap", "since": "2021-01-01"},
                    {"member": "la-bge", "of": "pets"}],
    "events": [
        {"id": "showcase", "name": "Showcase 2023", "start": "2023-11-07", "end": "2023-11-09",
         "contributors": [{"actor": "dsc", "role": "host"},
                          {"actor": "data-cymru", "role": "curator"}],
         "attendance": [{"organisation": "la-bge", "attendees": 12}],
         "feedback": [{"organisation": "data-cymru", "rating": 5, "work_together_again": True,
                       "comment": "<b>great</b>"}]},
        {"id": "day2", "name": "Toolshed", "start": "2023-11-08", "parent": "showcase",
         "contributors": [{"actor": "rap", "role": "co-host"}, {"actor": "nhsr", "role": "co-host"}],
         "speakers": ["p1"], "attendees": ["p2"], "theme": "tools"},
    ],
}


def canonical(doc):
    return json.dumps(doc, sort_keys=True)


def test_import_then_export_round_trips_exactly(db):
    import_document(db, DOC)
    first = export_document(db)
    assert first["events"][0]["contributors"] == [{"actor": "nhsr", "role": "co-host"},
                                                  {"actor": "rap", "role": "co-host"}]
    assert first["communities"][0]["website"] == "https://x"
    assert first["events"][1]["feedback"][0]["comment"] == "<b>great</b>"
    db.clear()
    import_document(db, first)
    assert canonical(export_document(db)) == canonical(first)


def test_import_is_idempotent(db):
    import_document(db, DOC)
    once = export_document(db)
    import_document(db, DOC)
    assert canonical(export_document(db)) == canonical(once)
    count = db.read_tx(lambda tx: tx.run(
        "MATCH ()-[r:CONTRIBUTED]->() RETURN count(r) AS n").single()["n"])
    assert count == 4


def test_every_actor_has_the_actor_label(db):
    import_document(db, DOC)
    unlabelled = db.read_tx(lambda tx: tx.run(
        "MATCH (n) WHERE (n:Community OR n:SubCommunity OR n:PartnerNetwork OR n:Organisation) "
        "AND NOT n:Actor RETURN count(n) AS n").single()["n"])
    assert unlabelled == 0


def test_bad_document_lists_every_problem_and_writes_nothing(db):
    bad = copy.deepcopy(DOC)
    bad["organisations"].append({"id": "data-cymru", "name": "Again"})
    bad["events"][0]["start"] = "2023-13-45"
    bad["events"][1]["contributors"].append({"actor": "ghost", "role": "host"})
    bad["events"][1]["contributors"].append({"actor": "rap", "role": "overlord"})
    bad["events"][0]["attendance"].append({"organisation": "data-cymru", "attendees": -3})
    with pytest.raises(Problems) as caught:
        import_document(db, bad)
    problems = caught.value.messages
    assert any(p.startswith("$.organisations[3].id: duplicate id") for p in problems)
    assert any(p.startswith("$.events[0].start") for p in problems)
    assert any(p.startswith("$.events[1].contributors[3].role") for p in problems)
    assert any(p.startswith("$.events[0].attendance[1].attendees") for p in problems)
    assert export_document(db)["organisations"] == []


def test_unknown_references_are_found_against_the_database(db):
    doc = {"events": [{"id": "e", "name": "E", "start": "2024-01-01",
                       "contributors": [{"actor": "ghost", "role": "host"}],
                       "speakers": ["nobody"], "parent": "no-parent"}]}
    with pytest.raises(Problems) as caught:
        import_document(db, doc)
    text = "\n".join(caught.value.messages)
    assert "unknown actor" in text
    assert "unknown person 'nobody'" in text
    assert "unknown event 'no-parent'" in text
    assert export_document(db)["events"] == []


def test_references_to_what_the_database_already_holds_are_fine(db):
    import_document(db, DOC)
    later = {"events": [{"id": "meetup", "name": "Meetup", "start": "2024-02-01",
                         "contributors": [{"actor": "pets", "role": "host"},
                                          {"actor": "la-bge", "role": "speaker"}]}]}
    counts = import_document(db, later)
    assert counts["contributions"] == 2


def test_an_id_of_another_kind_is_refused(db):
    import_document(db, DOC)
    with pytest.raises(Problems, match="already used by a partner network"):
        import_document(db, {"organisations": [{"id": "rap", "name": "RAP as org"}]})


def test_a_cycle_through_the_database_rolls_everything_back(db):
    import_document(db, DOC)
    cyclic = {"organisations": [{"id": "new-org", "name": "New"}],
              "events": [{"id": "showcase", "name": "Showcase 2023", "start": "2023-11-07",
                          "parent": "day2"}]}
    with pytest.raises(Problems, match="own ancestor"):
        import_document(db, cyclic)
    doc = export_document(db)
    assert "new-org" not in {o["id"] for o in doc["organisations"]}
    assert "parent" not in next(e for e in doc["events"] if e["id"] == "showcase")


def test_replace_events_replaces_the_lists(db):
    import_document(db, DOC)
    edit = {"events": [{"id": "showcase", "name": "Showcase 2023", "start": "2023-11-07",
                        "contributors": [{"actor": "dsc", "role": "host"}]}]}
    import_document(db, edit, replace_events=True)
    showcase = next(e for e in export_document(db)["events"] if e["id"] == "showcase")
    assert showcase["contributors"] == [{"actor": "dsc", "role": "host"}]
    assert showcase["attendance"] == []
    assert showcase["feedback"] == []


def test_hostile_text_is_stored_literally(db):
    # Control characters are refused (tests/test_valid_data.py); everything else is kept as is.
    nasty = "'; MATCH (n) DETACH DELETE n; //<script>alert(1)</script>\t\n\u202e" + "é" * 200
    import_document(db, {"organisations": [{"id": "x", "name": nasty}]})
    assert export_document(db)["organisations"][0]["name"] == nasty


def test_import_is_audited(db):
    import_document(db, DOC)
    rows = db.read_tx(lambda tx: [r.data() for r in tx.run(
        "MATCH (a:AuditEntry {entity: 'import'}) RETURN a.user AS user, a.changes AS changes")])
    assert len(rows) == 1
    assert '"events": 2' in rows[0]["changes"]


def test_cli_import_export_and_problems(cli, db, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(DOC))
    result = cli("import", str(good))
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.json"
    assert cli("export", str(out)).exit_code == 0
    assert canonical(json.loads(out.read_text())) == canonical(export_document(db))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"events": [{"id": "e", "start": "x"}]}))
    failed = cli("import", str(bad))
    assert failed.exit_code == 1
    assert "$.events[0].name: is required" in failed.output
    assert "$.events[0].start" in failed.output
    assert "nothing was written" in failed.output
    notjson = tmp_path / "nj.json"
    notjson.write_bytes(b"\xff\xfe{")
    assert cli("import", str(notjson)).exit_code == 1


def test_validate_is_pure_and_reports_paths():
    _, problems = validate({"events": "nope", "organisations": [{"id": 3}]})
    assert "$.events: must be a list" in problems
    assert "$.organisations[0].id: must be a string, not int" in problems
    assert "$.organisations[0].name: is required" in problems
    _, problems = validate([])
    assert problems == ["$: the document must be a JSON object"]


def test_documents_and_exports_match_the_json_schema(db):
    schema = json.loads((PROJECT_ROOT / "schemas" / "interchange.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(DOC, schema)
    import_document(db, DOC)
    jsonschema.validate(export_document(db), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"events": [{"id": "e", "name": "E", "start": "soon"}]}, schema)
