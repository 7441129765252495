"""`tracker reach`: exact JSON shapes, readable tables, every bad argument refused."""

import json

import pytest

from tests import reach_scenario

AS_OF = ["--as-of", "2025-01-01"]


@pytest.fixture
def scenario(db, tmp_path):  # type: ignore[no-untyped-def]
    reach_scenario.build(db, tmp_path)
    return db


def run_json(cli, *args):  # type: ignore[no-untyped-def]
    result = cli("reach", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_not_reached_json_shape(cli, scenario):
    assert run_json(cli, "--not-reached", *AS_OF, "--nation", "Wales") == {
        "count": 2, "organisations": [
            {"id": "w2", "name": "Welsh Council B", "nation": "Wales", "region": "Wales",
             "type": "Council"},
            {"id": "w3", "name": "Welsh Health Board C", "nation": "Wales", "region": "Wales",
             "type": "Health board"}]}


def test_as_of_before_and_after_an_event(cli, scenario):
    before = run_json(cli, "--not-reached", "--as-of", "2024-05-31")
    after = run_json(cli, "--not-reached", "--as-of", "2024-06-01")
    assert [o["id"] for o in before["organisations"]] == ["e3", "e4", "w2", "w3"]
    assert [o["id"] for o in after["organisations"]] == ["e4", "w2", "w3"]


def test_lapsed_json_has_exactly_the_documented_keys(cli, scenario):
    answer = run_json(cli, "--lapsed", "12", "--as-of", "2024-11-15")
    assert answer["count"] == 4
    assert [o["id"] for o in answer["organisations"]] == ["e1", "old-partner", "s1", "w1"]
    assert all(set(o) == {"id", "name", "nation", "region", "type"}
               for o in answer["organisations"])
    assert run_json(cli, "--lapsed", "12", "--as-of", "2024-11-14") == {
        "count": 0, "organisations": []}


def test_reachable_json_carries_via(cli, scenario):
    answer = run_json(cli, "--reachable-through-partners", *AS_OF)
    assert answer == {"count": 2, "organisations": [
        {"id": "w2", "name": "Welsh Council B", "nation": "Wales", "region": "Wales",
         "type": "Council", "via": ["net-active"]},
        {"id": "w3", "name": "Welsh Health Board C", "nation": "Wales", "region": "Wales",
         "type": "Health board", "via": ["sub-x"]}]}


def test_coverage_json_is_a_list_of_groups(cli, scenario):
    assert run_json(cli, "--coverage", "--by", "nation", *AS_OF) == [
        {"group": "England", "in_register": 3, "reached": 2, "share": 0.6667},
        {"group": "Scotland", "in_register": 1, "reached": 1, "share": 1.0},
        {"group": "Wales", "in_register": 3, "reached": 1, "share": 0.3333}]
    by_type = run_json(cli, "--coverage", "--by", "type", *AS_OF)
    assert [g["group"] for g in by_type] == ["Council", "Health board"]


def test_follow_ups_json(cli, scenario):
    assert run_json(cli, "--follow-ups", *AS_OF) == {"count": 1, "organisations": [
        {"id": "e1", "name": "English Council A", "nation": "England", "region": "London",
         "type": "Council"}]}


def test_readable_tables(cli, scenario):
    result = cli("reach", "--not-reached", *AS_OF, "--nation", "Wales")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "NATION", "REGION", "TYPE"]
    assert lines[1].startswith("w2  ")
    assert "Welsh Council B" in lines[1]
    assert lines[-1] == "2 organisations"
    coverage = cli("reach", "--coverage", "--by", "nation", *AS_OF)
    assert "66.7%" in coverage.stdout
    assert "GROUP" in coverage.stdout
    via = cli("reach", "--reachable-through-partners", *AS_OF)
    assert "net-active" in via.stdout
    lapsed = cli("reach", "--lapsed", "12", "--as-of", "2024-11-15")
    assert "2023-11-14" in lapsed.stdout  # last reached


@pytest.mark.parametrize(("args", "message"), [
    ([], "exactly one of"),
    (["--not-reached", "--follow-ups"], "exactly one of"),
    (["--lapsed", "0"], "at least 1"),
    (["--lapsed", "many"], "many"),
    (["--not-reached", "--by", "nation"], "--by only goes with --coverage"),
    (["--coverage", "--by", "colour"], "colour"),
    (["--not-reached", "--as-of", "2025-13-45"], "2025-13-45"),
])
def test_bad_arguments_exit_non_zero_with_a_message(cli, db, args, message):
    result = cli("reach", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_hostile_filter_text_is_only_a_value(cli, scenario):
    hostile = "Wales' OR 1=1 //\"}) MATCH (n) DETACH DELETE n //"
    assert run_json(cli, "--not-reached", "--nation", hostile) == {"count": 0,
                                                                    "organisations": []}
    assert run_json(cli, "--not-reached", *AS_OF)["count"] == 3  # nothing was touched
