"""A small hand-computed collaboration history shared by the network tests.

e1 Showcase (2023-11-14): community c1 hosts, network rap curates; its session s1 has o1 speak
and sub-community sc1 host; s1's own session s1a has o2 speak; o3 attends s1 (10 people).
e2 Meetup (2024-02-01): c1 and o1 again (their link strengthens 1 -> 2).
e3 Workshop (2024-05-01): o3 and o4, a second component.
o5 never contributes. As of 2023-12-31: 5 actors, all 10 pairs linked once.
"""

from __future__ import annotations

import copy
from typing import Any

from tracker.repositories.graph import import_document

HOSTILE = "<script>alert('x')</script> =HYPERLINK(\"http://evil.example\")"

DOCUMENT: dict[str, Any] = {
    "communities": [{"id": "c1", "name": "Data Science Community"}],
    "sub_communities": [{"id": "sc1", "name": "Privacy Enhancing Technologies",
                         "community": "c1"}],
    "partner_networks": [{"id": "rap", "name": "RAP Network"}],
    "organisations": [
        {"id": "o1", "name": "Welsh Government", "type": "devolved government",
         "nation": "Wales", "region": "Wales"},
        {"id": "o2", "name": HOSTILE, "type": "local authority", "nation": "England",
         "region": "North West"},
        {"id": "o3", "name": "NHS Wales", "type": "nhs body", "nation": "Wales"},
        {"id": "o4", "name": "Scottish Government", "type": "devolved government",
         "nation": "Scotland"},
        {"id": "o5", "name": "Quiet Council", "type": "local authority", "nation": "England"},
    ],
    "events": [
        {"id": "e1", "name": "Showcase 2023", "start": "2023-11-14",
         "contributors": [{"actor": "c1", "role": "host"}, {"actor": "rap", "role": "curator"}]},
        {"id": "s1", "name": "Toolshed day", "start": "2023-11-15", "parent": "e1",
         "contributors": [{"actor": "o1", "role": "speaker"}, {"actor": "sc1", "role": "host"}],
         "attendance": [{"organisation": "o3", "attendees": 10}]},
        {"id": "s1a", "name": "Splink in Action", "start": "2023-11-15", "parent": "s1",
         "contributors": [{"actor": "o2", "role": "speaker"}]},
        {"id": "e2", "name": "Meetup", "start": "2024-02-01",
         "contributors": [{"actor": "c1", "role": "host"}, {"actor": "o1", "role": "speaker"}]},
        {"id": "e3", "name": "Workshop", "start": "2024-05-01",
         "contributors": [{"actor": "o3", "role": "host"}, {"actor": "o4", "role": "partner"}]},
    ],
}

FIRST_FIVE = ["c1", "o1", "o2", "rap", "sc1"]


def load(db, doc: dict[str, Any] | None = None) -> None:  # type: ignore[no-untyped-def]
    """Import the scenario (or another document) through the real importer."""
    import_document(db, copy.deepcopy(doc or DOCUMENT))


def extra_event() -> dict[str, Any]:
    """A later collaboration that links o4 to o5 and strengthens o3–o4."""
    return {"events": [{"id": "e4", "name": "Follow-up", "start": "2024-09-01",
                        "contributors": [{"actor": "o3", "role": "host"},
                                         {"actor": "o4", "role": "speaker"},
                                         {"actor": "o5", "role": "promoter"}]}]}
