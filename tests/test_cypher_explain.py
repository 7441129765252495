"""Every Cypher file plans on the real Neo4j, and returns exactly the columns its header names.

The idea is cartography's test_syntax: `EXPLAIN` each statement (nothing runs, nothing is
written) with a dummy value of a plausible type for each declared parameter, then compare the
planned result columns with the file's `// returns:` line. A header that lies fails here.
"""

from __future__ import annotations

import doctest
import re
from typing import Any

import pytest
from neo4j.exceptions import ClientError

import tests.test_cypher_explain as module
from tracker.db import Database
from tracker.queries import Query, library

# A plausible value for each parameter name used in tracker/cypher (a new name needs a line).
_TEXT = ("id", "q", "type", "region", "nation", "keep", "drop", "role", "organisation",
         "community", "actor", "of", "member", "event", "username", "password_hash", "user",
         "entity", "source", "value", "parent", "comment", "name", "kind", "label", "domain",
         "import_id", "ns",
         # notes and follow-ups
         "text", "about", "author", "title", "owner", "show")
_DATES = ("as_of", "today", "since", "until", "due")
_LISTS_OF_MAPS = ("rows", "entries", "links", "speakers", "attendees", "actors", "people",
                  "events", "contributors", "attendance", "sessions_rows", "memberships")
_LISTS_OF_TEXT = ("ids", "names", "slugs", "prefixes", "labels", "domains", "areas",
                  "organisations", "created")
DUMMY: dict[str, Any] = {
    **dict.fromkeys(_TEXT, "dummy"),
    **dict.fromkeys(_DATES, "2024-01-31"),
    **{name: [{"id": "dummy", "name": "Dummy"}] for name in _LISTS_OF_MAPS},
    **{name: ["dummy"] for name in _LISTS_OF_TEXT},
    "by": "nation", "sort": "name", "limit": 10, "skip": 0, "year": 2024, "rating": 4,
    "months": 12, "desc": False, "sessions": True, "active": True, "work_together_again": True,
    "append": True, "props": {"name": "Dummy"}, "mark_done": True, "personal": True, "max_title": 300,
    # write ids (tracker.db) and background import jobs (tracker/cypher/imports)
    **dict.fromkeys(("write_id", "file", "state", "step", "counts"), "dummy"),
    "done": 0, "total": 1, "problems": ["dummy"],
    # security and personal data
    "must_change": True, "secret": "dummy", "hash": "dummy", "user_id": "dummy",
    "token_hash": "dummy", "expires_at": "2024-01-31T00:00:00+00:00", "cutoff": "2024-01-31",
    "recovery_hashes": ["dummy"], "keys": ["dummy"], "strings": ["dummy"],
    "items": [{"key": "dummy", "delay_after": 5, "lock_after": 20}],
    "base_delay": 1.0, "max_delay": 30.0, "lock_seconds": 900, "window_seconds": 900,
    "key": "dummy", "delay_after": 20, "lock_after": 100, "step": 1, "last_step": 1,
    # recorded merges (tracker/cypher/merges)
    **dict.fromkeys(("after", "moved", "snapshot", "source_name", "target", "target_name"), "dummy"),
    # the undo journal of batched imports (tracker/cypher/journal)
    "pairs": [{"from": "dummy", "from_ns": "Actor", "type": "ATTENDED", "to": "dummy",
               "to_ns": "Event", "to_label": None, "replace": False}],
    "rels": [{"type": "ATTENDED", "out": True, "other": "4:x:1", "other_id": "dummy",
              "props": [{"key": "attendees", "value": 1, "type": "INTEGER NOT NULL"}]}],
}

_PARENTHESES = re.compile(r"\([^()]*\)")


def header_columns(returns: str) -> list[str]:
    """The column names a `// returns:` line promises ("nothing" is none).

    >>> header_columns("total, rows (list of {id, name}), extra")
    ['total', 'rows', 'extra']
    >>> header_columns("nothing")
    []
    """
    text = returns
    while _PARENTHESES.search(text):
        text = _PARENTHESES.sub("", text)
    columns = [c.strip() for c in text.split(",") if c.strip()]
    return [] if columns == ["nothing"] else columns


def test_header_columns_doctest():
    assert doctest.testmod(module).failed == 0


def test_every_parameter_has_a_dummy_value():
    declared = {p for name in library().names() for p in library()[name].params}
    missing = sorted(declared - DUMMY.keys())
    assert missing == [], f"add a plausible dummy value for {missing} to DUMMY in this file"


@pytest.mark.parametrize("name", library().names())
def test_statement_plans_and_returns_its_header_columns(database: Database, name: str):
    query: Query = library()[name]
    params = {p: DUMMY[p] for p in query.params}
    if name.startswith("gds/") and name != "gds/version" and not database.read_one("gds/version")[
            "procedures"]:
        # Without the plugin the server must refuse the statement for its unknown procedure
        # (and for nothing else: a syntax error would be a different message).
        with database.driver.session(database=database.connection.database) as session, \
                pytest.raises(ClientError, match="gds\\."):
            session.run("EXPLAIN " + query.text, params).consume()
        return
    with database.driver.session(database=database.connection.database) as session:
        result = session.run("EXPLAIN " + query.text, params)
        columns = list(result.keys())
        result.consume()
    assert columns == header_columns(query.returns), (
        f"{name}: the header says `returns: {query.returns}` but the statement returns {columns}")
