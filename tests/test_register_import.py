"""Importing the register and users' CSV lists into the real database; matching names."""

import json

import pytest

from tests.reach_scenario import write_register_csv
from tracker.bootstrap import first_run
from tracker.problems import Problems
from tracker.repositories import register
from tracker.repositories import register as repo
from tracker.repositories.graph import export_document, import_document
from tracker.repositories.register import import_csv, import_register
from tracker.services import matching, reach

SOURCE_COUNTS = {"local-authorities": 397, "govuk-organisations": 663,
                 "nhs-england-trusts": 202, "nhs-england-icbs": 36, "nhs-devolved-bodies": 42}


def graph_counts(db):  # type: ignore[no-untyped-def]
    return {(r["source"], r["status"]): r["count"] for r in register.counts(db)}


def node(db, id_):  # type: ignore[no-untyped-def]
    """An organisation's properties and labels, read through the register candidates query."""
    return next((r for r in db.read("register/candidates") if r["id"] == id_), None)


def test_full_import_counts_ids_links_and_idempotence(db):
    lines: list[str] = []
    counts = import_register(db, say=lines.append)
    assert counts["sources"] == SOURCE_COUNTS
    assert counts["nations"]["local-authorities"] == {
        "England": 332, "Northern Ireland": 11, "Scotland": 32, "Wales": 22}
    assert counts["nations"]["nhs-devolved-bodies"] == {
        "Northern Ireland": 8, "Scotland": 22, "Wales": 12}
    assert (counts["organisations"], counts["created"], counts["closed"]) == (1340, 1340, 0)
    assert counts["links"] == 640
    assert graph_counts(db) == {(s, "open"): n for s, n in SOURCE_COUNTS.items()}
    assert any("397 UK local authorities" in line for line in lines)
    assert lines[-1].startswith("Done: 1,340 register organisations")

    # Nation counts as the reach questions see them (every organisation open, none reached).

    coverage = {r["group"]: r["in_register"] for r in reach.coverage(db, "nation")}
    assert coverage == {"England": 332 + 202 + 36, "Northern Ireland": 11 + 8 + 1,
                        "Scotland": 32 + 22 + 1, "UK": 660, "Wales": 22 + 12 + 1}
    wales_las = reach.not_reached(db, nation="Wales", type="Welsh unitary authority")
    assert len(wales_las) == 22
    # Sorted by name (then id), as a coordinator reads a list.
    assert [(r["name"], r["id"]) for r in wales_las] == sorted((r["name"], r["id"])
                                                               for r in wales_las)
    assert wales_las[0]["id"] == "la-bgw"  # Blaenau Gwent County Borough Council
    assert {"id": "la-bge", "name": "Bridgend County Borough Council", "nation": "Wales",
            "region": "Wales", "type": "Welsh unitary authority"} in wales_las
    for id_ in ("govuk-welsh-government", "nhsd-nhs-lothian", "ods-rn7", "ods-qop", "la-bge"):
        assert node(db, id_) is not None, id_
    assert node(db, "govuk-welsh-government")["nation"] == "Wales"
    assert node(db, "ods-qop")["type"] == "ICB"
    assert "Pen-y-bont ar Ogwr" in node(db, "la-bge")["alt_names"]

    # Every register organisation has both labels, and GOV.UK links are CHILD_OF relationships
    # (checked through the interchange export, which lists every actor by label).

    exported = export_document(db)
    assert len(exported["organisations"]) == 1340

    assert register.family(db, "govuk-government-office-for-science")["parents"] == [
        "govuk-department-for-science-innovation-and-technology"]
    assert "govuk-welsh-government" not in register.family(db, "govuk-cabinet-office")[
        "children"]
    assert len(register.family(db, "govuk-cabinet-office")["children"]) > 10

    again = import_register(db)
    assert (again["created"], again["updated"], again["closed"], again["links"]) == (
        0, 1340, 0, 640)
    assert graph_counts(db) == {(s, "open"): n for s, n in SOURCE_COUNTS.items()}
    assert register.family(db, "govuk-government-office-for-science")["parents"] == [
        "govuk-department-for-science-innovation-and-technology"]


