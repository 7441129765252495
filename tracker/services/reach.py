"""Reach questions: who in the register has not been reached, who has gone quiet, who could be
reached through partners, coverage by group, and follow-ups due.

Each question is one Cypher query (cypher/reach/, run by tracker.repositories.reach); this
service checks the arguments, dispatches by name and shapes the public JSON. All take `as_of`
(only collaborations that start on or before it count; default today) and optional nation,
region and type filters; organisation lists come back sorted by name (then id). The definitions are
product.md's:

- reached by a collaboration: attended or contributed to it or one of its sessions, directly
  or through a person who works there (spoke or attended);
- not reached: open register organisations that nothing reached by `as_of`;
- lapsed: organisations (not closed) reached by `as_of` but by nothing on or after the date
  `months` calendar months before `as_of`;
- reachable through partners: any organisation not reached (in the register or only in the
  tracker, such as universities and charities; not closed), with a membership current on
  `as_of` of a partner network or sub-community that has contributed to a collaboration by
  `as_of`;
- follow-ups: organisations whose latest feedback (by `as_of`) said they would work together
  again and which have contributed to no later collaboration.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from tracker.dates import BadDate, day_or_today
from tracker.db import Database, ManagedTransaction
from tracker.model import REACH_GROUPINGS, REACH_QUESTIONS
from tracker.problems import Problems
from tracker.register import biggest_gaps as pick
from tracker.repositories import reach as repo

QUESTIONS = REACH_QUESTIONS
GROUPINGS = REACH_GROUPINGS
# The keys of one organisation in the CLI's and API's JSON (reachable rows add "via").
PUBLIC_KEYS = ("id", "name", "nation", "region", "type")


def parse_date(value: date | str | None, name: str = "as_of") -> date:
    """A date from a date or 'YYYY-MM-DD' (today when None or blank); Problems otherwise."""
    try:
        return day_or_today(value, name)
    except BadDate as exc:
        raise Problems.one(str(exc)) from None


def months_before(day: date, months: int) -> date:
    """The date `months` calendar months before day (the month's last day when it is shorter).

    >>> months_before(date(2024, 3, 31), 1)
    datetime.date(2024, 2, 29)
    """
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _filters(nation: str | None, region: str | None, type: str | None) -> dict[str, str | None]:
    """Blank filters mean 'any'."""
    def clean(v: str | None) -> str | None:
        return v.strip() or None if isinstance(v, str) else None

    return {"nation": clean(nation), "region": clean(region), "type": clean(type)}


def not_reached(db: Database, as_of: date | str | None = None, nation: str | None = None,
                region: str | None = None, type: str | None = None) -> list[dict[str, Any]]:
    """Open register organisations that no collaboration has reached by as_of."""
    return repo.not_reached(db, as_of=parse_date(as_of),
                   **_filters(nation, region, type))


def lapsed(db: Database, months: int, as_of: date | str | None = None,
           nation: str | None = None, region: str | None = None,
           type: str | None = None) -> list[dict[str, Any]]:
    """Organisations reached by as_of but by nothing in the `months` months before it.

    Rows carry `last_reached` (start of the last collaboration that reached them).
    """
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise Problems.one(f"months must be a whole number of at least 1, not {months!r}")
    day = parse_date(as_of)
    return repo.lapsed(db, as_of=day, since=months_before(day, months),
                   **_filters(nation, region, type))


def reachable_through_partners(db: Database, as_of: date | str | None = None,
                               nation: str | None = None, region: str | None = None,
                               type: str | None = None) -> list[dict[str, Any]]:
    """Not-reached organisations (register or not) inside a network that has contributed; rows
    carry `via` (those networks' ids, sorted) and `in_register`."""
    return repo.reachable_through_partners(db, as_of=parse_date(as_of),
                   **_filters(nation, region, type))


def coverage(db: Database, by: str = "nation", as_of: date | str | None = None,
             nation: str | None = None, region: str | None = None,
             type: str | None = None) -> list[dict[str, Any]]:
    """[{group, in_register, reached, share}] of the open register by nation, region or type."""
    if by not in GROUPINGS:
        raise Problems.one(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    return repo.coverage(db, by=by, as_of=parse_date(as_of),
                   **_filters(nation, region, type))


def follow_ups(db: Database, as_of: date | str | None = None, nation: str | None = None,
               region: str | None = None, type: str | None = None) -> list[dict[str, Any]]:
    """Partners whose latest feedback said 'again' and who have not contributed since.

    Rows carry `feedback_event`, `feedback_event_name` and `feedback_date` (the collaboration
    the feedback was about).
    """
    return repo.follow_ups(db, as_of=parse_date(as_of),
                   **_filters(nation, region, type))


def answer(db: Database, question: str, *, as_of: date | str | None = None,
           months: int | None = None, by: str | None = None, nation: str | None = None,
           region: str | None = None, type: str | None = None) -> list[dict[str, Any]]:
    """The rows of one question by name (see QUESTIONS), as the repository returns them."""
    filters: dict[str, Any] = {"as_of": as_of, "nation": nation, "region": region,
                               "type": type}
    if question == "not-reached":
        return not_reached(db, **filters)
    if question == "lapsed":
        if months is None:
            raise Problems.one("lapsed needs months (a whole number of at least 1)")
        return lapsed(db, months, **filters)
    if question == "reachable-through-partners":
        return reachable_through_partners(db, **filters)
    if question == "coverage":
        return coverage(db, by or "nation", **filters)
    if question == "follow-ups":
        return follow_ups(db, **filters)
    raise Problems.one(f"question must be one of {', '.join(QUESTIONS)}, not {question!r}")


def answer_page(db: Database, question: str, page: int, size: int, *,
                as_of: date | str | None = None, months: int | None = None,
                nation: str | None = None, region: str | None = None,
                type: str | None = None) -> dict[str, Any]:
    """One page of a list question (not coverage), sorted and cut in its query, with the
    list's total from its own count query: {rows, total, page, pages, first}. The rows are
    those of :func:`answer` from position ``(page - 1) * size`` on; a page past the end is the
    last page."""
    if question not in repo.LISTS:
        raise Problems.one(f"question must be one of {', '.join(repo.LISTS)}, not {question!r}")
    day = parse_date(as_of)
    params: dict[str, Any] = {"as_of": day, **_filters(nation, region, type)}
    if question == "lapsed":
        if isinstance(months, bool) or not isinstance(months, int) or months < 1:
            raise Problems.one(f"months must be a whole number of at least 1, not {months!r}")
        params["since"] = months_before(day, months)
    return repo.page(db, question, max(1, page), max(1, size), **params)


def public(question: str, found: list[dict[str, Any]]) -> Any:
    """The documented JSON shape of a question's answer (CLI --json and the API).

    Coverage is a list of {group, in_register, reached, share}; every other question is
    {"count": n, "organisations": [{id, name, nation, region, type}]} (reachable rows also
    carry "in_register" and "via").
    """
    if question == "coverage":
        return [{k: r[k] for k in ("group", "in_register", "reached", "share")} for r in found]
    keys = PUBLIC_KEYS + (("in_register", "via") if question == "reachable-through-partners" else ())
    return {"count": len(found), "organisations": [{k: r.get(k) for k in keys} for r in found]}


def biggest_gaps(db: Database, n: int = 3, as_of: date | str | None = None,
                 groupings: tuple[str, ...] = ("nation", "type")) -> list[dict[str, Any]]:
    """The n coverage groups (by nation or by type) with the most organisations not reached.

    Rows are coverage rows plus `by` (the grouping) and `missing`; one query per grouping.
    """
    found = [{**r, "by": by} for by in groupings for r in coverage(db, by, as_of)]
    return pick(found, n)


def gaps_and_follow_ups_in(tx: ManagedTransaction, as_of: date,
                           n: int = 3) -> dict[str, list[dict[str, Any]]]:
    """The dashboard's reach panel in the caller's transaction: the n biggest coverage gaps by
    nation or type (as :func:`biggest_gaps`) and the follow-ups due (as :func:`follow_ups`)."""
    none = _filters(None, None, None)
    found = [{**r, "by": by} for by in ("nation", "type")
             for r in repo.coverage_in(tx, by, as_of, **none)]
    return {"gaps": pick(found, n), "follow_ups": repo.follow_ups_in(tx, as_of, **none)}
