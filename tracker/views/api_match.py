"""GET /api/v1/match?name=...: the organisation matcher's answer (as `tracker match --json`)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from tracker.extensions import get_db
from tracker.matching import MAX_NAME
from tracker.services import matching

bp = Blueprint("api_match", __name__, url_prefix="/api/v1")


@bp.route("/match")
def match() -> ResponseReturnValue:
    """{"query", "decision", "matches": [{"id", "name", "score", "why"}]}, best first."""
    name = request.args.get("name") or ""
    problem = None
    if not name.strip():
        problem = "name: give the organisation name to match"
    elif len(name) > MAX_NAME:
        problem = f"name: at most {MAX_NAME} characters"
    if problem:
        return jsonify({"error": problem, "problems": [problem], "status": 400}), 400
    return jsonify(matching.match(get_db(), name))
