"""JSON API of the collaboration network: metrics, the page's payload, ego views, engagement."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from flask.typing import ResponseReturnValue

from tracker.extensions import get_db
from tracker.services import network
from tracker.views._helpers import as_of_arg, get_or_404

bp = Blueprint("api_network", __name__, url_prefix="/api/v1")


@bp.get("/metrics")
def metrics() -> ResponseReturnValue:
    return Response(network.metrics_json(get_db(), as_of_arg(), stale_ok=True),
                    mimetype="application/json")


@bp.get("/network")
def network_payload() -> ResponseReturnValue:
    return Response(network.page_json(get_db(), as_of_arg(), stale_ok=True),
                    mimetype="application/json")


@bp.get("/network/status")
def network_status() -> ResponseReturnValue:
    """{"updating": true} while the payload of the current data is being recomputed."""
    return jsonify({"updating": network.page_updating(get_db(), as_of_arg())})


@bp.get("/network/ego/<actor_id>")
def ego(actor_id: str) -> ResponseReturnValue:
    found = get_or_404(network.ego(get_db(), actor_id, as_of_arg()), f"No actor with id {actor_id[:80]!r}.")
    return jsonify(found)


@bp.get("/network/engagement")
def engagement() -> ResponseReturnValue:
    return jsonify(network.engagement(get_db(), as_of_arg()))
