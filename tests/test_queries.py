"""Cypher files: every one loads, documents itself and declares exactly the parameters it uses."""

import pytest

from tracker.paths import CYPHER_DIR
from tracker.queries import QueryError, QueryLibrary, parse


def test_every_cypher_file_loads_with_a_header():
    lib = QueryLibrary(CYPHER_DIR)
    names = lib.names()
    assert len(names) == len(list(CYPHER_DIR.rglob("*.cypher")))
    for name in names:
        q = lib[name]
        assert q.doc, name
        assert q.returns, name


def test_parameters_are_checked_against_the_header():
    q = parse("x/y", "// Find one.\n// params: $id\n// returns: n\nMATCH (n {id: $id}) RETURN n")
    assert q.params == {"id"}
    q.check({"id": "a"})
    with pytest.raises(QueryError, match="missing"):
        q.check({})
    with pytest.raises(QueryError, match="unexpected"):
        q.check({"id": "a", "other": 1})


def test_a_header_that_omits_a_used_parameter_is_refused():
    with pytest.raises(QueryError, match="uses"):
        parse("x/y", "// Find.\n// params: none\n// returns: n\nMATCH (n {id: $id}) RETURN n")


def test_dollar_signs_in_string_literals_are_not_parameters():
    q = parse("x/y", "// Lit.\n// params: none\n// returns: s\nRETURN '$notaparam' AS s")
    assert q.params == frozenset()


def test_a_file_without_a_header_is_refused():
    with pytest.raises(QueryError, match="header"):
        parse("x/y", "MATCH (n) RETURN n")


def test_unknown_query_name():
    with pytest.raises(QueryError, match="no query named"):
        QueryLibrary(CYPHER_DIR)["nope/never"]


def test_a_header_field_may_continue_on_an_indented_line():
    q = parse("x/y", "// Find.\n// params: $a,\n//    $b\n// returns: a,\n//          b\n"
                     "// A note on the plan, $c, not a column.\nRETURN $a AS a, $b AS b")
    assert q.params == frozenset({"a", "b"})
    assert q.returns == "a, b"
    assert q.doc == "Find."
