"""Every reach question on the hand-built scenario (tests/reach_scenario.py), on real Neo4j."""

from datetime import date

import pytest

from tests import reach_scenario
from tracker.problems import Problems
from tracker.repositories.graph import import_document
from tracker.services import reach

AS_OF = "2025-01-01"


@pytest.fixture
def scenario(db, tmp_path):  # type: ignore[no-untyped-def]
    reach_scenario.build(db, tmp_path)
    return db


def ids(rows):  # type: ignore[no-untyped-def]
    return [r["id"] for r in rows]


# -- not reached ---------------------------------------------------------------------------------

def test_not_reached_lists_open_register_organisations_nothing_reached(scenario):
    rows = reach.not_reached(scenario, as_of=AS_OF)
    assert ids(rows) == ["e4", "w2", "w3"]
    assert rows[1] == {"id": "w2", "name": "Welsh Council B", "nation": "Wales",
                       "region": "Wales", "type": "Council"}


def test_not_reached_before_and_after_an_event(scenario):
    # The day before the showcase nobody in the register was reached (e2 is closed).
    assert ids(reach.not_reached(scenario, as_of="2023-11-13")) == [
        "e1", "e3", "e4", "s1", "w1", "w2", "w3"]
    # On its start date the showcase reaches w1 (through its session, dated a day later),
    # s1 (through a person who spoke) and e1 (a contributor).
    assert ids(reach.not_reached(scenario, as_of=date(2023, 11, 14))) == ["e3", "e4", "w2", "w3"]
    assert ids(reach.not_reached(scenario, as_of="2024-05-31")) == ["e3", "e4", "w2", "w3"]
    assert ids(reach.not_reached(scenario, as_of="2024-06-01")) == ["e4", "w2", "w3"]
    # e4 is reached by an event after the default as_of used above.
    assert ids(reach.not_reached(scenario, as_of="2025-06-01")) == ["w2", "w3"]


def test_not_reached_defaults_to_today(scenario):
    assert ids(reach.not_reached(scenario)) == ["w2", "w3"]


def test_closed_register_organisation_is_excluded_from_not_reached(scenario):
    everything = ids(reach.not_reached(scenario, as_of="2000-01-01"))
    assert "e2" not in everything
    assert len(everything) == 7
    statuses = {(r["source"], r["status"]): r["count"] for r in
                scenario.read("register/counts")}
    assert statuses == {("scenario", "closed"): 1, ("scenario", "open"): 7}


def test_not_reached_filters(scenario):
    assert ids(reach.not_reached(scenario, as_of=AS_OF, nation="Wales")) == ["w2", "w3"]
    assert ids(reach.not_reached(scenario, as_of=AS_OF, type="Council")) == ["e4", "w2"]
    assert ids(reach.not_reached(scenario, as_of=AS_OF, region="North East")) == ["e4"]
    assert ids(reach.not_reached(scenario, as_of=AS_OF, nation="Wales", type="Council")) == [
        "w2"]
    assert reach.not_reached(scenario, as_of=AS_OF, nation="Atlantis") == []
    # Blank filters mean "any".
    assert ids(reach.not_reached(scenario, as_of=AS_OF, nation=" ")) == ["e4", "w2", "w3"]


def test_logged_organisations_outside_the_register_are_not_in_not_reached(scenario):
    import_document(scenario, {"organisations": [{"id": "lonely", "name": "Lonely Org"}]})
    assert "lonely" not in ids(reach.not_reached(scenario, as_of=AS_OF))


# -- lapsed --------------------------------------------------------------------------------------

def test_lapsed_boundary_is_inclusive_of_the_cutoff_date(scenario):
    # 12 calendar months before 2024-11-14 is 2023-11-14, the showcase's start: not lapsed.
    assert reach.lapsed(scenario, 12, as_of="2024-11-14") == []
    # One day later the showcase is before the cutoff: its organisations have gone quiet,
    # logged ones (old-partner) included; uni-x and e3 were reached again at the meetup.
    rows = reach.lapsed(scenario, 12, as_of="2024-11-15")
    assert ids(rows) == ["e1", "old-partner", "s1", "w1"]
    assert {r["last_reached"] for r in rows} == {"2023-11-14"}


def test_lapsed_ignores_collaborations_after_as_of(scenario):
    # e4 is reached only in 2025-06: as of 2025-01-01 it was never reached, so not lapsed.
    rows = reach.lapsed(scenario, 1, as_of=AS_OF)
    assert ids(rows) == ["e1", "e3", "old-partner", "s1", "uni-x", "w1"]
    assert {r["id"]: r["last_reached"] for r in rows}["uni-x"] == "2024-06-01"
    assert ids(reach.lapsed(scenario, 1, as_of=AS_OF, nation="Wales")) == ["w1"]


def test_lapsed_needs_a_positive_whole_number_of_months(scenario):
    for bad in (0, -1, 1.5, True):
        with pytest.raises(Problems):
            reach.lapsed(scenario, bad, as_of=AS_OF)  # type: ignore[arg-type]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2024, 3, 31), 1, date(2024, 2, 29)),
    (date(2023, 3, 31), 1, date(2023, 2, 28)),
    (date(2024, 11, 15), 12, date(2023, 11, 15)),
    (date(2024, 1, 15), 13, date(2022, 12, 15)),
    (date(2024, 5, 31), 3, date(2024, 2, 29)),
])
def test_months_before_uses_calendar_months(day, months, expected):
    assert reach.months_before(day, months) == expected


