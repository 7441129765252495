"""About: what the product is, where the register comes from (with licences), the demo."""

from flask import Blueprint, render_template

from tracker.demo import notice

bp = Blueprint("about", __name__)


@bp.route("/about")
def about():  # type: ignore[no-untyped-def]
    return render_template("about.html", demo_notice=notice())
