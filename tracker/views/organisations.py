"""Organisations (/organisations), their memberships (/memberships) and merging duplicates."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from tracker.auth import editor_required
from tracker.extensions import get_db
from tracker.forms.entities import (
    EntityForm,
    MembershipForm,
    MergeForm,
    OrganisationForm,
    RemoveMembershipForm,
)
from tracker.matching import AMBIGUOUS_CUTOFF, NEW
from tracker.repositories import merges
from tracker.repositories import organisations as repo
from tracker.repositories.entities import EntityError
from tracker.services import lists, matching
from tracker.views import _crud
from tracker.views._crud import EntityPages, register_entity
from tracker.views._helpers import apply_problems, get_or_404
from tracker.views.records import activity_context

bp = Blueprint("organisations", __name__)


def _match_offer(form: EntityForm) -> dict[str, Any] | None:
    """Before creating, show the organisations the matcher finds unless the user confirmed.

    Nothing is created while the name matches one we know (confidently or plausibly): the form
    comes back with "Is it one of these?" and an explicit "create a new organisation" box.
    """
    if isinstance(form, OrganisationForm) and form.create_anyway.data:
        return None
    answer = matching.match(get_db(), form.name.data or "")
    offered = [m for m in answer["matches"] if m["score"] >= AMBIGUOUS_CUTOFF][:5]
    if answer["decision"] == NEW or not offered:
        return None
    return {"matches": offered, "decision": answer["decision"]}


register_entity(bp, EntityPages(
    kind=repo.ORGANISATIONS, url="/organisations", form=OrganisationForm,
    label="Organisation", offer_prefix="organisation",
    list_template="organisations/list.html", form_template="organisations/form.html",
    detail_template="organisations/detail.html", filters=("type", "nation", "region"),
    list_context=lambda filters: {"filters": filters,
                                  "facets": lists.organisation_facets(get_db())},
    detail_context=lambda item_id: {
        "membership_form": MembershipForm(member=item_id, back=request.path),
        "merge_form": MergeForm(keep=item_id), **activity_context("organisation", item_id)},
    before_create=_match_offer))


@bp.route("/organisations/merge", methods=["GET", "POST"])
@editor_required
def merge() -> ResponseReturnValue:
    form = MergeForm(keep=request.args.get("keep"), drop=request.args.get("drop")) \
        if request.method == "GET" else MergeForm()
    # Nothing is merged unseen: a POST without `confirm` (from the unmatched page, say) only
    # shows the preview of what would move, with the button that confirms it.
    if form.validate_on_submit() and form.confirm.data == "yes":
        try:
            result = merges.merge(get_db(), form.drop.data, form.keep.data)
        except EntityError as exc:
            apply_problems(form, exc)
        except merges.MergeError as exc:
            flash(str(exc), "error")
        else:
            moved = sum(v for k, v in result["moved"].items() if k != "properties filled")
            flash(f"Merged “{result['source_name']}” into “{result['target_name']}”: "
                  f"{moved} relationships moved (merge {result['merge']}; it can be undone "
                  "from Admin → Merges).", "success")
            return redirect(url_for("organisations.detail", item_id=result["target"]))
    preview = None
    if form.keep.data and form.drop.data and not form.errors:
        try:
            merges.check(get_db(), form.drop.data[:100], form.keep.data[:100])
        except EntityError as exc:
            apply_problems(form, exc)
        else:
            preview = merges.preview(get_db(), form.drop.data[:100], form.keep.data[:100])
    form.confirm.data = "yes" if preview else ""
    return render_template("organisations/merge.html", form=form, preview=preview,
                           words=_crud.REL_WORDS), (400 if form.errors else 200)


# -- memberships (editable from both ends: each page posts here with its own `back`) -----------
@bp.route("/memberships", methods=["POST"])
@editor_required
def set_membership() -> ResponseReturnValue:
    form = MembershipForm()
    back = _crud.safe_back(form.back.data, url_for("organisations.index"))
    if form.validate_on_submit():
        try:
            found = repo.set_membership(get_db(), form.member.data, form.of.data,
                                        form.since.data, form.until.data)
        except EntityError as exc:
            apply_problems(form, exc)
        else:
            flash(f"“{found['member_name']}” is recorded as a member of “{found['of_name']}”.",
                  "success")
            return redirect(back)
    # The form again, with each problem on its field and both ends named (not just ids).
    names = repo.membership_names(get_db(), (form.member.data or "")[:100],
                                  (form.of.data or "")[:100])
    return render_template("organisations/membership.html", form=form, back=back,
                           membership=names), 400


@bp.route("/memberships/edit")
@editor_required
def edit_membership() -> ResponseReturnValue:
    member, of = request.args.get("member", "")[:100], request.args.get("of", "")[:100]
    found = get_or_404(repo.get_membership(get_db(), member, of))
    back = _crud.safe_back(request.args.get("back"), url_for("organisations.detail",
                                                             item_id=member))
    form = MembershipForm(data={"member": member, "of": of, "back": back})
    form.since.data = date.fromisoformat(found["since"]) if found["since"] else None
    form.until.data = date.fromisoformat(found["until"]) if found["until"] else None
    return render_template("organisations/membership.html", form=form, back=back,
                           membership=found)


@bp.route("/memberships/remove", methods=["POST"])
@editor_required
def remove_membership() -> ResponseReturnValue:
    form = RemoveMembershipForm()
    back = _crud.safe_back(form.back.data, url_for("organisations.index"))
    if not form.validate_on_submit():
        abort(400)
    if repo.remove_membership(get_db(), form.member.data, form.of.data):
        flash("Membership removed.", "success")
    else:
        flash("That membership was already gone.", "error")
    return redirect(back)
