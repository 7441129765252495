"""GET /api/v1/export: the whole model as the JSON interchange document (any logged-in role)."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from tracker.extensions import get_db
from tracker.repositories.graph import export_document

bp = Blueprint("api_export", __name__, url_prefix="/api/v1")


@bp.route("/export")
def export() -> ResponseReturnValue:

    response = jsonify(export_document(get_db()))
    response.headers["Content-Disposition"] = 'attachment; filename="partner-tracker.json"'
    return response
