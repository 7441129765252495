"""JSON API of the collaboration network: metrics, the page's payload, ego views, engagement."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from tracker.dates import BadDate, parse_as_of
from tracker.extensions import get_db
from tracker.services import network

bp = Blueprint("api_network", __name__, url_prefix="/api/v1")


def as_of_arg() -> str | None:
    """The ?as_of= argument, checked; a bad date is a 400 with the reason."""
    try:
        return parse_as_of(request.args.get("as_of"))
    except BadDate as exc:
        abort(400, description=str(exc))


@bp.get("/metrics")
def metrics():  # type: ignore[no-untyped-def]
    return jsonify(network.metrics(get_db(), as_of_arg()))


@bp.get("/network")
def network_payload():  # type: ignore[no-untyped-def]
    return jsonify(network.page(get_db(), as_of_arg()))


@bp.get("/network/ego/<actor_id>")
def ego(actor_id: str):  # type: ignore[no-untyped-def]
    found = network.ego(get_db(), actor_id, as_of_arg())
    if found is None:
        abort(404, description=f"No actor with id {actor_id[:80]!r}.")
    return jsonify(found)


@bp.get("/network/engagement")
def engagement():  # type: ignore[no-untyped-def]
    return jsonify(network.engagement(get_db(), as_of_arg()))
