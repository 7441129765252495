"""GET /api/v1/export: the whole model as the JSON interchange document.

Viewers get organisation-level data only: no people, and no speakers or attendees on events
(people's names are personal data, for editors and admins; docs/privacy.md).
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.extensions import get_db
from tracker.repositories.graph import export_document

bp = Blueprint("api_export", __name__, url_prefix="/api/v1")


@bp.route("/export")
def export() -> ResponseReturnValue:
    response = jsonify(export_document(get_db(), people=current_user.can("editor")))
    response.headers["Content-Disposition"] = 'attachment; filename="partner-tracker.json"'
    return response
