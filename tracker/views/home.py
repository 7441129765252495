"""The home dashboard: headline numbers, the latest collaboration, growth, gaps, next steps."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.extensions import get_db
from tracker.repositories import follow_ups
from tracker.services import dashboard

bp = Blueprint("home", __name__)


@bp.route("/")
def index() -> ResponseReturnValue:
    """The shared summary (one cached read; the previous one, with a notice, while it is
    recomputed after a write) plus the follow-ups of the user looking at it."""
    db = get_db()
    served = dashboard.served(db)
    found = served.value
    mine = {} if found["n"]["empty"] else {
        "my_follow_ups": follow_ups.dashboard(db, current_user.username,
                                              personal=current_user.can("editor"))}
    return render_template("home/index.html", **found, **mine, updating=served.updating,
                           demo=found["n"]["demo"])