def _small_dir(tmp_path, drop_code=None, name="full"):  # type: ignore[no-untyped-def]
    """A register folder with only a cut-down local-authority file (a 'fresh download')."""
    folder = tmp_path / (f"without-{drop_code}" if drop_code else name)
    folder.mkdir(exist_ok=True)
    source = (register.DEFAULT_DIR / "uk_local_authorities.csv").read_text(encoding="utf-8")
    lines = source.splitlines()
    keep = [lines[0]] + [ln for ln in lines[1:] if ln.split(",")[0] in ("BGE", "CRF", "ABD")
                         and ln.split(",")[0] != drop_code]
    (folder / "uk_local_authorities.csv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    return folder


def test_an_organisation_that_leaves_the_register_is_closed_not_deleted(db, tmp_path):
    import_register(db, _small_dir(tmp_path))
    # Bridgend has history: it attended an event.
    import_document(db, {"events": [{"id": "ev", "name": "Event", "start": "2024-01-01",
                                     "attendance": [{"organisation": "la-bge",
                                                     "attendees": 4}]}]})
    counts = import_register(db, _small_dir(tmp_path, drop_code="BGE"))
    assert counts["closed"] == 1
    assert counts["skipped"] == [
        "govuk_organisations.json", "nhs_england_trusts.csv", "nhs_england_icbs.csv",
        "nhs_devolved_bodies.csv"]
    assert graph_counts(db) == {("local-authorities", "open"): 2,
                                ("local-authorities", "closed"): 1}

    doc = export_document(db)
    bge = next(o for o in doc["organisations"] if o["id"] == "la-bge")
    assert bge["status"] == "closed"
    assert bge["register_source"] == "local-authorities"
    assert doc["events"][0]["attendance"] == [{"organisation": "la-bge", "attendees": 4}]
    # Back in a later download: open again.
    again = import_register(db, _small_dir(tmp_path, name="later"))
    assert again["closed"] == 0
    assert graph_counts(db) == {("local-authorities", "open"): 3}


def test_reimport_updates_names(db, tmp_path):
    folder = _small_dir(tmp_path)
    import_register(db, folder)
    path = folder / "uk_local_authorities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Bridgend County Borough Council", "Bridgend Council (renamed)"), encoding="utf-8")
    import_register(db, folder)
    assert node(db, "la-bge")["name"] == "Bridgend Council (renamed)"


def test_a_logged_organisation_with_a_register_id_becomes_the_register_entry(db, tmp_path):
    import_document(db, {"organisations": [{"id": "la-crf", "name": "Cardiff Council"}]})
    counts = import_register(db, _small_dir(tmp_path))
    assert (counts["created"], counts["updated"]) == (2, 1)
    assert node(db, "la-crf")["name"] == "City of Cardiff Council"


def test_an_id_held_by_a_network_refuses_the_whole_import(db, tmp_path):
    import_document(db, {"partner_networks": [{"id": "la-bge", "name": "Oddly named"}]})
    with pytest.raises(Problems, match="network or community"):
        import_register(db, _small_dir(tmp_path))
    assert graph_counts(db) == {}


