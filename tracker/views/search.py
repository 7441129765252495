"""The picker's search API: GET /api/v1/search?q=...&kind=actor|organisation|person|event."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.extensions import get_db
from tracker.repositories import search as repo
from tracker.services import matching

bp = Blueprint("search", __name__)


@bp.route("/api/v1/search")
def search() -> ResponseReturnValue:
    kind = request.args.get("kind", "actor")
    if kind not in repo.KINDS:
        return jsonify({"error": f"kind must be one of {', '.join(repo.KINDS)}",
                        "status": 400}), 400
    if "Person" in repo.KINDS[kind] and not current_user.can("editor"):
        # People's names are personal data: editors and admins only (docs/privacy.md).
        return jsonify({"error": "Searching people needs the editor role.", "status": 403}), 403
    return jsonify(matching.picker(get_db(), (request.args.get("q") or "")[:200], kind))
