"""The home dashboard: headline numbers, the latest collaboration, growth, gaps, next steps."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from tracker.extensions import get_db
from tracker.services import dashboard

bp = Blueprint("home", __name__)


@bp.route("/")
def index() -> ResponseReturnValue:
    return render_template("home/index.html", **dashboard.summary(get_db()))
