"""The register files as rows (no database): exact ids, nations, regions, types and counts."""

from collections import Counter

import pytest

from tracker.paths import DATA_DIR
from tracker.problems import Problems
from tracker.register import (
    GOVUK,
    LOCAL_AUTHORITIES,
    NHS_DEVOLVED,
    NHS_ICBS,
    NHS_TRUSTS,
    CsvColumns,
    best_matches,
    biggest_gaps,
    match_score,
    parse_user_csv,
    read_register,
    slug,
)

REGISTER_DIR = DATA_DIR / "register"


@pytest.fixture(scope="module")
def register():  # type: ignore[no-untyped-def]
    return read_register(REGISTER_DIR)


@pytest.fixture(scope="module")
def by_id(register):  # type: ignore[no-untyped-def]
    return {r["id"]: r for r in register.all_rows()}


def test_counts_per_source(register):
    assert {k: len(v) for k, v in register.rows.items()} == {
        LOCAL_AUTHORITIES: 397, GOVUK: 663, NHS_TRUSTS: 202, NHS_ICBS: 36, NHS_DEVOLVED: 42}
    assert register.missing == []


def test_current_local_authorities_per_nation(register):
    nations = Counter(r["nation"] for r in register.rows[LOCAL_AUTHORITIES])
    assert nations == {"England": 332, "Scotland": 32, "Wales": 22, "Northern Ireland": 11}


def test_nations_of_the_other_sources(register):
    assert Counter(r["nation"] for r in register.rows[GOVUK]) == {
        "UK": 660, "Wales": 1, "Scotland": 1, "Northern Ireland": 1}
    assert Counter(r["nation"] for r in register.rows[NHS_DEVOLVED]) == {
        "Scotland": 22, "Wales": 12, "Northern Ireland": 8}
    assert {r["nation"] for r in register.rows[NHS_TRUSTS] + register.rows[NHS_ICBS]} == {
        "England"}


def test_exact_ids_and_fields(by_id):
    assert by_id["la-bge"] | {"alt_names": None} == {
        "id": "la-bge", "name": "Bridgend County Borough Council", "nation": "Wales",
        "region": "Wales", "type": "Welsh unitary authority",
        "register_source": LOCAL_AUTHORITIES, "register_code": "BGE", "alt_names": None}
    assert by_id["la-bir"]["region"] == "West Midlands"
    assert by_id["la-bir"]["type"] == "Metropolitan district"
    welsh = by_id["govuk-welsh-government"]
    assert (welsh["name"], welsh["nation"], welsh["region"], welsh["type"]) == (
        "Welsh Government", "Wales", "Wales", "Devolved government")
    assert by_id["govuk-the-scottish-government"]["nation"] == "Scotland"
    assert by_id["govuk-northern-ireland-executive"]["region"] == "Northern Ireland"
    assert (by_id["govuk-cabinet-office"]["nation"], by_id["govuk-cabinet-office"]["region"],
            by_id["govuk-cabinet-office"]["type"]) == ("UK", "UK", "Ministerial department")
    lothian = by_id["nhsd-nhs-lothian"]
    assert (lothian["nation"], lothian["region"], lothian["type"]) == (
        "Scotland", "Scotland", "Territorial health board")
    trust = by_id["ods-rn7"]
    assert (trust["name"], trust["nation"], trust["region"], trust["type"]) == (
        "Dartford and Gravesham NHS Trust", "England", "South East",
        "Acute and Acute & Community Trusts")
    icb = by_id["ods-qop"]
    assert (icb["name"], icb["region"], icb["type"]) == (
        "Greater Manchester ICB", "North West", "ICB")


def test_closed_and_non_current_entries_are_left_out(by_id, register):
    # Non-current local authorities (73 in the file) and closed / 'devolved' GOV.UK rows.
    assert len(register.rows[LOCAL_AUTHORITIES]) == 397
    assert all(r["register_source"] == GOVUK for k, r in by_id.items() if k.startswith("govuk-"))
    assert not any(k.startswith("govuk-") and r["name"] == "Academy for Social Justice "
                   "Commissioning" for k, r in by_id.items())


def test_govuk_parent_links(register, by_id):
    links = set(register.links)
    assert ("govuk-government-office-for-science",
            "govuk-department-for-science-innovation-and-technology") in links
    assert all(child in by_id and parent in by_id for child, parent in links)
    assert len(links) == 640


@pytest.mark.parametrize(("text", "expected"), [
    ("NHS Lothian", "nhs-lothian"),
    ("  Cardiff and Vale University Health Board ", "cardiff-and-vale-university-health-board"),
    ("NHS 24", "nhs-24"),
    ("A & B -- (C)", "a-b-c"),
    ("Ysbyty Gwynedd: Bangor!", "ysbyty-gwynedd-bangor"),
    ("Café Ünïon", "cafe-union"),  # accents fold: the one slug rule (tracker.text)
])
def test_slug_rule(text, expected):
    assert slug(text) == expected


def test_every_id_is_unique(register):
    all_ids = [r["id"] for r in register.all_rows()]
    assert len(all_ids) == len(set(all_ids)) == 1340


def test_a_fresh_download_with_one_file_only(tmp_path):
    (tmp_path / "nhs_devolved_bodies.csv").write_text(
        "name,nation,type\nNHS Lothian,Scotland,Territorial health board\n", encoding="utf-8")
    found = read_register(tmp_path)
    assert [r["id"] for r in found.all_rows()] == ["nhsd-nhs-lothian"]
    assert len(found.missing) == 4


