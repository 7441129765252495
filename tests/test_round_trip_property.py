"""Property tests: any stored data, hostile text included, leaves in every format in a form a
strict parser reads, and comes back whole: JSON export -> import gives the same document,
backup -> restore the same graph, GraphML and GEXF the same names. On the real database."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_backup import canonical
from tracker import backup
from tracker.db import Database
from tracker.model import ID_REGEXP, ROLES, text_problem
from tracker.repositories import backup as backup_repo
from tracker.repositories.graph import export_document, import_document
from tracker.services import exports
from tracker.services.cache import cache

SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Text the rule (tracker.model.text_problem) accepts, with the characters that break formats
# most often: markup, quotes, entities, CDATA ends, tabs and newlines, right-to-left overrides,
# emoji, non-BMP characters, zero-width joiners.
HOSTILE = ["<b>&amp;</b>", "]]>", "\"'`", "tab\there", "two\nlines", "\u202etxet", "😀\u200d👍",
           "\U0001d518\U0001d52b", "=SUM(A1)", "  spaced  ", "\\n not a newline", "{{ 7*7 }}", "ñ"]
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
).filter(lambda t: t.strip() != "" and text_problem(t) is None)
IDS = st.from_regex(ID_REGEXP, fullmatch=True).map(lambda s: s[:40])


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A whole interchange document with hostile names, extra properties and comments."""
    ids = draw(st.lists(IDS, min_size=4, max_size=7, unique_by=str.lower))
    orgs, network, person, event = ids[:-3], ids[-3], ids[-2], ids[-1]
    organisations = [{"id": o, "name": draw(TEXT), "type": draw(TEXT), "note": draw(TEXT)}
                     for o in orgs]
    return {
        "partner_networks": [{"id": network, "name": draw(TEXT)}],
        "organisations": organisations,
        "people": [{"id": person, "name": draw(TEXT), "organisation": orgs[0]}],
        "memberships": [{"member": orgs[0], "of": network, "since": "2021-01-01"}],
        "events": [{
            "id": event, "name": draw(TEXT), "start": "2023-11-14", "venue": draw(TEXT),
            "contributors": [{"actor": network, "role": draw(st.sampled_from(ROLES))},
                             *({"actor": o, "role": "speaker"} for o in orgs)],
            "attendance": [{"organisation": o, "attendees": draw(st.integers(0, 10_000))}
                           for o in orgs],
            "speakers": [person],
            "feedback": [{"organisation": orgs[0], "rating": draw(st.integers(1, 5)),
                          "work_together_again": draw(st.booleans()),
                          "comment": draw(TEXT)}],
        }],
    }


def _strict_json(doc: dict[str, Any]) -> dict[str, Any]:
    """Through text and back with a parser that refuses NaN and Infinity."""
    def refuse(name: str) -> float:
        raise ValueError(f"non-standard JSON number {name}")

    text = json.dumps(doc, ensure_ascii=False, allow_nan=False)
    loaded: dict[str, Any] = json.loads(text, parse_constant=refuse)
    return loaded


def _fresh(db: Database) -> None:
    db.clear()
    cache.clear()


@SETTINGS
@given(doc=documents())
def test_json_export_then_import_gives_the_same_document(db, doc):
    _fresh(db)
    import_document(db, doc, allow_similar=True)
    first = _strict_json(export_document(db))
    assert [o["name"] for o in first["organisations"]] == \
        [o["name"] for o in sorted(doc["organisations"], key=lambda o: o["id"])]
    assert first["events"][0]["venue"] == doc["events"][0]["venue"]
    _fresh(db)
    import_document(db, first, allow_similar=True)
    assert _strict_json(export_document(db)) == first


@SETTINGS
@given(doc=documents())
def test_backup_then_restore_gives_the_same_graph(db, doc):
    _fresh(db)
    import_document(db, doc, allow_similar=True)
    before = canonical(db)
    _header, snapshot = backup.loads(backup.dumps(backup_repo.snapshot(db)))
    backup_repo.empty(db)
    backup_repo.restore(db, snapshot)
    assert canonical(db) == before


def _names(graph: nx.Graph, key: str = "name") -> dict[str, Any]:
    return {node: data.get(key) for node, data in graph.nodes(data=True)}


@SETTINGS
@given(doc=documents())
def test_graphml_and_gexf_parse_strictly_and_keep_every_name(db, doc):
    _fresh(db)
    import_document(db, doc, allow_similar=True)
    expected = _names(exports.export_graph(db))
    assert expected  # the event's contributors are in the network
    # GEXF carries the name as the node's label (what Gephi shows).
    for fmt, read, key in (("graphml", nx.read_graphml, "name"), ("gexf", nx.read_gexf, "label")):
        buffer = io.BytesIO()
        exports.write(db, fmt, buffer)
        buffer.seek(0)
        graph = read(buffer)  # ElementTree: a strict XML parser
        assert _names(graph, key) == expected, fmt
        for _node, data in graph.nodes(data=True):
            for value in data.values():
                assert not (isinstance(value, float) and math.isnan(value))
    buffer = io.BytesIO()
    exports.write(db, "csv", buffer)
    buffer.seek(0)
    assert set(exports.read_csv_zip(buffer).nodes) == set(expected)
