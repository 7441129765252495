"""Partner networks (/networks)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from tracker.forms.entities import MembershipForm, NetworkForm
from tracker.model import BY_LABEL
from tracker.repositories import networks as repo
from tracker.views._crud import EntityPages, register_entity

bp = Blueprint("networks", __name__)


def group_context(label: str, pages: str) -> Any:
    """The extra context of a group's detail page (templates/groups/detail.html)."""

    def context(item_id: str) -> dict[str, Any]:
        return {"kind": BY_LABEL[label], "pages": pages,
                "membership_form": MembershipForm(of=item_id, back=request.path)}

    return context


register_entity(bp, EntityPages(
    kind=repo.NETWORKS, url="/networks", form=NetworkForm, label="Partner network",
    offer_prefix="network", list_template="networks/list.html",
    form_template="networks/form.html", detail_template="groups/detail.html",
    detail_context=group_context("PartnerNetwork", "networks.")))
