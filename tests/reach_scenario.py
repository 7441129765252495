"""A hand-built reach scenario: a small register (a user's CSV) and three collaborations.

Register (source "scenario"): Wales w1 w2 w3, Scotland s1, England e1 e2 e3 e4; e2 leaves the
register on a re-import (closed). Logged organisations outside the register: uni-x, old-partner,
zz-charity ("A Charity for Data": its id sorts last, its name first; never reached).

- showcase (2023-11-14, top level) with session showcase-s1 (2023-11-15): w1 attends the
  session; a person of s1 speaks at the session; e1 contributes; net-active curates; uni-x and
  old-partner contribute. Feedback: e1 yes, uni-x yes, w1 yes.
- meetup (2024-06-01): e3 attends, uni-x contributes, sub-x contributes. Feedback: e3 no, w1 no.
- later (2025-06-01): e4 attends (after the usual as_of of 2025-01-01).

Memberships: w2 -> net-active (since 2020); w3 -> net-silent (never contributed) and sub-x
(contributed at meetup); e2 (closed) -> net-active; e4 -> net-active until 2022-12-31;
s1 (reached) -> net-active; zz-charity (not in the register) -> net-active since 2021.
"""

from __future__ import annotations

from pathlib import Path

from tracker.repositories.graph import import_document
from tracker.repositories.register import import_csv

REGISTER = [
    ("w1", "Welsh Council A", "Wales", "Wales", "Council"),
    ("w2", "Welsh Council B", "Wales", "Wales", "Council"),
    ("w3", "Welsh Health Board C", "Wales", "Wales", "Health board"),
    ("s1", "Scottish Council A", "Scotland", "Scotland", "Council"),
    ("e1", "English Council A", "England", "London", "Council"),
    ("e2", "English Trust B", "England", "London", "Trust"),
    ("e3", "English Council C", "England", "North East", "Council"),
    ("e4", "English Council D", "England", "North East", "Council"),
]

DOC = {
    "communities": [{"id": "comm", "name": "Data Science Community"}],
    "sub_communities": [{"id": "sub-x", "name": "Linguistic Data", "community": "comm"}],
    "partner_networks": [{"id": "net-active", "name": "Active Network"},
                         {"id": "net-silent", "name": "Silent Network"}],
    "organisations": [{"id": "uni-x", "name": "University X"},
                      {"id": "old-partner", "name": "Old Partner Ltd"},
                      {"id": "zz-charity", "name": "A Charity for Data"}],
    "people": [{"id": "p-s1", "name": "Sam", "organisation": "s1"}],
    "memberships": [
        {"member": "w2", "of": "net-active", "since": "2020-01-01"},
        {"member": "w3", "of": "net-silent"},
        {"member": "w3", "of": "sub-x"},
        {"member": "e2", "of": "net-active"},
        {"member": "e4", "of": "net-active", "until": "2022-12-31"},
        {"member": "s1", "of": "net-active"},
        {"member": "zz-charity", "of": "net-active", "since": "2021-01-01"},
    ],
    "events": [
        {"id": "showcase", "name": "Showcase 2023", "start": "2023-11-14", "end": "2023-11-16",
         "contributors": [{"actor": "comm", "role": "host"},
                          {"actor": "net-active", "role": "curator"},
                          {"actor": "e1", "role": "speaker"},
                          {"actor": "uni-x", "role": "partner"},
                          {"actor": "old-partner", "role": "sponsor"}],
         "feedback": [{"organisation": "e1", "rating": 5, "work_together_again": True},
                      {"organisation": "uni-x", "rating": 4, "work_together_again": True},
                      {"organisation": "w1", "rating": 4, "work_together_again": True}]},
        {"id": "showcase-s1", "name": "Toolshed", "start": "2023-11-15", "parent": "showcase",
         "attendance": [{"organisation": "w1", "attendees": 5}], "speakers": ["p-s1"]},
        {"id": "meetup", "name": "Meetup 2024", "start": "2024-06-01",
         "contributors": [{"actor": "uni-x", "role": "host"},
                          {"actor": "sub-x", "role": "co-host"}],
         "attendance": [{"organisation": "e3", "attendees": 3}],
         "feedback": [{"organisation": "e3", "rating": 2, "work_together_again": False},
                      {"organisation": "w1", "rating": 2, "work_together_again": False}]},
        {"id": "later", "name": "Later 2025", "start": "2025-06-01",
         "attendance": [{"organisation": "e4", "attendees": 1}]},
    ],
}


def write_register_csv(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A register CSV with the columns Code, Name, Country, Area, Kind."""
    lines = ["Code,Name,Country,Area,Kind"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_scenario_register(db, folder: Path, rows=REGISTER) -> dict:  # type: ignore[no-untyped-def]
    """Import the scenario's register (or given rows) as source 'scenario'."""
    path = write_register_csv(folder / "scenario.csv", list(rows))
    return import_csv(db, path, "Code", "Name", "Country", "Area", "Kind", source="scenario")


def build(db, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """The whole scenario, with e2 closed by a re-import without it."""
    import_scenario_register(db, folder)
    import_document(db, DOC)
    counts = import_scenario_register(db, folder, [r for r in REGISTER if r[0] != "e2"])
    assert counts["closed"] == 1
