"""The home dashboard: headline numbers, the latest collaboration, growth, gaps, next steps."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from flask import Blueprint, current_app, render_template
from jinja2 import TemplateNotFound

from tracker.extensions import get_db
from tracker.repositories import dashboard

# Impact and growth (issue 4) and reach (issue 5) are built alongside: the dashboard shows
# their parts when they are installed and leaves them out otherwise.


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
reach = _optional("reach")

bp = Blueprint("home", __name__)


def _has_template(name: str) -> bool:
    try:
        current_app.jinja_env.get_template(name)
    except TemplateNotFound:
        return False
    return True


def _extras(db: Any, latest_id: str | None) -> dict[str, Any]:
    """Impact, growth and reach parts, each only when its module is there."""
    out: dict[str, Any] = {"impact": None, "growth": [], "gaps": [], "follow_ups": []}
    if collaborations is not None:
        if latest_id and hasattr(collaborations, "impact"):
            out["impact"] = collaborations.impact(db, latest_id)
        if hasattr(collaborations, "growth"):
            out["growth"] = [{"event": r.get("event"), "date": r.get("date"),
                              "reached": r.get("reached"), "links": r.get("links")}
                             for r in collaborations.growth(db)]
    if reach is not None:
        if hasattr(reach, "biggest_gaps"):
            out["gaps"] = reach.biggest_gaps(db)
        if hasattr(reach, "follow_ups"):
            out["follow_ups"] = reach.follow_ups(db)
    return out


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    db = get_db()
    numbers = dashboard.summary(db)
    extras = {} if numbers["empty"] else _extras(db, numbers.get("latest_id"))
    return render_template("home/index.html", n=numbers, **extras,
                           reach_partial=_has_template("reach/_gaps.html"))
