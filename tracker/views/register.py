"""Register admin: engaged organisations that match no register entry, with merge offers."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from tracker.auth import admin_required
from tracker.extensions import get_db
from tracker.services import matching

bp = Blueprint("register_admin", __name__)


@bp.route("/admin/unmatched")
@admin_required
def unmatched() -> ResponseReturnValue:
    """Logged organisations outside the register, each with its likeliest register entries."""
    return render_template("register/unmatched.html", rows=matching.unmatched(get_db()))
