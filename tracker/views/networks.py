"""Partner networks (/networks)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from tracker.auth import editor_required
from tracker.extensions import get_db
from tracker.forms.entities import MembershipForm, NetworkForm
from tracker.repositories import networks as repo
from tracker.views import _crud

bp = Blueprint("networks", __name__)


@bp.route("/networks")
def index():  # type: ignore[no-untyped-def]
    return render_template("networks/list.html", listing=_crud.listing(repo.NETWORKS))


@bp.route("/networks/new", methods=["GET", "POST"])
@editor_required
def new():  # type: ignore[no-untyped-def]
    return _crud.create(repo.NETWORKS, NetworkForm(), "networks/form.html", "networks.detail",
                        "network", "Partner network")


@bp.route("/networks/<item_id>")
def detail(item_id: str):  # type: ignore[no-untyped-def]
    found = repo.NETWORKS.get(get_db(), item_id)
    if found is None:
        abort(404)
    return render_template("networks/detail.html", **found,
                           membership_form=MembershipForm(of=item_id, back=request.path))


@bp.route("/networks/<item_id>/edit", methods=["GET", "POST"])
@editor_required
def edit(item_id: str):  # type: ignore[no-untyped-def]
    found = repo.NETWORKS.get(get_db(), item_id)
    if found is None:
        abort(404)
    form = NetworkForm(data=found["item"]) if request.method == "GET" else NetworkForm()
    return _crud.edit(repo.NETWORKS, item_id, form, "networks/form.html", "networks.detail",
                      "Partner network")


@bp.route("/networks/<item_id>/delete", methods=["GET", "POST"])
@editor_required
def delete(item_id: str):  # type: ignore[no-untyped-def]
    return _crud.delete(repo.NETWORKS, item_id, "Partner network", "networks.index",
                        "networks.detail")
