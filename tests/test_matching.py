"""The organisation matcher: pure rules on the real register files, then the service, the
CLI, the API and the picker on a real Neo4j holding the imported register."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from tracker import matching
from tracker.paths import DATA_DIR
from tracker.register import read_register
from tracker.repositories.register import import_register

REGISTER = DATA_DIR / "register"


@lru_cache(maxsize=1)
def register_index() -> matching.MatchIndex:
    aliases = matching.register_aliases(REGISTER, DATA_DIR / "matching" / "aliases.csv")
    return matching.build_index(read_register(REGISTER).all_rows(), aliases)


def decide(name: str) -> dict:
    return matching.decide(register_index(), name)


@pytest.mark.parametrize(("typed", "expected", "why"), [
    ("ONS", "govuk-office-for-national-statistics", "abbreviation of"),
    ("HMRC", "govuk-hm-revenue-customs", "abbreviation of"),
    ("DWP", "govuk-department-for-work-pensions", "abbreviation of"),
    ("dfe", "govuk-department-for-education", "abbreviation of"),
    ("welsh government", "govuk-welsh-government", "name of"),
    ("Welsh Govt", "govuk-welsh-government", "name of"),
    ("Dept for Work & Pensions", "govuk-department-for-work-pensions", "name of"),
    ("Ynys Môn", "la-agy", "Welsh name of"),
    ("Pen-y-bont ar Ogwr", "la-bge", "Welsh name of"),
    ("Caerdydd", "la-crf", "Welsh name of"),
    ("Llywodraeth Cymru", "govuk-welsh-government", "Welsh name of"),
    ("Highways England", "govuk-national-highways", "former name of"),
    ("Highways Agency", "govuk-national-highways", "former name of"),
    ("DFID", "govuk-foreign-commonwealth-development-office", "former name of"),
    ("NHS Digital", "govuk-nhs-england", "former name of"),
    ("GSTT", "ods-rj1", "abbreviation of"),
    ("Offce for National Statistcs", "govuk-office-for-national-statistics", "similar"),
])
def test_confident_matches_say_why(typed: str, expected: str, why: str) -> None:
    answer = decide(typed)
    assert answer["query"] == typed
    assert answer["decision"] == "match", answer
    assert answer["matches"][0]["id"] == expected
    assert answer["matches"][0]["why"].startswith(why)


@pytest.mark.parametrize(("typed", "successors"), [
    ("Public Health England", {"govuk-uk-health-security-agency",
                               "govuk-office-for-health-improvement-and-disparities"}),
    ("PHE", {"govuk-uk-health-security-agency",
             "govuk-office-for-health-improvement-and-disparities"}),
    ("BEIS", {"govuk-department-for-business-and-trade",
              "govuk-department-for-energy-security-and-net-zero",
              "govuk-department-for-science-innovation-and-technology"}),
])
def test_a_split_body_lists_every_successor_and_never_matches(typed: str,
                                                                successors: set[str]) -> None:
    answer = decide(typed)
    assert answer["decision"] == "ambiguous"
    assert successors <= {m["id"] for m in answer["matches"]}
    assert all("(split)" in m["why"] for m in answer["matches"] if m["id"] in successors)


@pytest.mark.parametrize("typed", [
    "University of Glasgow", "Glasgow University", "Cardiff University",
    "Office for Students Union Bar", "Cardiff City FC", "Glasgow Rangers FC",
    "Bristol Rovers", "Kent County Cricket Club", "Leeds Beckett University",
    "Swansea University Students Union", "Birmingham Royal Ballet",
])
def test_hard_negatives_are_never_a_confident_match(typed: str) -> None:
    assert decide(typed)["decision"] != "match"


def test_a_different_place_with_the_same_pattern_is_not_a_typo() -> None:
    # North vs South Tyneside differ by one word: close in characters, another council.
    answer = decide("South Tyneside Council")
    assert answer["decision"] == "match"
    assert answer["matches"][0]["id"] == "la-sty"
    assert decide("Norht Tyneside Council")["matches"][0]["id"] == "la-nty"
    assert decide("East Tyneside Council")["decision"] != "match"


def test_nothing_plausible_is_new_and_the_shape_holds() -> None:
    answer = decide("Zyxwv Quantum Widgets")
    assert answer == {"query": "Zyxwv Quantum Widgets", "decision": "new", "matches": []}
    assert decide("   ")["decision"] == "new"
    many = decide("council")
    assert len(many["matches"]) <= matching.MAX_MATCHES
    assert all(set(m) == {"id", "name", "score", "why"} for m in many["matches"])
    scores = [m["score"] for m in many["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_an_organisation_already_logged_is_found_by_its_own_name() -> None:
    index = matching.build_index(
        [{"id": "uni-glasgow", "name": "University of Glasgow"},
         {"id": "la-glg", "name": "Glasgow City Council", "alt_names": ["Glasgow"]}], [])
    answer = matching.decide(index, "university of glasgow")
    assert answer["decision"] == "match"
    assert answer["matches"][0]["id"] == "uni-glasgow"
    assert matching.decide(index, "uni-glasgow")["matches"][0]["why"] == "id of"


# -- the service, the CLI, the API and the picker on the real database ------------------------

@pytest.fixture
def registered(db):  # type: ignore[no-untyped-def]
    import_register(db)
    return db


def test_service_match_uses_the_database_and_follows_its_changes(registered) -> None:
    from tracker.repositories import organisations  # noqa: PLC0415
    from tracker.services.matching import match  # noqa: PLC0415

    assert match(registered, "ONS")["matches"][0]["id"] == "govuk-office-for-national-statistics"
    assert match(registered, "Glasgow School of Art Sketching Club")["decision"] != "match"
    organisations.ORGANISATIONS.create(registered, "gsa-club",
                                       {"name": "Glasgow School of Art Sketching Club"})
    answer = match(registered, "glasgow school of art sketching club")
    assert answer["decision"] == "match"
    assert answer["matches"][0]["id"] == "gsa-club"


def test_cli_match_prints_json_and_a_table(registered, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("match", "HMRC", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["query"] == "HMRC"
    assert answer["decision"] == "match"
    assert answer["matches"][0] == {"id": "govuk-hm-revenue-customs",
                                    "name": "HM Revenue & Customs", "score": 100.0,
                                    "why": "abbreviation of"}
    table = cli("match", "Public Health England")
    assert table.exit_code == 0
    assert "ambiguous" in table.output
    assert "govuk-uk-health-security-agency" in table.output
    assert cli("match", " ").exit_code == 2


def test_api_match_answers_and_refuses_bad_names(registered, viewer_client) -> None:  # type: ignore[no-untyped-def]
    ok = viewer_client.get("/api/v1/match?name=Welsh%20Govt")
    assert ok.status_code == 200
    assert ok.json["decision"] == "match"
    assert ok.json["matches"][0]["id"] == "govuk-welsh-government"
    for bad in ("", "?name=", "?name=%20%20", "?name=" + "x" * (matching.MAX_NAME + 1)):
        answer = viewer_client.get("/api/v1/match" + bad)
        assert answer.status_code == 400
        assert answer.is_json
        assert answer.json["status"] == 400


@pytest.mark.parametrize(("q", "expected"), [
    ("ONS", "govuk-office-for-national-statistics"),
    ("HMRC", "govuk-hm-revenue-customs"),
    ("DWP", "govuk-department-for-work-pensions"),
    ("Ynys Môn", "la-agy"),
    ("Welsh Govt", "govuk-welsh-government"),
])
def test_the_picker_finds_abbreviations_and_welsh_names(registered, viewer_client, q: str,
                                                        expected: str) -> None:  # type: ignore[no-untyped-def]
    found = viewer_client.get("/api/v1/search", query_string={"q": q, "kind": "actor"}).json
    assert found[0]["id"] == expected
    assert found[0]["kind"] == "organisation"
