"""The reach page: coverage of the register (table and chart), the four lists, CSV downloads."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from flask.typing import ResponseReturnValue

from tracker.extensions import get_db
from tracker.forms.reach import LIST_LABELS, LISTS, ReachForm
from tracker.repositories import register
from tracker.services import reach
from tracker.text import slugify
from tracker.views._helpers import csv_response, page_number

bp = Blueprint("reach", __name__)

CSV_COLUMNS = {
    "not-reached": ["id", "name", "nation", "region", "type"],
    "lapsed": ["id", "name", "nation", "region", "type", "last_reached"],
    "reachable-through-partners": ["id", "name", "nation", "region", "type", "in_register",
                                   "via"],
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
                               pager=None, labels=LIST_LABELS, lists=LISTS), 400
    question = form.question.data if form.question.data in LISTS else "not-reached"
    filters = form.filters()
    coverage = reach.coverage(db, form.by.data or "nation", **filters)
    # One page of the chosen list, cut in its query; the CSV download holds all of it.
    pager = reach.answer_page(db, question, page_number(request.args.get("page")),
                              current_app.config["PAGE_SIZE"],
                              months=form.months.data or 12, **filters)
    # The CSV links carry the page's filters; the question is in the link's path.
    csv_args = {k: v for k, v in request.args.items() if k not in ("question", "page")}
    return render_template("reach/index.html", form=form, facets=facets, coverage=coverage,
                           pager=pager, question=question,
                           labels=LIST_LABELS, lists=LISTS, csv_args=csv_args)


def csv_filename(question: str, form: ReachForm) -> str:
    """The download's name says what is in it: the question, its filters and the date.

    e.g. ``not-reached-wales-local-health-board-2025-01-01.csv``; ``…-today.csv`` without a date.
    """
    parts = [question]
    if question == "lapsed":
        parts.append(f"{form.months.data or 12}-months")
    filters = (form.nation.data, form.region.data, form.type.data)
    parts += [slug for slug in (slugify(v, "", 40) for v in filters if v) if slug]
    parts.append(form.as_of.data.isoformat() if form.as_of.data else "today")
    return "-".join(parts) + ".csv"


@bp.route("/reach/<question>.csv")
def download(question: str) -> ResponseReturnValue:
    if question not in CSV_COLUMNS:
        return Response(f"No list called {question!r}.\n", status=404, mimetype="text/plain")
    form = ReachForm(request.args)
    if not form.validate():
        return Response("\n".join(form.problems()) + "\n", status=400, mimetype="text/plain")
    rows = reach.answer(get_db(), question, months=form.months.data or 12,
                        by=form.by.data or "nation", **form.filters())
    return csv_response(csv_filename(question, form), CSV_COLUMNS[question], rows)
