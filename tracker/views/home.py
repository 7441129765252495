"""The home dashboard: headline numbers, the latest collaboration, growth, gaps, next steps."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.db import Database
from tracker.extensions import get_db
from tracker.repositories import follow_ups
from tracker.services import dashboard, growth, reach

bp = Blueprint("home", __name__)


def _extras(db: Database, latest_id: str | None) -> dict[str, Any]:
    """The latest impact, growth, the biggest gaps in coverage and the follow-ups due."""
    return {
        "impact": growth.impact(db, latest_id) if latest_id else None,
        "growth": [{"event": r["name"], "date": r["date"], "reached": r["reached"],
                    "links": r["links"]} for r in growth.growth_table(db)],
        "gaps": reach.biggest_gaps(db),
        "follow_ups": reach.follow_ups(db),
        "my_follow_ups": follow_ups.dashboard(db, current_user.username,
                                              personal=current_user.can("editor")),
    }


@bp.route("/")
def index() -> ResponseReturnValue:
    db = get_db()
    numbers = dashboard.summary(db)
    extras = {} if numbers["empty"] else _extras(db, numbers.get("latest_id"))
    return render_template("home/index.html", n=numbers, **extras)
