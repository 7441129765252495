"""Hand-built interchange documents for the growth tests, with their hand-computed answers.

The 2023 Showcase (all links new), a 2024 event repeating two partners (one link strengthened
1 -> 2), a separate pair that makes a second component, and two collaborations on one date.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any


def actors() -> dict[str, list[dict[str, Any]]]:
    """Every actor and person the scenarios use."""
    return {
        "communities": [{"id": "c-ds", "name": "Data Science Community"}],
        "sub_communities": [{"id": "sc-ling", "name": "Linguistic Data", "community": "c-ds"}],
        "partner_networks": [{"id": "pn-rap", "name": "RAP Network"},
                             {"id": "pn-nhsr", "name": "NHS-R Community"},
                             {"id": "pn-et", "name": "Emerging Technology"}],
        "organisations": [{"id": o, "name": n} for o, n in [
            ("o-datacymru", "Data Cymru"), ("o-moj", "Ministry of Justice"),
            ("o-wg", "Welsh Government"), ("o-sg", "Scottish Government"),
            ("o-hmrc", "HMRC"), ("o-newco", "New Council"), ("o-gos", "GO-Science"),
            ("o-quiet", "Never Reached")]],
        "people": [{"id": "p-sg", "name": "Speaker from Scotland", "organisation": "o-sg"},
                   {"id": "p-gos", "name": "Attendee from GO-Science", "organisation": "o-gos"}],
        "memberships": [],
    }


SHOWCASE = [
    {"id": "showcase-2023", "name": "Showcase 2023", "start": "2023-11-07", "end": "2023-11-09",
     "contributors": [{"actor": "c-ds", "role": "host"}, {"actor": "pn-rap", "role": "curator"},
                      {"actor": "o-datacymru", "role": "curator"}],
     "attendance": [{"organisation": "o-wg", "attendees": 40}]},
    {"id": "showcase-2023-day2", "name": "Data science toolshed", "start": "2023-11-08",
     "parent": "showcase-2023",
     "contributors": [{"actor": "pn-nhsr", "role": "co-host"},
                      {"actor": "pn-rap", "role": "co-host"}],
     "speakers": ["p-sg"]},
    # A session of a session: sessions roll up however deeply they nest.
    {"id": "splink-in-action", "name": "Splink in Action", "start": "2023-11-08",
     "parent": "showcase-2023-day2",
     "contributors": [{"actor": "o-moj", "role": "speaker"},
                      {"actor": "sc-ling", "role": "partner"}],
     "attendance": [{"organisation": "o-hmrc", "attendees": 3}]},
]

SECOND = [
    {"id": "rap-2024", "name": "RAP conference 2024", "start": "2024-03-01",
     "contributors": [{"actor": "c-ds", "role": "host"}, {"actor": "pn-rap", "role": "partner"},
                      {"actor": "o-newco", "role": "speaker"}],
     "attendance": [{"organisation": "o-wg", "attendees": 5}]},
]

THIRD = [
    {"id": "emtech-2024", "name": "Emerging tech meet-up", "start": "2024-03-20",
     "contributors": [{"actor": "pn-et", "role": "host"}, {"actor": "o-gos", "role": "partner"}],
     "attendees": ["p-gos"]},
]


def document(*event_lists: list[dict[str, Any]]) -> dict[str, Any]:
    """A whole interchange document with the given events."""
    doc = actors()
    doc["events"] = [deepcopy(e) for events in event_lists for e in events]
    return doc


SHOWCASE_ACTORS = ["c-ds", "o-datacymru", "o-moj", "pn-nhsr", "pn-rap", "sc-ling"]
SHOWCASE_REACHED = ["o-datacymru", "o-hmrc", "o-moj", "o-sg", "o-wg"]

GROWTH_ROWS = [
    {"event": "showcase-2023", "date": "2023-11-07", "reached": 5, "actors": 6, "links": 15,
     "new_links": 15, "strengthened_links": 0, "density": 1.0, "components": 1,
     "largest_component_share": 1.0},
    # 7 actors, 15 + 2 links: density 34 / 42.
    {"event": "rap-2024", "date": "2024-03-01", "reached": 6, "actors": 7, "links": 17,
     "new_links": 2, "strengthened_links": 1, "density": 0.8095, "components": 1,
     "largest_component_share": 1.0},
    # 9 actors, 18 links: density 36 / 72; components {7 actors} and {pn-et, o-gos}: 7/9.
    {"event": "emtech-2024", "date": "2024-03-20", "reached": 7, "actors": 9, "links": 18,
     "new_links": 1, "strengthened_links": 0, "density": 0.5, "components": 2,
     "largest_component_share": 0.7778},
]
