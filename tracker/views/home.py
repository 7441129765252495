"""The home page (the dashboard is built in its own issue)."""

from flask import Blueprint, render_template

bp = Blueprint("home", __name__)


@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    return render_template("home/index.html")
