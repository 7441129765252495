"""The reach page's lists are sorted and cut in Cypher, page by page, with their totals from their
own count queries (issue 16 item 1); the CSV downloads stay whole."""

import csv
import io

import pytest

from tests import reach_scenario
from tracker.repositories import reach as repo
from tracker.repositories.graph import import_document
from tracker.services import reach

# Twins share a name (ties are broken by id), all are members of the network that contributed,
# none is reached: every list but follow-ups grows, and not-reached runs over several pages.
TWINS = [(f"t{i}", "Twin Council" if i < 4 else f"Borough {chr(ord('A') + i)}",
          "England" if i % 2 else "Wales", "Somewhere", "Council") for i in range(8)]
EXTRA = {"organisations": [{"id": "fu-a", "name": "Again Partner A"},
                           {"id": "fu-b", "name": "Again Partner B"}],
         "memberships": [{"member": t[0], "of": "net-active"} for t in TWINS],
         "events": [{"id": "extra", "name": "Extra 2024", "start": "2024-02-01",
                     "contributors": [{"actor": "fu-a", "role": "partner"},
                                      {"actor": "fu-b", "role": "partner"}],
                     "feedback": [{"organisation": "fu-a", "rating": 5,
                                   "work_together_again": True},
                                  {"organisation": "fu-b", "rating": 5,
                                   "work_together_again": True}]}]}

CASES = [
    ("not-reached", {"as_of": "2025-01-01"}),
    ("not-reached", {"as_of": "2025-01-01", "nation": "England"}),
    ("not-reached", {"as_of": "2023-01-01"}),
    ("lapsed", {"as_of": "2024-11-15", "months": 12}),
    ("lapsed", {"as_of": "2025-01-01", "months": 1}),
    ("reachable-through-partners", {"as_of": "2025-01-01"}),
    ("reachable-through-partners", {"as_of": "2025-01-01", "nation": "Wales"}),
    ("follow-ups", {"as_of": "2025-01-01"}),
    ("follow-ups", {"as_of": "2024-03-01"}),
]


@pytest.fixture
def scenario(db, tmp_path):  # type: ignore[no-untyped-def]
    reach_scenario.build(db, tmp_path)
    reach_scenario.import_scenario_register(
        db, tmp_path, [r for r in reach_scenario.REGISTER if r[0] != "e2"] + TWINS)
    import_document(db, EXTRA)
    return db


