"""Impact and growth on the real database: every hand-computed scenario of issue 4."""

from datetime import date
from itertools import combinations

from tests.growth_data import (
    GROWTH_ROWS,
    SECOND,
    SHOWCASE,
    SHOWCASE_ACTORS,
    SHOWCASE_REACHED,
    THIRD,
    document,
)
from tracker.repositories.graph import import_document
from tracker.services import growth as collaborations

LINK_KEYS = ("event", "new_links", "strengthened_links", "newly_reached")


def api(db, event_id):
    """The issue-4 keys of the impact JSON (what changed beyond them: tests/test_team_rule.py)."""
    report = collaborations.impact(db, event_id)
    if report is None:
        return None
    shape = collaborations.api_shape(report)
    assert set(shape) == set(collaborations.API_KEYS)
    return {k: shape[k] for k in LINK_KEYS}


def test_showcase_2023_all_links_are_new(db):
    import_document(db, document(SHOWCASE))
    assert api(db, "showcase-2023") == {
        "event": "showcase-2023",
        "new_links": [list(p) for p in combinations(SHOWCASE_ACTORS, 2)],
        "strengthened_links": [],
        "newly_reached": SHOWCASE_REACHED,
    }


def test_showcase_report_extras(db):
    import_document(db, document(SHOWCASE))
    report = collaborations.impact(db, "showcase-2023")
    assert report["summary"]["sentence"] == (
        "15 new partnerships, 0 strengthened, 5 organisations reached for the first time")
    assert report["sessions"] == 2
    assert [g["id"] for g in report["involved"]["partner_networks"]] == ["pn-nhsr", "pn-rap"]
    assert [g["id"] for g in report["involved"]["sub_communities"]] == ["sc-ling"]
    assert [g["id"] for g in report["involved"]["communities"]] == ["c-ds"]
    assert report["involved"]["partner_networks"][1]["roles"] == ["co-host", "curator"]
    assert report["before"] == {"reached": 0, "actors": 0, "links": 0, "density": 0.0,
                                "components": 0, "largest_component_share": 0.0}
    assert report["after"] == {"reached": 5, "actors": 6, "links": 15, "density": 1.0,
                               "components": 1, "largest_component_share": 1.0}
    assert report["names"]["o-moj"] == "Ministry of Justice"


def test_a_second_event_repeating_two_partners_strengthens_their_link(db):
    import_document(db, document(SHOWCASE, SECOND))
    assert api(db, "rap-2024") == {
        "event": "rap-2024",
        "new_links": [["c-ds", "o-newco"], ["o-newco", "pn-rap"]],
        "strengthened_links": [{"pair": ["c-ds", "pn-rap"], "before": 1, "after": 2}],
        "newly_reached": ["o-newco"],  # o-wg attended the showcase already
    }
    # The earlier report does not change when a later collaboration is added.
    assert api(db, "showcase-2023")["strengthened_links"] == []


def test_sessions_roll_up_into_their_collaboration(db):
    import_document(db, document(SHOWCASE))
    top = api(db, "showcase-2023")
    assert api(db, "splink-in-action") == top
    assert api(db, "showcase-2023-day2") == top
    report = collaborations.impact(db, "splink-in-action")
    assert report["asked"] == "splink-in-action"
    assert report["event"] == "showcase-2023"
    # The nested session's contributor is linked with the top-level host.
    assert ["c-ds", "o-moj"] in top["new_links"]
    # Sessions are not collaborations of their own.
    assert [r["event"] for r in collaborations.growth(db)] == ["showcase-2023"]


def test_two_collaborations_on_one_date_are_ordered_by_id(db):
    same_day = [
        # Listed, named and created in the opposite order to their ids.
        {"id": "same-b", "name": "Alpha", "start": "2024-06-01",
         "contributors": [{"actor": "pn-et", "role": "host"}, {"actor": "o-gos", "role": "host"}],
         "attendance": [{"organisation": "o-quiet", "attendees": 1}]},
        {"id": "same-a", "name": "Zeta", "start": "2024-06-01",
         "contributors": [{"actor": "pn-et", "role": "host"}, {"actor": "o-gos", "role": "host"}],
         "attendance": [{"organisation": "o-quiet", "attendees": 1}]},
    ]
    import_document(db, document(same_day))
    assert api(db, "same-a") == {"event": "same-a", "new_links": [["o-gos", "pn-et"]],
                                 "strengthened_links": [], "newly_reached": ["o-gos", "o-quiet"]}
    assert api(db, "same-b") == {
        "event": "same-b", "new_links": [],
        "strengthened_links": [{"pair": ["o-gos", "pn-et"], "before": 1, "after": 2}],
        "newly_reached": []}
    assert [r["event"] for r in collaborations.growth(db)] == ["same-a", "same-b"]


