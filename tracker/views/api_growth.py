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
    """The report's documented keys, plus ``"updating": true`` and ``"as_of_version"`` when it
    is the previous report served while the timeline is replayed."""
    served = service.impact_served(get_db(), event_id)
    if served.value is None:
        return error_response(404, f"No event with id {event_id!r}.")
    return jsonify({**service.api_shape(served.value), **service.marks(served)})


@bp.route("/growth")
def growth() -> ResponseReturnValue:
    """The growth rows; while the previous table is served (the timeline being replayed),
    each row also carries ``"updating": true`` and ``"as_of_version"`` (the answer is a list,
    so the marks go on its rows)."""
    by = request.args.get("by", "collaboration")
    if by not in service.BY:
        return error_response(400, f"by must be one of: {', '.join(service.BY)}.")
    served = service.growth_served(get_db(), by=by)
    marks = service.marks(served)
    return jsonify([{**r, **marks} for r in served.value] if marks else served.value)


@bp.get("/growth/status")
def status() -> ResponseReturnValue:
    """{"updating": true} while the growth timeline of the current data is being replayed (the
    growth pages, impact reports and the dashboard poll this after serving a previous result)."""
    return jsonify({"updating": service.updating(get_db())})
