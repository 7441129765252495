"""Pages: one collaboration's impact report, growth over time (charts, table, CSV), compare dates."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from tracker.demo import loaded as demo_loaded
from tracker.extensions import get_db
from tracker.forms.growth import CompareForm
from tracker.services import growth
from tracker.views._helpers import csv_response, get_or_404, page_number

bp = Blueprint("growth", __name__)
TABLE_PAGE = 50

CSV_COLUMNS = {
    "collaboration": ["event", "name", "date", "reached", "actors", "links", "new_links",
                      "strengthened_links", "density", "components", "largest_component_share"],
    "month": ["month", "reached", "actors", "links", "new_links", "strengthened_links",
              "density", "components", "largest_component_share"],
}


def _by() -> str:
    by = request.args.get("by", "collaboration")
    if by not in growth.BY:
        abort(400, f"by must be one of: {', '.join(growth.BY)}.")
    return by


@bp.route("/events/<event_id>/impact")
def impact(event_id: str) -> ResponseReturnValue:
    """One collaboration's report; after a write that makes the timeline replay, the previous
    report with a notice that it refreshes by itself (templates/_updating.html)."""
    served = growth.impact_served(get_db(), event_id)
    report = get_or_404(served.value, f"No event with id {event_id!r}.")
    return render_template("growth/impact.html", impact=report, updating=served.updating,
                           demo=report["demo"])


@bp.route("/growth")
def index() -> ResponseReturnValue:
    """The summary: headline cards, the charts, the latest collaborations and months; the full
    table is paged (/growth/table) and downloadable (/growth.csv)."""
    served = growth.summary_served(get_db())
    return render_template("growth/index.html", summary=served.value,
                           updating=served.updating, form=CompareForm(),
                           demo=demo_loaded(get_db()))


@bp.route("/growth/table")
def table() -> ResponseReturnValue:
    """The whole growth table (per collaboration or per month), a page at a time, newest first."""
    served = growth.table_page(get_db(), _by(), page_number(request.args.get("page")),
                               TABLE_PAGE)
    return render_template("growth/table.html", table=served.value, updating=served.updating)


@bp.route("/growth.csv")
def growth_csv() -> ResponseReturnValue:
    by = _by()
    return csv_response("growth-by-month.csv" if by == "month" else "growth.csv",
                        CSV_COLUMNS[by], growth.growth_table(get_db(), by))


@bp.route("/growth/compare")
def compare() -> ResponseReturnValue:
    form = CompareForm(formdata=request.args)
    if not request.args:
        return render_template("growth/compare.html", form=form, result=None)
    if not form.validate():
        return render_template("growth/compare.html", form=form, result=None), 400
    result = growth.compare(get_db(), form.date_from.data.isoformat(),
                                    form.date_to.data.isoformat())
    return render_template("growth/compare.html", form=form, result=result)
