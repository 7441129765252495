"""Version-checked edits: an edit form carries the version of the record it was opened at, and
a save over a newer change is refused ("changed by NAME at TIME since you opened it") instead
of silently overwriting it.

A version is a fingerprint of the record's editable state (what its edit form shows), not a
counter kept on the node: every write path (forms, imports, spreadsheets, merges, the CLI)
changes it without having to know about versions. The check runs inside the save's write
transaction after taking the record's write lock, so two editors saving at the same moment are
put in order: the second one waits for the lock, then reads the first one's save and is told.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from tracker.db import ManagedTransaction, row, value
from tracker.problems import Problems

State = Mapping[str, Any]


def fingerprint(state: State) -> str:
    """The version of a record's editable state: equal states, equal versions.

    >>> fingerprint({"name": "A", "nation": None}) == fingerprint({"nation": None, "name": "A"})
    True
    >>> fingerprint({"name": "A"}) == fingerprint({"name": "B"})
    False
    """
    text = json.dumps(state, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def when(at: str | None) -> str:
    """An audit time as people read it.

    >>> when("2026-12-02T00:55:12.123456789Z")
    '2026-12-02 00:55 UTC'
    """
    if not at:
        return "an unknown time"
    return f"{at[:10]} {at[11:16]} UTC"


def _shown(value_: Any) -> str:
    if value_ is None or value_ == "":
        return "(empty)"
    if isinstance(value_, list):
        return f"{len(value_)} row(s)"
    return f"“{value_}”"


class StaleEdit(Problems):
    """The record changed since its form was opened; nothing was written.

    ``version`` is the record's version now (a second save with it replaces the newer change,
    deliberately); ``saved`` its editable state now, to show next to the user's input.
    """

    def __init__(self, entity: str, user: str | None, at: str | None, version: str,
                 saved: State, changed: list[str]) -> None:
        by = f"{user} at {when(at)}" if user else "another tool (an import or a merge)"
        now = "; ".join(f"{name.replace('_', ' ')} {_shown(saved.get(name))}" for name in changed)
        message = (f"This {entity} was changed by {by} since you opened it, so nothing was saved. "
                   + (f"Saved now: {now}. " if now else "")
                   + "Your changes are still on the form: save again to replace the newer "
                   "version with yours, or open the page again to start from it.")
        super().__init__([("", message)])
        self.entity = entity
        self.user = user
        self.at = at
        self.version = version
        self.saved = dict(saved)


def check(tx: ManagedTransaction, entity: str, record_id: str, expected: str | None,
          read_state: Callable[[ManagedTransaction], State | None],
          submitted: State | None = None) -> None:
    """Inside a write: lock the record, read its state, raise StaleEdit unless it is `expected`.

    The refusal shows the saved value of each field where it differs from `submitted` (the
    user's input), or of every field when that is not given.

    Nothing is checked when `expected` is None (callers with no form: the CLI, imports). A
    record that is gone is left to the write itself (it finds nothing and says so).
    """
    if not expected:
        return
    value(tx, "versions/lock", id=record_id)
    state = read_state(tx)
    if state is None:
        return
    found = fingerprint(state)
    if found == expected:
        return
    last = row(tx, "audit/last_change", entity=entity, id=record_id) or {}
    changed = [k for k in state if submitted is None or state.get(k) != submitted.get(k)]
    raise StaleEdit(entity, last.get("user"), last.get("at"), found, state, changed)
