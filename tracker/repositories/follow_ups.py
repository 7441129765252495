"""Follow-ups: something to do about an organisation, a person or an event, with an owner (a
user), a due date, and done or not (who marked it done, and when).

Feedback saying "would work together again" creates one follow-up in the same transaction as
the feedback (``from_feedback``), owned by whoever recorded it and due in
``TRACKER_FOLLOW_UP_DAYS`` days; its ``origin`` (unique by constraint) makes recording or
importing the same feedback again add nothing. Titles are never copied into the audit trail
(they may be about a person); follow-ups about people are seen by editors only and go when the
person is erased.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Any

from tracker.audit import current_username, entry
from tracker.db import Database, ManagedTransaction, rows
from tracker.model import DASHBOARD_FOLLOW_UPS, MAX_NAME
from tracker.problems import Collector, Problems
from tracker.repositories.entities import NoRow, required
from tracker.repositories.notes import check_subject, missing, required_row

PER_PAGE = 50
#: The lists offered by the page and the CLI -> ($show of follow_ups/list, only the user's).
SHOWS = {"mine": ("open", True), "all": ("open", False), "overdue": ("overdue", False),
         "done": ("done", False)}


def new_id() -> str:
    """A fresh follow-up id (made outside the retryable transaction)."""
    return f"follow-up-{uuid.uuid4().hex[:16]}"


def check(title: object, owner: object, due: object) -> list[tuple[str, str]]:
    """Problems with a follow-up's title, owner and due date (shape only)."""
    found: list[tuple[str, str]] = []
    if not isinstance(title, str) or not title.strip():
        found.append(("title", "Say what is to be done."))
    elif len(title.strip()) > MAX_NAME:
        found.append(("title", f"A title has at most {MAX_NAME} characters."))
    if not isinstance(owner, str) or not owner.strip():
        found.append(("owner", "Pick who owns it."))
    if not isinstance(due, dt.date):
        found.append(("due", "Give a due date (YYYY-MM-DD)."))
    return found


def add(db: Database, kind: str, about: str, title: str, owner: str, due: dt.date,
        user: str | None = None) -> dict[str, Any]:
    """Add a follow-up; Problems when the record or the owner does not exist."""
    problems = Collector()
    problems.extend(check_subject(kind, about))
    problems.extend(check(title, owner, due))
    problems.raise_any()
    if not db.read_value("users/get_by_username", username=owner):
        raise Problems.one(f"There is no user called {owner!r}.", "owner")
    follow_up_id = new_id()
    try:
        return db.write_tx(
            lambda tx: required_row(tx, "follow_ups/create", id=follow_up_id, kind=kind,
                                    about=about, title=title.strip(), owner=owner,
                                    due=due.isoformat(), user=user or current_username()),
            audit=[entry("follow-up", follow_up_id, "create",
                         {"added to": f"{kind} {about}", "owner": owner,
                          "due": due.isoformat()})])
    except NoRow:
        raise missing(kind, about) from None


def get(db: Database, follow_up_id: str) -> dict[str, Any] | None:
    """One follow-up with the record it is about."""
    return db.read_one("follow_ups/get", id=follow_up_id)


def set_done(db: Database, follow_up_id: str, done: bool) -> dict[str, Any] | None:
    """Mark a follow-up done (by the current user, now) or not done; None when it is gone."""
    try:
        return db.write_tx(
            lambda tx: required_row(tx, "follow_ups/set_done", id=follow_up_id, mark_done=done,
                                    user=current_username()),
            audit=[entry("follow-up", follow_up_id, "done" if done else "reopen")])
    except NoRow:
        return None


def delete(db: Database, follow_up_id: str) -> bool:
    """Delete a follow-up; False when it was already gone."""
    try:
        db.write_tx(lambda tx: required(tx, "follow_ups/delete", id=follow_up_id),
                    audit=[entry("follow-up", follow_up_id, "delete")])
    except NoRow:
        return False
    return True


def _page(tx: ManagedTransaction, show: str, owner: str | None, today: dt.date,
          kind: str | None, about: str | None, personal: bool, page: int,
          per_page: int) -> dict[str, Any]:
    found = rows(tx, "follow_ups/list", show=show, owner=owner, today=today.isoformat(),
                 kind=kind, about=about if kind else None, personal=personal,
                 skip=(page - 1) * per_page, limit=per_page)
    first = found[0] if found else {}
    total = int(first.get("total") or 0)
    return {"total": total, "rows": first.get("rows") or [], "page": page,
            "pages": max(1, math.ceil(total / per_page))}


def listing(db: Database, show: str = "all", user: str | None = None,
            today: dt.date | None = None, kind: str | None = None, about: str | None = None,
            personal: bool = True, page: int = 1, per_page: int = PER_PAGE,
            owner: str | None = None) -> dict[str, Any]:
    """One page of follow-ups: `show` is mine, all, overdue, done (see SHOWS) or any.

    `user` is whose "mine" is; `owner` narrows any other list to one owner's.
    """
    state, only_mine = SHOWS.get(show, ("any", False))
    if only_mine:
        if not user:
            raise Problems.one("Say whose follow-ups to list.", "owner")
        owner = user
    return db.read_tx(_page, state, owner, today or dt.date.today(), kind, about, personal,
                      max(1, page), per_page)


def dashboard(db: Database, user: str, personal: bool,
              today: dt.date | None = None) -> dict[str, Any]:
    """The user's open follow-ups and everyone's overdue ones: totals and the first few."""
    day = today or dt.date.today()

    def read(tx: ManagedTransaction) -> dict[str, Any]:
        return {"mine": _page(tx, "open", user, day, None, None, personal, 1,
                              DASHBOARD_FOLLOW_UPS),
                "overdue": _page(tx, "overdue", None, day, None, None, personal, 1,
                                 DASHBOARD_FOLLOW_UPS)}

    return db.read_tx(read)


def from_feedback(tx: ManagedTransaction, feedback: list[dict[str, Any]], days: int,
                  today: dt.date | None = None, owner: str | None = None) -> list[dict[str, Any]]:
    """In a write transaction: the follow-up of each feedback saying "would work together
    again" that has none yet, owned by `owner` (default the current user); audited in the same
    transaction."""
    wanted = [{"id": new_id(), "event": f["event"], "organisation": f["organisation"]}
              for f in feedback if f.get("work_together_again") is True]
    if not wanted:
        return []
    owner = owner or current_username()
    due = (today or dt.date.today()) + dt.timedelta(days=days)
    created = rows(tx, "follow_ups/from_feedback", rows=wanted, owner=owner,
                   due=due.isoformat(), max_title=MAX_NAME)
    if created:
        rows(tx, "audit/record", entries=[
            entry("follow-up", c["id"], "create",
                  {"from feedback of": f"organisation {c['organisation']}",
                   "on": f"event {c['event']}", "owner": owner, "due": due.isoformat()},
                  user=owner) for c in created])
    return created