def test_a_register_file_missing_columns_is_refused(tmp_path):
    (tmp_path / "nhs_england_icbs.csv").write_text("code,title\nQOP,X\n", encoding="utf-8")
    with pytest.raises(Problems) as err:
        read_register(tmp_path)
    assert "missing column 'ods_code'" in str(err.value)
    assert "missing column 'name'" in str(err.value)


def test_an_empty_directory_is_refused(tmp_path):
    with pytest.raises(Problems, match="none of the register files"):
        read_register(tmp_path)


# -- a user's CSV ---------------------------------------------------------------------------------

COLUMNS = CsvColumns("Code", "Name", "Country", "Area", "Kind")


def test_user_csv_rows():
    data = ("\ufeffCode,Name,Country,Area,Kind\n"
            "uni-oxf,University of Oxford,England,South East,University\n"
            "pol-gwent, Gwent Police ,Wales,,Police force\n\n").encode("utf-8")
    rows = parse_user_csv(data, COLUMNS, "universities")
    assert rows[1] == {"id": "pol-gwent", "name": "Gwent Police", "nation": "Wales",
                       "region": None, "type": "Police force",
                       "register_source": "universities", "register_code": "pol-gwent",
                       "alt_names": []}


def test_user_csv_lists_every_problem_at_once():
    data = (b"Code,Name,Country,Area,Kind\n"
            b"a,Alpha,England,London,X\n"
            b",Nameless,England,London,X\n"
            b"a,Alpha again,England,London,X\n"
            b"b,,England,London,X\n"
            b"c,Short line\n")
    with pytest.raises(Problems) as err:
        parse_user_csv(data, COLUMNS, "mine")
    assert err.value.messages == [
        "line 3: empty id (column 'Code')",
        "line 4: duplicate id 'a' (first on line 2)",
        "line 5: empty name (column 'Name')",
        "line 6: 2 fields where the header has 5",
    ]


def test_user_csv_missing_columns_are_all_named():
    data = b"Code,Title,Country\nx,y,z\n"
    with pytest.raises(Problems) as err:
        parse_user_csv(data, COLUMNS, "mine", filename="list.csv")
    text = "\n".join(err.value.messages)
    assert "missing column 'Name'" in text
    assert "missing column 'Area'" in text
    assert "missing column 'Kind'" in text
    assert len(err.value.messages) == 3


def test_user_csv_bad_encoding_is_refused():
    data = "Code,Name,Country,Area,Kind\nx,Caf\u00e9,Wales,Wales,Y\n".encode("cp1252")
    with pytest.raises(Problems, match="not UTF-8"):
        parse_user_csv(data, COLUMNS, "mine")


def test_user_csv_with_a_missing_column_a_duplicate_id_and_bad_encoding_lists_all_three():
    data = ("Code,Name,Country,Area\n"
            "a,Alpha,Wales,Wales\n"
            "a,Caf\u00e9 Two,Wales,Wales\n").encode("cp1252")
    with pytest.raises(Problems) as err:
        parse_user_csv(data, COLUMNS, "mine", filename="list.csv")
    problems = err.value.messages
    assert len(problems) == 3, problems
    assert problems[0].startswith("list.csv: not UTF-8 text (line 3,")
    assert problems[1].startswith("list.csv: missing column 'Kind'")
    assert problems[2] == "line 3: duplicate id 'a' (first on line 2)"


def test_user_csv_cannot_take_a_built_in_source_name():
    data = b"Code,Name,Country,Area,Kind\nx,X,Wales,Wales,Y\n"
    with pytest.raises(Problems, match="built-in register"):
        parse_user_csv(data, COLUMNS, GOVUK)


def test_user_csv_with_a_header_only_is_refused():
    with pytest.raises(Problems, match="no organisations"):
        parse_user_csv(b"Code,Name,Country,Area,Kind\n", COLUMNS, "mine")


# -- matching -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("Welsh Gov", "govuk-welsh-government"),
    ("Cardiff Council", "la-crf"),
    ("Scottish Govt", "govuk-the-scottish-government"),
    ("NHS Lothain", "nhsd-nhs-lothian"),
    ("Min of Justice", "govuk-ministry-of-justice"),
    ("DWP", "govuk-department-for-work-pensions"),
    ("Bridgend Council", "la-bge"),
])
def test_best_match_for_typed_names(register, typed, expected):
    matches = best_matches(typed, register.all_rows(), limit=3)
    assert matches[0]["id"] == expected


def test_no_match_for_unrelated_names(register):
    assert best_matches("Splink Fan Club", register.all_rows()) == []
    assert best_matches("", register.all_rows()) == []


def test_match_score_prefers_the_closer_wording():
    assert match_score("Welsh Gov", "Welsh Government") > match_score(
        "Welsh Gov", "Welsh Language Commissioner")


def test_biggest_gaps_pure():
    rows = [{"group": "A", "in_register": 10, "reached": 10, "share": 1.0},
            {"group": "B", "in_register": 10, "reached": 5, "share": 0.5},
            {"group": "C", "in_register": 4, "reached": 0, "share": 0.0},
            {"group": "D", "in_register": 20, "reached": 15, "share": 0.75}]
    assert [(g["group"], g["missing"]) for g in biggest_gaps(rows, 2)] == [("B", 5), ("D", 5)]
