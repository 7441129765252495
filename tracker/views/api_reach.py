"""JSON API for reach questions and register matching (same shapes as `tracker reach --json`)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from tracker.extensions import get_db
from tracker.forms.reach import ReachForm
from tracker.model import MAX_NAME
from tracker.problems import Problems
from tracker.services import matching, reach

bp = Blueprint("api_reach", __name__, url_prefix="/api/v1")

def _bad(problems: list[str]) -> ResponseReturnValue:
    """A 400 with every problem listed."""
    return jsonify({"error": "; ".join(problems), "problems": problems, "status": 400}), 400


@bp.route("/reach")
def reach_answer() -> ResponseReturnValue:
    """GET /api/v1/reach?question=...&as_of=&months=&by=&nation=&region=&type="""
    form = ReachForm(request.args)
    problems = [] if form.validate() else form.problems()
    question = request.args.get("question", "")
    if not question:
        problems.append("question: give one of " + ", ".join(reach.QUESTIONS))
    if question == "lapsed" and not request.args.get("months"):
        problems.append("months: lapsed needs a whole number of months of at least 1")
    if problems:
        return _bad(problems)
    try:
        found = reach.answer(get_db(), question, months=form.months.data,
                             by=form.by.data or "nation", **form.filters())
    except Problems as exc:
        return _bad(exc.messages)
    return jsonify(reach.public(question, found))


@bp.route("/register/match")
def register_match() -> ResponseReturnValue:
    """GET /api/v1/register/match?name=...&limit=5: register entries resembling a name."""
    name = (request.args.get("name") or "").strip()
    problems = []
    if not name:
        problems.append("name: give the organisation name to match")
    elif len(name) > MAX_NAME:
        problems.append(f"name: at most {MAX_NAME} characters")
    limit_text = request.args.get("limit", "5")
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= 20:
        problems.append("limit: a whole number from 1 to 20")
    if problems:
        return _bad(problems)
    matches = matching.suggest_matches(get_db(), name, limit=int(limit_text))
    return jsonify({"name": name, "matches": matches})