# -- reachable through partners -----------------------------------------------------------------

def test_reachable_through_partners_carries_via(scenario):
    rows = reach.reachable_through_partners(scenario, as_of=AS_OF)
    assert rows == [
        {"id": "w2", "name": "Welsh Council B", "nation": "Wales", "region": "Wales",
         "type": "Council", "via": ["net-active"]},
        {"id": "w3", "name": "Welsh Health Board C", "nation": "Wales", "region": "Wales",
         "type": "Health board", "via": ["sub-x"]},
    ]


def test_a_network_that_never_contributed_makes_nobody_reachable(scenario):
    # As of 2024-01-01 w3 belongs to net-silent (never contributed) and to sub-x (which only
    # contributes in June 2024): w3 is not reachable yet.
    rows = reach.reachable_through_partners(scenario, as_of="2024-01-01")
    assert ids(rows) == ["w2"]
    assert all("net-silent" not in r["via"] for r in
               reach.reachable_through_partners(scenario, as_of="2030-01-01"))


def test_reachable_needs_a_current_membership_and_a_past_contribution(scenario):
    # e4's membership of net-active ended in 2022; e2 is closed; s1 is already reached.
    everyone = ids(reach.reachable_through_partners(scenario, as_of=AS_OF))
    assert "e4" not in everyone
    assert "e2" not in everyone
    assert "s1" not in everyone
    # Before the showcase, net-active had contributed to nothing.
    assert reach.reachable_through_partners(scenario, as_of="2023-11-13") == []
    assert ids(reach.reachable_through_partners(scenario, as_of=AS_OF, type="Council")) == [
        "w2"]


# -- coverage ------------------------------------------------------------------------------------

def test_coverage_by_nation(scenario):
    assert reach.coverage(scenario, "nation", as_of=AS_OF) == [
        {"group": "England", "in_register": 3, "reached": 2, "share": 0.6667},
        {"group": "Scotland", "in_register": 1, "reached": 1, "share": 1.0},
        {"group": "Wales", "in_register": 3, "reached": 1, "share": 0.3333},
    ]


def test_coverage_by_region_and_type_with_filters(scenario):
    assert reach.coverage(scenario, "region", as_of=AS_OF, nation="England") == [
        {"group": "London", "in_register": 1, "reached": 1, "share": 1.0},
        {"group": "North East", "in_register": 2, "reached": 1, "share": 0.5},
    ]
    assert reach.coverage(scenario, "type", as_of=AS_OF) == [
        {"group": "Council", "in_register": 6, "reached": 4, "share": 0.6667},
        {"group": "Health board", "in_register": 1, "reached": 0, "share": 0.0},
    ]
    before = reach.coverage(scenario, "nation", as_of="2023-11-13")
    assert [r["reached"] for r in before] == [0, 0, 0]


def test_coverage_refuses_an_unknown_grouping(scenario):
    with pytest.raises(Problems):
        reach.coverage(scenario, "colour")


def test_biggest_gaps_for_the_dashboard(scenario):
    gaps = reach.biggest_gaps(scenario, 3, as_of=AS_OF)
    assert [(g["by"], g["group"], g["missing"]) for g in gaps] == [
        ("nation", "Wales", 2), ("type", "Council", 2), ("type", "Health board", 1)]


# -- follow-ups ----------------------------------------------------------------------------------

def test_follow_ups_after_yes_feedback_without_a_later_contribution(scenario):
    rows = reach.follow_ups(scenario, as_of=AS_OF)
    assert ids(rows) == ["e1"]
    assert rows[0]["feedback_event"] == "showcase"
    assert rows[0]["feedback_date"] == "2023-11-14"


def test_follow_ups_as_of_before_the_later_collaboration(scenario):
    # Before the meetup, uni-x had not contributed again and w1's latest feedback was a yes.
    assert ids(reach.follow_ups(scenario, as_of="2024-01-01")) == ["e1", "uni-x", "w1"]
    assert reach.follow_ups(scenario, as_of="2023-11-13") == []
    assert ids(reach.follow_ups(scenario, as_of="2024-01-01", nation="Wales")) == ["w1"]


def test_answer_dispatches_and_refuses_unknown_questions(scenario):
    assert reach.answer(scenario, "not-reached", as_of=AS_OF) == reach.not_reached(
        scenario, as_of=AS_OF)
    with pytest.raises(Problems):
        reach.answer(scenario, "who-knows")
    with pytest.raises(Problems):
        reach.answer(scenario, "lapsed")
    with pytest.raises(Problems):
        reach.not_reached(scenario, as_of="2025-13-01")


def test_public_shapes():
    rows = [{"id": "a", "name": "A", "nation": None, "region": None, "type": None,
             "last_reached": "2020-01-01"}]
    assert reach.public("lapsed", rows) == {"count": 1, "organisations": [
        {"id": "a", "name": "A", "nation": None, "region": None, "type": None}]}
    assert reach.public("reachable-through-partners", [{**rows[0], "via": ["n"]}])[
        "organisations"][0]["via"] == ["n"]
