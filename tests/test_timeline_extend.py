"""A new collaboration later than all others extends the cached growth timeline by one step
instead of replaying it (issue 16); the extended timeline equals a full replay in every field,
on the demo and on a generated history. Any other change to the network or reach replays."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.events_helpers import attendance, contributor, form_data
from tracker.audit import entry
from tracker.demo import load_demo
from tracker.repositories import events
from tracker.repositories.graph import import_document
from tracker.services import growth
from tracker.services.cache import cache, read

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import generate

D = dt.date


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def replayed(db) -> list[Any]:  # type: ignore[no-untyped-def]
    """The whole timeline replayed from the graph, bypassing the cache."""
    return read(db, growth.replayed).steps


def extended_from(before: list[Any], after: list[Any]) -> bool:
    """True when `after` kept `before`'s Step objects: it was extended, not replayed."""
    return len(after) >= len(before) and all(a is b for a, b in zip(before, after,
                                                                     strict=False))


def test_later_collaborations_extend_the_demo_timeline(db):
    load_demo(db)
    before = growth.timeline(db)
    assert before == replayed(db)
    events.save(db, form_data(
        id="late-one", name="Late one", start=D(2030, 1, 1), end=D(2030, 1, 1),
        contributors=[contributor("govuk-ministry-of-justice", "", "host"),
                      contributor("la-crf", "", "speaker")],
        attendance=[attendance("", "Brand New Council", 4)]))
    after = growth.timeline(db)
    assert extended_from(before, after)
    assert len(after) == len(before) + 1
    assert after[-1].event == "late-one"
    assert after[-1].newly_reached  # the new council is reached for the first time
    assert after == replayed(db)
    # Equal-last in the order (same date, a later id) extends too.
    events.save(db, form_data(
        id="late-two", name="Late two", start=D(2030, 1, 1), end=D(2030, 1, 1),
        contributors=[contributor("la-crf", "", "host"),
                      contributor("govuk-ministry-of-justice", "", "speaker")]))
    again = growth.timeline(db)
    assert extended_from(after, again)
    assert again[-1].strengthened_links
    assert again == replayed(db)


def test_an_earlier_collaboration_or_an_edit_replays(db):
    load_demo(db)
    before = growth.timeline(db)
    events.save(db, form_data(
        id="early", name="Early", start=D(2020, 1, 1), end=D(2020, 1, 1),
        contributors=[contributor("la-crf", "", "host")]))
    after = growth.timeline(db)
    assert not extended_from(before, after)
    assert after[0].event == "early"
    assert after == replayed(db)
    events.save(db, form_data(
        id="late", name="Late", start=D(2030, 1, 1), end=D(2030, 1, 1),
        contributors=[contributor("la-crf", "", "host")]))
    late = growth.timeline(db)
    assert extended_from(after, late)
    data = {**events.form_data(events.get(db, "late")), "name": "Late, renamed"}
    for key in ("contributors", "attendance", "sessions", "speakers"):
        data[key] = [dict(r, _row=i) for i, r in enumerate(data.get(key) or [])]
    events.save(db, data, "late")  # an edit: replayed
    renamed = growth.timeline(db)
    assert not extended_from(late, renamed)
    assert renamed[-1].name == "Late, renamed"
    assert renamed == replayed(db)


def _top_level(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((e for e in doc["events"] if not e.get("parent")),
                  key=lambda e: (e["start"], e["id"]))


def _with_sessions(doc: dict[str, Any], top: str) -> list[dict[str, Any]]:
    parents = {e["id"]: e.get("parent") for e in doc["events"]}

    def root(eid: str) -> str:
        while parents.get(eid):
            eid = parents[eid]  # type: ignore[assignment]
        return eid

    return [e for e in doc["events"] if root(e["id"]) == top]


def test_a_generated_history_extended_one_collaboration_at_a_time_equals_its_replay(db):
    doc = generate.generate("S")
    held = [c["id"] for c in _top_level(doc)[-3:]]
    later = {c: _with_sessions(doc, c) for c in held}
    kept_back = {e["id"] for group in later.values() for e in group}
    import_document(db, {**doc, "events": [e for e in doc["events"]
                                            if e["id"] not in kept_back]}, allow_similar=True)
    steps = growth.timeline(db)
    assert steps == replayed(db)
    for collab, group in later.items():
        # The event form's write: every event of the collaboration created, nothing else.
        import_document(db, {"events": group}, allow_similar=True,
                        audit=[entry("event", e["id"], "create") for e in group],
                        new_events=[e["id"] for e in group], follow_up_days=None)
        more = growth.timeline(db)
        assert extended_from(steps, more)
        assert more[-1].event == collab
        assert more == replayed(db)
        steps = more
    assert any(s.new_links or s.strengthened_links for s in steps[-3:])
