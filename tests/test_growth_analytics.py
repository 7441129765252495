"""Pure growth analytics on tiny hand-built inputs (no database)."""

import doctest

from tracker.analytics import growth
from tracker.analytics.growth import (
    compare,
    density,
    growth_by_month,
    growth_rows,
    share,
    summary_sentence,
    timeline,
)


def test_doctests():
    assert doctest.testmod(growth).failed == 0


def test_density_and_share_rounding():
    assert density(0, 0) == 0.0
    assert density(1, 0) == 0.0
    assert density(2, 1) == 1.0
    assert density(7, 17) == 0.8095
    assert share(7, 9) == 0.7778
    assert share(0, 0) == 0.0


def test_all_new_then_strengthened_weights_count_up():
    steps = timeline([
        {"id": "e1", "start": "2023-01-01", "actors": ["b", "a"]},
        {"id": "e2", "start": "2023-02-01", "actors": ["a", "b"]},
        {"id": "e3", "start": "2023-03-01", "actors": ["a", "b", "a"]},
    ])
    assert steps[0].new_links == [["a", "b"]]
    assert steps[0].strengthened_links == []
    assert steps[1].strengthened_links == [{"pair": ["a", "b"], "before": 1, "after": 2}]
    assert steps[2].strengthened_links == [{"pair": ["a", "b"], "before": 2, "after": 3}]
    assert steps[2].after.links == 1
    assert steps[2].after.actors == 2


def test_single_contributors_are_components_of_their_own():
    steps = timeline([
        {"id": "e1", "start": "2023-01-01", "actors": ["a"]},
        {"id": "e2", "start": "2023-01-02", "actors": ["b"]},
        {"id": "e3", "start": "2023-01-03", "actors": ["c", "d", "e"]},
        {"id": "e4", "start": "2023-01-04", "actors": ["a", "c"]},
    ])
    assert [(s.after.components, s.after.largest_component_share) for s in steps] == [
        (1, 1.0), (2, 0.5), (3, 0.6), (2, 0.8)]
    assert [s.after.density for s in steps] == [0.0, 0.0, 0.3, 0.4]


def test_newly_reached_counts_accumulate_and_lists_are_sorted():
    steps = timeline([{"id": "e1", "start": "2023-01-01", "actors": []},
                      {"id": "e2", "start": "2023-01-02", "actors": []}],
                     {"e1": ["z", "y"], "e2": ["x"]})
    assert steps[0].newly_reached == ["y", "z"]
    assert [r["reached"] for r in growth_rows(steps)] == [2, 3]


def test_growth_rows_have_exactly_the_documented_keys():
    rows = growth_rows(timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a", "b"]}]))
    assert list(rows[0]) == ["event", "date", "reached", "actors", "links", "new_links",
                             "strengthened_links", "density", "components",
                             "largest_component_share"]
    months = growth_by_month(timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a"]}]))
    assert next(iter(months[0])) == "month"
    assert "event" not in months[0]


def test_empty_inputs():
    assert timeline([]) == []
    assert growth_rows([]) == []
    assert growth_by_month([]) == []
    result = compare([], "2020-01-01", "2020-12-31")
    assert result["new_links"] == []
    assert result["before"]["actors"] == 0


def test_compare_counts_a_link_new_in_the_window_once_as_new():
    steps = timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a", "b"]},
                      {"id": "e2", "start": "2023-01-02", "actors": ["a", "b"]}])
    result = compare(steps, "2023-01-01", "2023-01-31")
    assert result["new_links"] == [{"pair": ["a", "b"], "before": 0, "after": 2}]
    assert result["strengthened_links"] == []
    later = compare(steps, "2023-01-02", "2023-01-02")
    assert later["strengthened_links"] == [{"pair": ["a", "b"], "before": 1, "after": 2}]
    assert later["before"]["links"] == 1


def test_summary_sentence_plurals():
    assert summary_sentence(0, 2, 0) == (
        "0 new partnerships, 2 strengthened, 0 organisations reached for the first time")
