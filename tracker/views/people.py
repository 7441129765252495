"""People (/people), each optionally working at an organisation."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from tracker.auth import editor_required
from tracker.extensions import get_db
from tracker.forms.entities import PersonForm
from tracker.repositories import people as repo
from tracker.views import _crud

bp = Blueprint("people", __name__)


# People's names and job titles are personal data: editors and admins only (docs/privacy.md).
@bp.route("/people")
@editor_required
def index():  # type: ignore[no-untyped-def]
    organisation = (request.args.get("organisation") or "")[:100] or None
    return render_template("people/list.html", organisation=organisation,
                           listing=_crud.listing(repo.PEOPLE, organisation=organisation))


@bp.route("/people/new", methods=["GET", "POST"])
@editor_required
def new():  # type: ignore[no-untyped-def]
    form = PersonForm(organisation=request.args.get("organisation")) \
        if request.method == "GET" else PersonForm()
    return _crud.create(repo.PEOPLE, form, "people/form.html", "people.detail", "person",
                        "Person")


@bp.route("/people/<item_id>")
@editor_required
def detail(item_id: str):  # type: ignore[no-untyped-def]
    found = repo.PEOPLE.get(get_db(), item_id)
    if found is None:
        abort(404)
    return render_template("people/detail.html", **found)


@bp.route("/people/<item_id>/edit", methods=["GET", "POST"])
@editor_required
def edit(item_id: str):  # type: ignore[no-untyped-def]
    found = repo.PEOPLE.get(get_db(), item_id)
    if found is None:
        abort(404)
    if request.method == "GET":
        form = PersonForm(data={**found["item"],
                                "organisation": (found["organisation"] or {}).get("id")})
    else:
        form = PersonForm()
    return _crud.edit(repo.PEOPLE, item_id, form, "people/form.html", "people.detail", "Person")


@bp.route("/people/<item_id>/delete", methods=["GET", "POST"])
@editor_required
def delete(item_id: str):  # type: ignore[no-untyped-def]
    return _crud.delete(repo.PEOPLE, item_id, "Person", "people.index", "people.detail")