def test_a_malformed_register_file_writes_nothing(db, tmp_path):
    folder = _small_dir(tmp_path)
    (folder / "govuk_organisations.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(Problems, match="not JSON"):
        import_register(db, folder)
    assert graph_counts(db) == {}


def test_first_run_loads_the_register_on_an_empty_database(db):
    lines: list[str] = []
    first_run(db, say=lines.append)
    assert sum(graph_counts(db).values()) == 1340
    assert any("Writing 1,340 organisations" in line for line in lines)
    before = len(lines)
    lines.clear()
    first_run(db, say=lines.append)  # not empty any more: nothing is imported again
    assert not any("Writing" in line for line in lines)
    assert before > len(lines)


# -- users' CSV lists ----------------------------------------------------------------------------

def test_import_csv_writes_a_source_and_closes_what_left_it(db, tmp_path):
    path = write_register_csv(tmp_path / "police.csv", [
        ("pol-gwent", "Gwent Police", "Wales", "Wales", "Police force"),
        ("pol-met", "Metropolitan Police Service", "England", "London", "Police force")])
    counts = import_csv(db, path, "Code", "Name", "Country", "Area", "Kind")
    assert counts == {"source": "csv-police", "organisations": 2, "created": 2, "updated": 0,
                      "closed": 0}
    write_register_csv(path, [("pol-met", "Metropolitan Police Service", "England", "London",
                               "Police force")])
    assert import_csv(db, path, "Code", "Name", "Country", "Area", "Kind")["closed"] == 1
    assert graph_counts(db) == {("csv-police", "open"): 1, ("csv-police", "closed"): 1}


GOOD_LINE = "good-1,Good One,Wales,Wales,Y\n"  # comes first in each bad file: never written


@pytest.mark.parametrize(("content", "message"), [
    (("Code,Title,Country,Area,Kind\n" + GOOD_LINE).encode(), "missing column 'Name'"),
    (("Code,Name,Country,Area,Kind\n" + GOOD_LINE + "x,X,Wales,Wales,Y\nx,Z,Wales,Wales,Y\n"
      ).encode(), "duplicate id 'x'"),
    (("Code,Name,Country,Area,Kind\n" + GOOD_LINE + "x,Ysgol Gymraeg Caerdydd \u00e2,Wales,"
      "Wales,Y\n").encode("latin-1"), "not UTF-8"),
    (("Code,Name,Country,Area,Kind\n" + GOOD_LINE + ",X,Wales,Wales,Y\n").encode(),
     "empty id"),
])
def test_a_bad_csv_is_refused_whole(db, tmp_path, content, message):
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with pytest.raises(Problems) as err:
        import_csv(db, path, "Code", "Name", "Country", "Area", "Kind")
    assert any(message in p for p in err.value.messages), err.value.messages
    assert graph_counts(db) == {}


def test_one_csv_with_all_three_problems_is_refused_whole_with_each_listed(cli, db, tmp_path):
    path = tmp_path / "three.csv"
    path.write_bytes(("Code,Name,Country,Area\n" + GOOD_LINE[:-3] + "\n"
                      "x,Caf\u00e9,Wales,Wales\nx,Twice,Wales,Wales\n").encode("cp1252"))
    result = cli("register", "import-csv", str(path), "--id-column", "Code", "--name-column",
                 "Name", "--nation-column", "Country", "--region-column", "Area",
                 "--type-column", "Kind")
    assert result.exit_code == 1
    assert "3 problem(s); nothing was written" in result.stderr
    for text in ("not UTF-8", "missing column 'Kind'", "duplicate id 'x'"):
        assert text in result.stderr, text
    assert graph_counts(db) == {}


def test_a_csv_cannot_take_over_a_built_in_register_entry(db, tmp_path):
    import_register(db, _small_dir(tmp_path))
    path = write_register_csv(tmp_path / "mine.csv", [
        ("la-bge", "Bridgend", "Wales", "Wales", "Mine"), ("new-1", "New", "Wales", "Wales", "X")])
    with pytest.raises(Problems, match="already in the register from source"):
        import_csv(db, path, "Code", "Name", "Country", "Area", "Kind", source="mine")
    assert graph_counts(db) == {("local-authorities", "open"): 3}


def test_a_missing_csv_file_is_a_clear_problem(db, tmp_path):
    with pytest.raises(Problems, match="cannot be read"):
        import_csv(db, tmp_path / "nope.csv", "a", "b", "c", "d", "e")


# -- matching ------------------------------------------------------------------------------------

def test_suggest_matches_and_unmatched_engaged_organisations(db, tmp_path):
    import_register(db, _small_dir(tmp_path))
    found = matching.suggest_matches(db, "Cardiff Council")
    assert found[0]["id"] == "la-crf"
    assert found[0]["score"] == 100.0
    assert set(found[0]) == {"id", "name", "nation", "region", "type", "score", "matched"}
    assert matching.suggest_matches(db, "Splink Fan Club") == []
    import_document(db, {
        "organisations": [{"id": "cardiff-cc", "name": "City of Cardiff Council"},
                          {"id": "idle", "name": "Bridgend Council"},
                          {"id": "mystery", "name": "Splink Fan Club"}],
        "events": [{"id": "ev", "name": "E", "start": "2024-01-01",
                    "attendance": [{"organisation": "cardiff-cc", "attendees": 2},
                                   {"organisation": "mystery", "attendees": 1},
                                   {"organisation": "la-bge", "attendees": 1}]}]},
        allow_similar=True)  # duplicates of register entries on purpose
    rows = matching.unmatched(db)["rows"]
    # Only engaged organisations outside the register: not idle, not la-bge; a suggestion only
    # where the matcher is confident (the same official name here).
    assert [r["id"] for r in rows] == ["cardiff-cc", "mystery"]
    assert rows[0]["matches"][0]["id"] == "la-crf"
    assert rows[1]["matches"] == []
    # The cache follows writes: a newly imported entry is found at once.
    import_csv(db, write_register_csv(tmp_path / "c.csv", [
        ("club-1", "Splink Fan Club", "Wales", "Wales", "Club")]),
        "Code", "Name", "Country", "Area", "Kind")
    assert matching.suggest_matches(db, "Splink Fan Club")[0]["id"] == "club-1"


# -- CLI -----------------------------------------------------------------------------------------

def test_cli_register_import_prints_progress(cli, db, tmp_path):
    result = cli("register", "import", "--dir", str(_small_dir(tmp_path)), "--json")
    assert result.exit_code == 0, result.output
    assert "uk_local_authorities.csv: 3 UK local authorities" in result.stderr
    assert json.loads(result.stdout)["sources"] == {"local-authorities": 3}


def test_cli_register_import_refuses_a_bad_folder(cli, db, tmp_path):
    result = cli("register", "import", "--dir", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no such directory" in result.stderr
    assert "nothing was written" in result.stderr


def test_cli_import_csv_lists_every_problem(cli, db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Code,Name,Country,Area,Kind\na,A,W,W,T\na,B,W,W,T\n,C,W,W,T\n",
                    encoding="utf-8")
    result = cli("register", "import-csv", str(path), "--id-column", "Code", "--name-column",
                 "Name", "--nation-column", "Country", "--region-column", "Area",
                 "--type-column", "Kind")
    assert result.exit_code == 1
    assert "2 problem(s); nothing was written" in result.stderr
    assert "line 3: duplicate id 'a'" in result.stderr
    assert "line 4: empty id" in result.stderr
    assert graph_counts(db) == {}
    missing = cli("register", "import-csv", str(path), "--id-column", "Code", "--name-column",
                  "Title", "--nation-column", "Nation", "--region-column", "Area",
                  "--type-column", "Kind")
    assert missing.exit_code == 1
    assert "missing column 'Title'" in missing.stderr
    assert "missing column 'Nation'" in \
        missing.stderr


def test_cli_import_csv_good_file(cli, db, tmp_path):
    path = write_register_csv(tmp_path / "unis.csv", [
        ("uni-1", "University One", "Wales", "Wales", "University")])
    result = cli("register", "import-csv", str(path), "--id-column", "Code", "--name-column",
                 "Name", "--nation-column", "Country", "--region-column", "Area",
                 "--type-column", "Kind", "--source", "universities")
    assert result.exit_code == 0, result.output
    assert "Imported 1 organisations as source 'universities'" in result.stdout
    assert graph_counts(db) == {("universities", "open"): 1}


def test_copied_register_has_its_attribution():
    text = (register.DEFAULT_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert "mySociety" in text
    assert "Open Government Licence" in text
    assert "CC0" in text


def test_match_suggestions_follow_an_emptied_and_reloaded_register(db, tmp_path):
    """Regression: candidates were cached by version number alone, which restarts after a clear."""
    first = tmp_path / "a.csv"
    first.write_text("id,name,nation,region,type\nx1,Welsh Council B,Wales,Wales,Council\n")
    repo.import_csv(db, first, "id", "name", "nation", "region", "type", source="test")
    assert [m["id"] for m in matching.suggest_matches(db, "Welsh Councl B")] == ["x1"]
    db.clear()
    second = tmp_path / "b.csv"
    second.write_text("id,name,nation,region,type\nw2,Welsh Council B,Wales,Wales,Council\n")
    repo.import_csv(db, second, "id", "name", "nation", "region", "type", source="test")
    assert [m["id"] for m in matching.suggest_matches(db, "Welsh Councl B")] == ["w2"]
