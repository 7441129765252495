"""Twenty editors create the same new event id at the same moment: exactly one event, created
by exactly one of them; the others are told the id is taken and nothing of theirs is written."""

from __future__ import annotations

import dataclasses
import threading

from tests.events_helpers import attendance, contributor, form_data, seed
from tracker.config import Settings
from tracker.db import Database
from tracker.problems import Problems
from tracker.repositories import backup, events

EDITORS = 20


def test_concurrent_creation_of_one_event_id_yields_one_event_and_clear_refusals(db):
    seed(db)
    # Twenty request threads: a driver pool sized for them, as `TRACKER_THREADS=20` would give.
    editors_db = Database(db.connection, settings=dataclasses.replace(Settings.from_env(),
                                                                      threads=EDITORS))
    barrier = threading.Barrier(EDITORS)
    outcomes: dict[int, str] = {}

    def editor(number: int) -> None:
        data = form_data(id="showcase-2026", name=f"Showcase by editor {number}",
                         contributors=[contributor(name=f"Host Org {number}")],
                         attendance=[attendance("wg", attendees=number + 1)])
        barrier.wait()
        try:
            events.save(editors_db, data)
            outcomes[number] = "created"
        except Problems as exc:
            outcomes[number] = str(exc)
        except Exception as exc:
            outcomes[number] = f"unexpected {type(exc).__name__}: {exc}"

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(EDITORS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    editors_db.close()

    winners = [n for n, o in outcomes.items() if o == "created"]
    assert len(outcomes) == EDITORS
    assert len(winners) == 1, outcomes
    for n, outcome in outcomes.items():
        if n not in winners:
            assert "'showcase-2026' already exists" in outcome, outcome
    (winner,) = winners
    stored = events.get(db, "showcase-2026")
    assert stored is not None
    assert stored["event"]["name"] == f"Showcase by editor {winner}"
    hosts = [c for c in stored["contributors"] if c["event"] == "showcase-2026"]
    assert [c["name"] for c in hosts] == [f"Host Org {winner}"]
    assert [a["attendees"] for a in stored["own_attendance"]] == [winner + 1]
    # The losers' new organisations were not written either: nothing of theirs is half there.
    snap = backup.snapshot(db)
    host_orgs = sorted(n["props"]["name"] for n in snap["nodes"]
                       if "Organisation" in n["labels"]
                       and n["props"]["name"].startswith("Host Org"))
    assert host_orgs == [f"Host Org {winner}"]
    created = [n for n in snap["nodes"] if "AuditEntry" in n["labels"]
               and n["props"]["entity_id"] == "showcase-2026"]
    assert len(created) == 1
