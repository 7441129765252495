"""A health check for load balancers and compose: 200 when the database answers, else 503."""

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from tracker.extensions import get_db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def health() -> ResponseReturnValue:
    get_db().data_version()  # raises DatabaseUnavailable -> 503
    return jsonify({"status": "ok"})
