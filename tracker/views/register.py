"""Register admin: engaged organisations that match no register entry, with merge offers."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from tracker.auth import admin_required
from tracker.extensions import get_db
from tracker.services import matching
from tracker.views._helpers import page_number

bp = Blueprint("register_admin", __name__)
PAGE_SIZE = 50


@bp.route("/admin/unmatched")
@admin_required
def unmatched() -> ResponseReturnValue:
    """Logged organisations outside the register, a page at a time, each with the organisation
    the matcher confidently says it duplicates (a link to the merge preview, never a merge)."""
    return render_template("register/unmatched.html",
                           found=matching.unmatched(get_db(), page_number(request.args.get("page")),
                                                    PAGE_SIZE))
