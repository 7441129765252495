"""A health check for load balancers and compose: JSON, 200 when the database answers, else 503."""

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from tracker.db import DatabaseUnavailable
from tracker.extensions import get_db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def health() -> ResponseReturnValue:
    """{"status": "ok"|"unavailable", "database": "reachable"|"unreachable"}, 200 or 503."""
    try:
        get_db().data_version()
    except DatabaseUnavailable:
        return jsonify({"status": "unavailable", "database": "unreachable"}), 503
    return jsonify({"status": "ok", "database": "reachable"}), 200
