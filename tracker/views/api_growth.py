"""JSON API for impact and growth: the same code as the pages and the CLI."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from tracker.errors import error_response
from tracker.extensions import get_db
from tracker.services import growth as service

bp = Blueprint("api_growth", __name__, url_prefix="/api/v1")


@bp.route("/events/<event_id>/impact")
def impact(event_id: str) -> ResponseReturnValue:
    report = service.impact(get_db(), event_id)
    if report is None:
        return error_response(404, f"No event with id {event_id!r}.")
    return jsonify(service.api_shape(report))


@bp.route("/growth")
def growth() -> ResponseReturnValue:
    by = request.args.get("by", "collaboration")
    if by not in service.BY:
        return error_response(400, f"by must be one of: {', '.join(service.BY)}.")
    return jsonify(service.growth(get_db(), by=by))
