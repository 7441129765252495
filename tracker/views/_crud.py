"""Shared list/create/edit/delete flows for the entity areas (no blueprint of its own).

Each flow is: a form, one repository call, then render or redirect (POST/redirect/GET) with a
flash message. Repository errors become field errors; nothing here sees a database record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from tracker.extensions import get_db
from tracker.forms.entities import DeleteForm, EntityForm
from tracker.repositories.entities import EntityError, EntityKind, NotFound, slugify, to_page

# Relationship types in words, for delete confirmations.
REL_WORDS = {
    "MEMBER_OF": "membership links", "CONTRIBUTED": "contributions to events",
    "ATTENDED": "attendance records", "WORKS_AT": "employment links",
    "GAVE_FEEDBACK": "feedback records", "SUCCEEDED_BY": "succession links",
    "PART_OF": "part-of links", "SPOKE_AT": "speaker records",
}


def safe_back(target: str | None, default: str) -> str:
    """Only same-site paths are followed after a write."""
    if target and target.startswith("/") and not target.startswith("//") \
            and not urlsplit(target).netloc and "\\" not in target:
        return target
    return default


def listing(kind: EntityKind, **filters: Any) -> dict[str, Any]:
    """One page of `kind` from the query string (q, sort, dir, page and the kind's filters)."""
    args = request.args
    q = (args.get("q") or "")[:200]
    return kind.list(get_db(), q=q, sort=args.get("sort"), desc=args.get("dir") == "desc",
                     page=to_page(args.get("page")), per_page=current_app.config["PAGE_SIZE"],
                     **filters)


def apply_error(form: FlaskForm, exc: EntityError) -> None:
    """Show a repository refusal on the field it concerns (else on the form's first field)."""
    if exc.field in form:
        target = form[exc.field]
    else:
        target = next(f for f in form if f.type not in ("CSRFTokenField", "HiddenField"))
    target.errors = [*list(target.errors), exc.message]


def create(kind: EntityKind, form: EntityForm, template: str, detail_endpoint: str,
           prefix: str, label: str, context: dict[str, Any] | None = None,
           before: Callable[[EntityForm], dict[str, Any] | None] | None = None) -> Any:
    """The create flow; `before` may return extra context to re-render instead of writing."""
    context = context or {}
    if form.validate_on_submit():
        if not form.id.data:
            # Offer the slug of the name; it shows in the id field if it clashes.
            form.id.data = slugify(form.name.data or "", prefix)
        extra = before(form) if before else None
        if extra is None:
            try:
                kind.create(get_db(), form.id.data, form.values())
            except EntityError as exc:
                apply_error(form, exc)
            else:
                flash(f"{label} “{form.name.data}” created.", "success")
                return redirect(url_for(detail_endpoint, item_id=form.id.data))
        else:
            context.update(extra)
    status = 400 if form.errors else 200
    return render_template(template, form=form, creating=True, **context), status


def edit(kind: EntityKind, item_id: str, form: EntityForm, template: str,
         detail_endpoint: str, label: str, context: dict[str, Any] | None = None) -> Any:
    """The edit flow (the id is fixed: it is the stable key)."""
    form.id.data = item_id
    if form.validate_on_submit():
        try:
            kind.update(get_db(), item_id, form.values())
        except EntityError as exc:
            apply_error(form, exc)
        except NotFound:
            abort(404)
        else:
            flash(f"{label} “{form.name.data}” saved.", "success")
            return redirect(url_for(detail_endpoint, item_id=item_id))
    status = 400 if form.errors else 200
    return render_template(template, form=form, creating=False, item_id=item_id,
                           **(context or {})), status


def delete(kind: EntityKind, item_id: str, label: str, index_endpoint: str,
           detail_endpoint: str) -> Any:
    """GET: a confirmation saying what else goes; POST: delete and go back to the list."""
    preview = kind.delete_preview(get_db(), item_id)
    if preview is None:
        abort(404)
    form = DeleteForm()
    blocked = bool(preview.get("blockers"))
    if request.method == "POST" and form.validate_on_submit() and not blocked:
        if kind.delete(get_db(), item_id):
            flash(f"{label} “{preview['name']}” deleted.", "success")
        else:
            flash(f"{label} “{preview['name']}” could not be deleted.", "error")
            return redirect(url_for(detail_endpoint, item_id=item_id))
        return redirect(url_for(index_endpoint))
    status = 409 if request.method == "POST" and blocked else 200
    return render_template("organisations/confirm_delete.html", preview=preview, form=form,
                           label=label, blocked=blocked, words=REL_WORDS,
                           cancel=url_for(detail_endpoint, item_id=item_id)), status
