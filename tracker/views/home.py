"""The home dashboard: headline numbers, the latest collaboration, growth, gaps, next steps."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from flask import Blueprint, render_template

from tracker.extensions import get_db
from tracker.repositories import dashboard, reach

# Impact and growth (issue 4) are built alongside: the dashboard shows them once installed.


def _optional(name: str) -> ModuleType | None:
    """A repository module when it is installed, else None."""
    module = f"tracker.repositories.{name}"
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:  # a real bug inside the module must not be hidden
            raise
        return None


collaborations = _optional("collaborations")

bp = Blueprint("home", __name__)


def _extras(db: Any, latest_id: str | None) -> dict[str, Any]:
    """The latest impact, growth, the biggest gaps in coverage and the follow-ups due."""
    out: dict[str, Any] = {"impact": None, "growth": [], "gaps": reach.biggest_gaps(db),
                           "follow_ups": reach.follow_ups(db)}
    if collaborations is not None:
        if latest_id and hasattr(collaborations, "impact"):
            out["impact"] = collaborations.impact(db, latest_id)
        if hasattr(collaborations, "growth"):
            out["growth"] = [{"event": r.get("event"), "date": r.get("date"),
                              "reached": r.get("reached"), "links": r.get("links")}
                             for r in collaborations.growth(db)]
    return out


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    db = get_db()
    numbers = dashboard.summary(db)
    extras = {} if numbers["empty"] else _extras(db, numbers.get("latest_id"))
    return render_template("home/index.html", n=numbers, **extras)
