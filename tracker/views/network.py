"""The network page, its downloads (GraphML, GEXF, CSV, metrics table) and the ego page."""

from __future__ import annotations

import io

from flask import Blueprint, abort, render_template, send_file
from flask.typing import ResponseReturnValue

from tracker.analytics.network import BROKER_EXPLANATION
from tracker.analytics.network_view import CENTRAL_LABELS
from tracker.demo import loaded as demo_loaded
from tracker.extensions import get_db
from tracker.model import METRIC_COLUMNS
from tracker.services import exports, network
from tracker.views._helpers import as_of_arg, csv_response, get_or_404

bp = Blueprint("network", __name__)


@bp.get("/network")
def index() -> ResponseReturnValue:
    as_of = as_of_arg()
    return render_template("network/index.html", as_of=as_of, broker=BROKER_EXPLANATION,
                           central=CENTRAL_LABELS, demo=demo_loaded(get_db()))


@bp.get("/network/export.<fmt>")
def export(fmt: str) -> ResponseReturnValue:
    if fmt not in exports.FORMATS:
        abort(404, description=f"No export format {fmt[:20]!r}: use graphml, gexf or csv.")
    as_of = as_of_arg()
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
    as_of = as_of_arg()
    result = network.metrics(get_db(), as_of)
    return csv_response(f"network-metrics{'-' + as_of if as_of else ''}.csv", METRIC_COLUMNS,
                        result["actors"])


@bp.get("/network/ego/<actor_id>")
def ego_page(actor_id: str) -> ResponseReturnValue:
    actor = get_or_404(network.actor(get_db(), actor_id), "There is no actor with that id.")
    return render_template("network/ego_page.html", actor=actor, actor_id=actor_id)
