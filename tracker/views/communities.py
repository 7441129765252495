"""Communities (/communities) and sub-communities (/sub-communities)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request

from tracker.auth import editor_required
from tracker.extensions import get_db
from tracker.forms.entities import CommunityForm, MembershipForm, SubCommunityForm
from tracker.repositories import communities as repo
from tracker.views import _crud

bp = Blueprint("communities", __name__)


@bp.route("/communities")
def index():  # type: ignore[no-untyped-def]
    return render_template("communities/list.html", listing=_crud.listing(repo.COMMUNITIES))


@bp.route("/communities/new", methods=["GET", "POST"])
@editor_required
def new():  # type: ignore[no-untyped-def]
    return _crud.create(repo.COMMUNITIES, CommunityForm(), "communities/form.html",
                        "communities.detail", "community", "Community")


@bp.route("/communities/<item_id>")
def detail(item_id: str):  # type: ignore[no-untyped-def]
    found = repo.COMMUNITIES.get(get_db(), item_id)
    if found is None:
        abort(404)
    return render_template("communities/detail.html", **found,
                           membership_form=MembershipForm(of=item_id, back=request.path))


@bp.route("/communities/<item_id>/edit", methods=["GET", "POST"])
@editor_required
def edit(item_id: str):  # type: ignore[no-untyped-def]
    found = repo.COMMUNITIES.get(get_db(), item_id)
    if found is None:
        abort(404)
    form = CommunityForm(data=found["item"]) if request.method == "GET" else CommunityForm()
    return _crud.edit(repo.COMMUNITIES, item_id, form, "communities/form.html",
                      "communities.detail", "Community")


@bp.route("/communities/<item_id>/delete", methods=["GET", "POST"])
@editor_required
def delete(item_id: str):  # type: ignore[no-untyped-def]
    return _crud.delete(repo.COMMUNITIES, item_id, "Community", "communities.index",
                        "communities.detail")


# -- sub-communities ----------------------------------------------------------------------------
def _sub_form(**kwargs: Any) -> SubCommunityForm:
    form = SubCommunityForm(**kwargs)
    form.community.choices = [("", "Choose…")] + [(c["id"], c["name"])
                                                    for c in repo.options(get_db())]
    return form


@bp.route("/sub-communities")
def sub_index():  # type: ignore[no-untyped-def]
    community = (request.args.get("community") or "")[:100] or None
    return render_template("communities/sub_list.html", communities=repo.options(get_db()),
                           community=community,
                           listing=_crud.listing(repo.SUB_COMMUNITIES, community=community))


@bp.route("/sub-communities/new", methods=["GET", "POST"])
@editor_required
def sub_new():  # type: ignore[no-untyped-def]
    form = _sub_form(community=request.args.get("community")) if request.method == "GET" \
        else _sub_form()
    return _crud.create(repo.SUB_COMMUNITIES, form, "communities/sub_form.html",
                        "communities.sub_detail", "sub-community", "Sub-community")


@bp.route("/sub-communities/<item_id>")
def sub_detail(item_id: str):  # type: ignore[no-untyped-def]
    found = repo.SUB_COMMUNITIES.get(get_db(), item_id)
    if found is None:
        abort(404)
    return render_template("communities/sub_detail.html", **found,
                           membership_form=MembershipForm(of=item_id, back=request.path))


@bp.route("/sub-communities/<item_id>/edit", methods=["GET", "POST"])
@editor_required
def sub_edit(item_id: str):  # type: ignore[no-untyped-def]
    found = repo.SUB_COMMUNITIES.get(get_db(), item_id)
    if found is None:
        abort(404)
    if request.method == "GET":
        data = {**found["item"], "community": (found["community"] or {}).get("id")}
        form = _sub_form(data=data)
    else:
        form = _sub_form()
    return _crud.edit(repo.SUB_COMMUNITIES, item_id, form, "communities/sub_form.html",
                      "communities.sub_detail", "Sub-community")


@bp.route("/sub-communities/<item_id>/delete", methods=["GET", "POST"])
@editor_required
def sub_delete(item_id: str):  # type: ignore[no-untyped-def]
    return _crud.delete(repo.SUB_COMMUNITIES, item_id, "Sub-community",
                        "communities.sub_index", "communities.sub_detail")
