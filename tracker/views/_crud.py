"""The entity areas' five pages (index, new, detail, edit, delete), registered by one helper.

In the style of Flask's ``register_api``: an area describes each kind of entity once with an
:class:`EntityPages` and calls :func:`register_entity`. Each flow is a form, one repository
call, then render or redirect (POST/redirect/GET) with a flash message. Repository problems
become field errors; nothing here sees a database record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from tracker.auth import editor_required
from tracker.extensions import get_db
from tracker.forms.entities import DeleteForm, EntityForm
from tracker.model import MAX_ID
from tracker.repositories.entities import EntityError, EntityKind, NotFound, offer_id
from tracker.repositories.versions import StaleEdit
from tracker.services import lists
from tracker.views._helpers import apply_problems, get_or_404, keep_for_another_save, page_number

# Relationship types in words, for delete confirmations.
REL_WORDS = {
    "MEMBER_OF": "membership links", "CONTRIBUTED": "contributions to events",
    "ATTENDED": "attendance records", "WORKS_AT": "employment links",
    "GAVE_FEEDBACK": "feedback records", "SUCCEEDED_BY": "succession links",
    "PART_OF": "part-of links", "SPOKE_AT": "speaker records",
    "ABOUT": "notes and follow-ups (deleted with it)",
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
    return lists.entity_page(get_db(), kind, q=q, sort=args.get("sort"),
                             desc=args.get("dir") == "desc", page=page_number(args.get("page")),
                             per_page=current_app.config["PAGE_SIZE"], **filters)


def create(kind: EntityKind, form: EntityForm, template: str, detail_endpoint: str,
           prefix: str, label: str, context: dict[str, Any] | None = None,
           before: Callable[[EntityForm], dict[str, Any] | None] | None = None) -> Any:
    """The create flow; `before` may return extra context to re-render instead of writing."""
    context = context or {}
    if form.validate_on_submit():
        if not form.id.data:
            # Offer the slug of the name; it shows in the id field if it clashes.
            form.id.data = offer_id(form.name.data or "", prefix)
        extra = before(form) if before else None
        if extra is None:
            try:
                kind.create(get_db(), form.id.data, form.values())
            except EntityError as exc:
                apply_problems(form, exc)
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
    status = 200
    if form.validate_on_submit():
        try:
            kind.update(get_db(), item_id, form.values(), version=form.version.data or None)
        except StaleEdit as exc:
            status = 409
            keep_for_another_save(form, exc)
        except EntityError as exc:
            apply_problems(form, exc)
        except NotFound:
            abort(404)
        else:
            flash(f"{label} “{form.name.data}” saved.", "success")
            return redirect(url_for(detail_endpoint, item_id=item_id))
    status = 400 if form.errors else status
    return render_template(template, form=form, creating=False, item_id=item_id,
                           **(context or {})), status


def delete(kind: EntityKind, item_id: str, label: str, index_endpoint: str,
           detail_endpoint: str) -> Any:
    """GET: a confirmation saying what else goes; POST: delete and go back to the list."""
    preview = get_or_404(kind.delete_preview(get_db(), item_id))
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


def _nothing(*_: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class EntityPages:
    """How one kind of entity shows on the site: URL, templates, form, words and hooks."""

    kind: EntityKind
    url: str  # "/networks": the list; "<url>/new", "<url>/<id>", "<url>/<id>/edit|delete"
    form: Callable[..., EntityForm]  # the form class (or a factory taking its keyword args)
    label: str  # "Partner network", in flash messages and confirmations
    offer_prefix: str  # "network": an id offered for a name with no Latin letters
    list_template: str
    form_template: str
    detail_template: str
    endpoint: str = ""  # endpoint prefix within the blueprint ("sub_" for a second kind)
    filters: tuple[str, ...] = ()  # list filters read from the query string
    prefill: tuple[str, ...] = ()  # fields the new-page form takes from the query string
    get: Callable[[str], dict[str, Any] | None] | None = None  # detail data (default kind.get)
    list_context: Callable[[dict[str, Any]], dict[str, Any]] = _nothing
    detail_context: Callable[[str], dict[str, Any]] = _nothing
    edit_data: Callable[[dict[str, Any]], dict[str, Any]] = field(
        default=lambda found: found["item"])
    form_context: Callable[[], dict[str, Any]] = _nothing
    before_create: Callable[[EntityForm], dict[str, Any] | None] | None = None
    personal: bool = False  # personal data: even reading needs an editor (docs/privacy.md)

    def endpoint_of(self, bp: Blueprint, page: str) -> str:
        """The full endpoint name of one of the five pages ('networks.detail')."""
        return f"{bp.name}.{self.endpoint}{page}"


def register_entity(bp: Blueprint, pages: EntityPages) -> None:
    """Add the five pages of one kind of entity to bp (edits, and reading personal data, need an editor)."""
    detail_endpoint = pages.endpoint_of(bp, "detail")

    def index() -> Any:
        filters = {k: (request.args.get(k) or "")[:MAX_ID] or None for k in pages.filters}
        return render_template(pages.list_template, listing=listing(pages.kind, **filters),
                               **pages.list_context(filters))

    def new() -> Any:
        form = pages.form(**{k: request.args.get(k) for k in pages.prefill}) \
            if request.method == "GET" else pages.form()
        return create(pages.kind, form, pages.form_template, detail_endpoint,
                      pages.offer_prefix, pages.label, pages.form_context(),
                      before=pages.before_create)

    def detail(item_id: str) -> Any:
        # Each paged section of the page has its own page argument (?events=2&partners=3).
        section_pages = {name: page_number(request.args.get(name))
                         for name, _ in pages.kind.sections}
        found = get_or_404((pages.get or (
            lambda i: lists.detail(get_db(), pages.kind, i, section_pages)))(item_id))
        return render_template(pages.detail_template, **found, **pages.detail_context(item_id))

    def edit_page(item_id: str) -> Any:
        found = get_or_404(pages.kind.get(get_db(), item_id))
        form = pages.form(data=pages.edit_data(found)) if request.method == "GET" \
            else pages.form()
        if request.method == "GET":
            form.version.data = pages.kind.version(found)
        keep = getattr(form, "keep", None)  # choices that must still offer the stored value
        if keep is not None:
            keep(pages.edit_data(found))
        return edit(pages.kind, item_id, form, pages.form_template, detail_endpoint,
                    pages.label, pages.form_context())

    def delete_page(item_id: str) -> Any:
        return delete(pages.kind, item_id, pages.label, pages.endpoint_of(bp, "index"),
                      detail_endpoint)

    e = pages.endpoint
    def read(view: Callable[..., Any]) -> Callable[..., Any]:
        return editor_required(view) if pages.personal else view

    bp.add_url_rule(pages.url, f"{e}index", read(index))
    bp.add_url_rule(f"{pages.url}/new", f"{e}new", editor_required(new), methods=["GET", "POST"])
    bp.add_url_rule(f"{pages.url}/<item_id>", f"{e}detail", read(detail))
    bp.add_url_rule(f"{pages.url}/<item_id>/edit", f"{e}edit", editor_required(edit_page),
                    methods=["GET", "POST"])
    bp.add_url_rule(f"{pages.url}/<item_id>/delete", f"{e}delete",
                    editor_required(delete_page), methods=["GET", "POST"])
