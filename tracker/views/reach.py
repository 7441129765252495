"""The reach page: coverage of the register (table and chart), the four lists, CSV downloads."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue

from tracker.extensions import get_db
from tracker.forms.reach import LIST_LABELS, LISTS, ReachForm
from tracker.repositories import register
from tracker.services import reach
from tracker.views._helpers import csv_response

bp = Blueprint("reach", __name__)

CSV_COLUMNS = {
    "not-reached": ["id", "name", "nation", "region", "type"],
    "lapsed": ["id", "name", "nation", "region", "type", "last_reached"],
    "reachable-through-partners": ["id", "name", "nation", "region", "type", "via"],
    "follow-ups": ["id", "name", "nation", "region", "type", "feedback_event",
                   "feedback_event_name", "feedback_date"],
    "coverage": ["group", "in_register", "reached", "share"],
}


@bp.route("/reach")
def index() -> ResponseReturnValue:
    form = ReachForm(request.args)
    db = get_db()
    facets = register.facets(db)
    if request.args and not form.validate():
        return render_template("reach/index.html", form=form, facets=facets, coverage=None,
                               rows=None, labels=LIST_LABELS, lists=LISTS), 400
    question = form.question.data if form.question.data in LISTS else "not-reached"
    filters = form.filters()
    coverage = reach.coverage(db, form.by.data or "nation", **filters)
    rows = reach.answer(db, question, months=form.months.data or 12, **filters)
    # The CSV links carry the page's filters; the question is in the link's path.
    csv_args = {k: v for k, v in request.args.items() if k != "question"}
    return render_template("reach/index.html", form=form, facets=facets, coverage=coverage,
                           rows=rows, question=question, labels=LIST_LABELS, lists=LISTS,
                           csv_args=csv_args)


@bp.route("/reach/<question>.csv")
def download(question: str) -> ResponseReturnValue:
    if question not in CSV_COLUMNS:
        return Response(f"No list called {question!r}.\n", status=404, mimetype="text/plain")
    form = ReachForm(request.args)
    if not form.validate():
        return Response("\n".join(form.problems()) + "\n", status=400, mimetype="text/plain")
    rows = reach.answer(get_db(), question, months=form.months.data or 12,
                        by=form.by.data or "nation", **form.filters())
    name = f"{question}-{form.as_of.data.isoformat() if form.as_of.data else 'today'}.csv"
    return csv_response(name, CSV_COLUMNS[question], rows)
