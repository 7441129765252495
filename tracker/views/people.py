"""People (/people), each optionally working at an organisation."""

from __future__ import annotations

from flask import Blueprint

from tracker.forms.entities import PersonForm
from tracker.repositories import people as repo
from tracker.views._crud import EntityPages, register_entity
from tracker.views.records import activity_context

bp = Blueprint("people", __name__)

# People's names and job titles are personal data: editors and admins only (docs/privacy.md).
register_entity(bp, EntityPages(
    kind=repo.PEOPLE, url="/people", form=PersonForm, label="Person", offer_prefix="person",
    personal=True,
    list_template="people/list.html", form_template="people/form.html",
    detail_template="people/detail.html", filters=("organisation",), prefill=("organisation",),
    list_context=lambda filters: {"organisation": filters["organisation"]},
    detail_context=lambda item_id: activity_context("person", item_id),
    edit_data=lambda found: {**found["item"],
                             "organisation": (found["organisation"] or {}).get("id")}))
