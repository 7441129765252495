"""Communities (/communities) and sub-communities (/sub-communities)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from tracker.extensions import get_db
from tracker.forms.entities import CommunityForm, SubCommunityForm
from tracker.repositories import communities as repo
from tracker.views._crud import EntityPages, register_entity
from tracker.views.networks import group_context

bp = Blueprint("communities", __name__)


def _sub_form(**kwargs: Any) -> SubCommunityForm:
    form = SubCommunityForm(**kwargs)
    form.community.choices = [("", "Choose…")] + [(c["id"], c["name"])
                                                    for c in repo.options(get_db())]
    return form


register_entity(bp, EntityPages(
    kind=repo.COMMUNITIES, url="/communities", form=CommunityForm, label="Community",
    offer_prefix="community", list_template="communities/list.html",
    form_template="communities/form.html", detail_template="groups/detail.html",
    detail_context=group_context("Community", "communities.")))

register_entity(bp, EntityPages(
    kind=repo.SUB_COMMUNITIES, url="/sub-communities", form=_sub_form, label="Sub-community",
    offer_prefix="sub-community", endpoint="sub_", list_template="communities/sub_list.html",
    form_template="communities/sub_form.html", detail_template="groups/detail.html",
    filters=("community",), prefill=("community",),
    list_context=lambda filters: {"communities": repo.options(get_db()),
                                  "community": filters["community"]},
    detail_context=group_context("SubCommunity", "communities.sub_"),
    edit_data=lambda found: {**found["item"],
                             "community": (found["community"] or {}).get("id")}))
