"""The network page, its downloads (GraphML, GEXF, CSV, metrics table) and the ego page."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, render_template, request, send_file
from flask.typing import ResponseReturnValue

from tracker.analytics.network import BROKER_EXPLANATION
from tracker.analytics.network_view import CENTRAL_LABELS
from tracker.dates import BadDate, parse_as_of
from tracker.extensions import get_db
from tracker.model import METRIC_COLUMNS
from tracker.services import exports, network

bp = Blueprint("network", __name__)


def _as_of() -> str | None:
    try:
        return parse_as_of(request.args.get("as_of"))
    except BadDate as exc:
        abort(400, description=str(exc))


@bp.get("/network")
def index() -> ResponseReturnValue:
    as_of = _as_of()
    return render_template("network/index.html", as_of=as_of, broker=BROKER_EXPLANATION,
                           central=CENTRAL_LABELS)


@bp.get("/network/export.<fmt>")
def export(fmt: str) -> ResponseReturnValue:
    if fmt not in exports.FORMATS:
        abort(404, description=f"No export format {fmt[:20]!r}: use graphml, gexf or csv.")
    as_of = _as_of()
    buffer = io.BytesIO()
    exports.write(get_db(), fmt, buffer, as_of=as_of)
    buffer.seek(0)
    name = exports.FILE_NAMES[fmt]
    if as_of:
        stem, _, suffix = name.partition(".")
        name = f"{stem}-{as_of}.{suffix}"
    return send_file(buffer, mimetype=exports.MEDIA_TYPES[fmt], as_attachment=True,
                     download_name=name)


@bp.get("/network/metrics.csv")
def metrics_csv() -> ResponseReturnValue:
    as_of = _as_of()
    result = network.metrics(get_db(), as_of)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = METRIC_COLUMNS
    writer.writerow(columns)
    for row in result["actors"]:
        writer.writerow([exports.spreadsheet_safe(row[c]) for c in columns])
    name = f"network-metrics{'-' + as_of if as_of else ''}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.get("/network/ego/<actor_id>")
def ego_page(actor_id: str) -> ResponseReturnValue:
    actor = network.actor(get_db(), actor_id)
    if actor is None:
        abort(404, description="There is no actor with that id.")
    return render_template("network/ego_page.html", actor=actor, actor_id=actor_id)