@pytest.mark.parametrize(("question", "args"), CASES)
@pytest.mark.parametrize("size", [1, 3])
def test_pages_concatenate_to_the_whole_list(scenario, question, args, size):
    whole = reach.answer(scenario, question, **args)
    assert len(whole) >= 2  # each case has something to page through
    first = reach.answer_page(scenario, question, 1, size, **args)
    assert first["total"] == len(whole)
    assert first["pages"] == -(-len(whole) // size)
    pages = [reach.answer_page(scenario, question, n, size, **args)
             for n in range(1, first["pages"] + 1)]
    for number, page in enumerate(pages, 1):
        assert page["page"] == number
        assert page["first"] == (number - 1) * size + 1
        assert 1 <= len(page["rows"]) <= size
        assert page["total"] == len(whole)
    assert [r for p in pages for r in p["rows"]] == whole


def test_twins_come_in_id_order_across_pages(scenario):
    ids = [r["id"] for n in range(1, 12)
           for r in reach.answer_page(scenario, "not-reached", n, 1, as_of="2025-01-01")["rows"]
           if r["name"] == "Twin Council"]
    assert ids == ["t0", "t1", "t2", "t3"]


@pytest.mark.parametrize(("question", "args"), CASES)
def test_each_list_query_cuts_its_page_and_its_count_query_counts_it(scenario, question, args):
    whole = reach.answer(scenario, question, **args)
    params = {"as_of": reach.parse_date(args["as_of"]), "nation": args.get("nation"),
              "region": None, "type": None}
    if question == "lapsed":
        params["since"] = reach.months_before(params["as_of"], args["months"])
    name = repo.LISTS[question]
    assert scenario.read(name, skip=1, limit=1, **params) == whole[1:2]
    assert scenario.read(name, skip=0, limit=None, **params) == whole
    assert scenario.read_one(f"{name}_count", **params) == {"total": len(whole)}


def test_a_page_past_the_end_is_the_last_page(scenario):
    whole = reach.answer(scenario, "not-reached", as_of="2025-01-01")
    page = reach.answer_page(scenario, "not-reached", 999, 2, as_of="2025-01-01")
    assert page["page"] == page["pages"] == -(-len(whole) // 2)
    assert page["rows"] == whole[(page["page"] - 1) * 2:]


def test_an_empty_list_is_one_empty_page(db):
    page = reach.answer_page(db, "follow-ups", 3, 25, as_of="2025-01-01")
    assert page == {"rows": [], "total": 0, "page": 1, "pages": 1, "first": 1}


def test_answer_page_checks_its_arguments(scenario):
    with pytest.raises(reach.Problems):
        reach.answer_page(scenario, "coverage", 1, 10)
    with pytest.raises(reach.Problems):
        reach.answer_page(scenario, "lapsed", 1, 10, months=0)
    with pytest.raises(reach.Problems):
        reach.answer_page(scenario, "not-reached", 1, 10, as_of="someday")


def test_the_page_shows_one_page_with_the_pager_and_the_whole_count(scenario, app,
                                                                     viewer_client):
    app.config["PAGE_SIZE"] = 2  # TRACKER_PAGE_SIZE, as every list
    whole = reach.answer(scenario, "not-reached", as_of="2025-01-01")
    html = viewer_client.get("/reach?as_of=2025-01-01").get_data(as_text=True)
    assert f"Not reached yet: {len(whole)} organisations" in html
    assert f"Showing 1–2 of {len(whole)}" in html
    assert 'class="pagination" aria-label="Pages of not reached yet"' in html
    assert 'rel="next"' in html
    assert "page=2" in html
    table = html.split('id="list-table"')[1].split("</table>")[0]
    assert [r["id"] for r in whole if f"<code>{r['id']}</code>" in table] == \
        [r["id"] for r in whole[:2]]
    html = viewer_client.get("/reach?as_of=2025-01-01&page=2").get_data(as_text=True)
    table = html.split('id="list-table"')[1].split("</table>")[0]
    assert [r["id"] for r in whole if f"<code>{r['id']}</code>" in table] == \
        [r["id"] for r in whole[2:4]]
    assert 'rel="prev"' in html
    assert f"Showing 3–4 of {len(whole)}" in html


def test_each_list_on_the_page_is_paged(scenario, app, viewer_client):
    app.config["PAGE_SIZE"] = 1
    for question, args in CASES:
        query = "&".join(f"{k}={v}" for k, v in {"question": question, **args}.items())
        html = viewer_client.get(f"/reach?{query}&page=2").get_data(as_text=True)
        whole = reach.answer(scenario, question, **args)
        table = html.split('id="list-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
        assert table.count("<tr>") == 1, question  # one row: the page, not the whole list
        assert f"<code>{whole[1]['id']}</code>" in table, question
        assert f"of {len(whole)}, sorted by name" in html, question


def test_csv_downloads_stay_whole_whatever_the_page_size(scenario, app, viewer_client):
    app.config["PAGE_SIZE"] = 1
    for question, args in CASES:
        query = "&".join(f"{k}={v}" for k, v in args.items())
        response = viewer_client.get(f"/reach/{question}.csv?{query}&page=2")
        assert response.status_code == 200
        got = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
        whole = reach.answer(scenario, question, **args)
        assert [r["id"] for r in got] == [r["id"] for r in whole], question


def test_the_api_stays_whole(scenario, app, viewer_client):
    app.config["PAGE_SIZE"] = 1
    got = viewer_client.get("/api/v1/reach?question=not-reached&as_of=2025-01-01").get_json()
    whole = reach.answer(scenario, "not-reached", as_of="2025-01-01")
    assert got["count"] == len(whole)
    assert [o["id"] for o in got["organisations"]] == [r["id"] for r in whole]