def test_reach_through_a_person_who_works_there(db):
    import_document(db, document(SHOWCASE, THIRD))
    # o-sg only had a speaker (p-sg works there); o-gos is reached by contributing in THIRD.
    assert "o-sg" in api(db, "showcase-2023")["newly_reached"]
    assert api(db, "emtech-2024")["newly_reached"] == ["o-gos"]


def test_reach_through_an_attending_person_alone(db):
    alone = [{"id": "talk", "name": "Talk", "start": "2024-01-01",
              "contributors": [{"actor": "c-ds", "role": "host"}], "attendees": ["p-gos"]}]
    import_document(db, document(alone))
    assert api(db, "talk")["newly_reached"] == ["o-gos"]
    assert collaborations.growth(db)[0]["reached"] == 1


def test_growth_per_collaboration_matches_the_hand_computed_table(db):
    import_document(db, document(THIRD, SECOND, SHOWCASE))
    assert collaborations.growth(db) == GROWTH_ROWS


def test_growth_per_month(db):
    import_document(db, document(SHOWCASE, SECOND, THIRD))
    assert collaborations.growth(db, by="month") == [
        {"month": "2023-11", "reached": 5, "actors": 6, "links": 15, "new_links": 15,
         "strengthened_links": 0, "density": 1.0, "components": 1,
         "largest_component_share": 1.0},
        {"month": "2024-03", "reached": 7, "actors": 9, "links": 18, "new_links": 3,
         "strengthened_links": 1, "density": 0.5, "components": 2,
         "largest_component_share": 0.7778},
    ]


def test_an_event_edited_after_the_fact_changes_later_reports(db):
    import_document(db, document(SHOWCASE, SECOND))
    # Warm every cache first: an edit must still show up.
    assert api(db, "rap-2024")["strengthened_links"] != []
    assert collaborations.growth(db)[1]["reached"] == 6
    edited = document([{**SHOWCASE[0],
                        "contributors": [{"actor": "c-ds", "role": "host"},
                                         {"actor": "o-datacymru", "role": "curator"}],
                        "attendance": []}])
    import_document(db, edited, replace_events=True)
    # pn-rap no longer contributed to the showcase itself, but still to its day-two session:
    # so the c-ds/pn-rap link still existed before rap-2024. o-wg was only reached directly.
    assert api(db, "rap-2024")["newly_reached"] == ["o-newco", "o-wg"]
    assert collaborations.growth(db)[0]["reached"] == 4
    # Now take pn-rap out of the session too: the link becomes new in 2024.
    session = document([{**SHOWCASE[1], "contributors": [{"actor": "pn-nhsr",
                                                          "role": "co-host"}]}])
    import_document(db, session, replace_events=True)
    assert api(db, "rap-2024") == {
        "event": "rap-2024",
        "new_links": [["c-ds", "o-newco"], ["c-ds", "pn-rap"], ["o-newco", "pn-rap"]],
        "strengthened_links": [],
        "newly_reached": ["o-newco", "o-wg"],
    }


def test_compare_two_dates(db):
    import_document(db, document(SHOWCASE, SECOND, THIRD))
    result = collaborations.compare(db, "2024-01-01", "2024-12-31")
    assert result["collaborations"] == ["rap-2024", "emtech-2024"]
    assert result["new_links"] == [
        {"pair": ["c-ds", "o-newco"], "before": 0, "after": 1},
        {"pair": ["o-gos", "pn-et"], "before": 0, "after": 1},
        {"pair": ["o-newco", "pn-rap"], "before": 0, "after": 1}]
    assert result["strengthened_links"] == [{"pair": ["c-ds", "pn-rap"], "before": 1, "after": 2}]
    assert result["newly_reached"] == ["o-gos", "o-newco"]
    assert result["names"]["o-gos"] == "GO-Science"
    assert result["names"]["pn-et"] == (
        "Emerging Technology")
    assert result["names"]["rap-2024"] == "RAP conference 2024"
    assert collaborations.compare(db, date(2024, 1, 1), date(2024, 12, 31)) == result
    nothing = collaborations.compare(db, "2020-01-01", "2020-12-31")
    assert nothing["collaborations"] == []
    assert nothing["new_links"] == []


def test_unknown_event_is_none(db):
    import_document(db, document(SHOWCASE))
    assert collaborations.impact(db, "no-such-event") is None


def test_empty_database_gives_empty_answers(db):
    assert collaborations.impact(db, "showcase-2023") is None
    assert collaborations.growth(db) == []
    assert collaborations.growth(db, by="month") == []
    result = collaborations.compare(db, "2020-01-01", "2030-01-01")
    assert (result["collaborations"], result["new_links"], result["strengthened_links"],
            result["newly_reached"]) == ([], [], [], [])


def test_cache_is_not_fooled_by_an_emptied_database(db):
    import_document(db, document(SHOWCASE))
    assert len(collaborations.growth(db)) == 1
    db.clear()
    # Same number of writes as before, different data: the epoch tells them apart.
    import_document(db, document(THIRD))
    assert [r["event"] for r in collaborations.growth(db)] == ["emtech-2024"]
