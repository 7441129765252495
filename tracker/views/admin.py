"""Admin pages: the landing page, users, the audit trail and the JSON import upload."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.audit import entry
from tracker.auth import admin_required
from tracker.extensions import get_db
from tracker.forms.admin import AddUserForm, ChangeUserForm, ImportForm, SetPasswordForm
from tracker.forms.events import ConfirmForm
from tracker.interchange import SECTIONS
from tracker.repositories import audit as audit_repo
from tracker.repositories import merges, users

bp = Blueprint("admin", __name__, url_prefix="/admin")

# Uploads past this are refused with a message, before any parsing.
IMPORT_LIMIT = 64 * 1024 * 1024


@bp.before_request
@admin_required
def _admins_only() -> None:
    """Every page here is for admins."""


@bp.route("")
@bp.route("/")
def index():  # type: ignore[no-untyped-def]
    return render_template("admin/index.html")


@bp.route("/users", methods=["GET", "POST"])
def user_list():  # type: ignore[no-untyped-def]
    db = get_db()
    form = AddUserForm()
    if form.validate_on_submit():
        try:
            created = users.create(db, form.username.data, form.role.data, form.password.data)
        except users.UsernameTaken:
            form.username.errors = [f"The username {form.username.data!r} is taken."]
        else:
            flash(f"Added {created['role']} {created['username']}.", "success")
            return redirect(url_for("admin.user_list"))
    rows = [dict(u, form=ChangeUserForm(formdata=None, prefix=f"u{i}", data=u))
            for i, u in enumerate(users.list_all(db))]
    status = 400 if request.method == "POST" else 200
    return render_template("admin/users.html", form=form, rows=rows), status


@bp.route("/users/<user_id>", methods=["POST"])
def user_change(user_id: str):  # type: ignore[no-untyped-def]
    db = get_db()
    user = users.get(db, user_id)
    if user is None:
        abort(404)
    prefix = request.form.get("prefix", "")
    form = ChangeUserForm(prefix=prefix if prefix.startswith("u") and prefix[1:].isdigit() else "")
    if not form.validate_on_submit():
        flash("Choose one of the roles: " + ", ".join(users.ROLES) + ".", "error")
        return redirect(url_for("admin.user_list"))
    try:
        users.change(db, user_id, form.role.data, bool(form.active.data))
    except users.LastAdmin as exc:
        flash(str(exc), "error")
    else:
        state = "active" if form.active.data else "disabled"
        flash(f"{user['username']} is now {form.role.data} ({state}).", "success")
    return redirect(url_for("admin.user_list"))


@bp.route("/users/<user_id>/password", methods=["POST"])
def user_password(user_id: str):  # type: ignore[no-untyped-def]
    db = get_db()
    user = users.get(db, user_id)
    if user is None:
        abort(404)
    form = SetPasswordForm()
    if form.validate_on_submit():
        users.set_password(db, user_id, form.password.data)
        flash(f"Set a new password for {user['username']}.", "success")
    else:
        flash("The new password needs between 10 and 500 characters.", "error")
    return redirect(url_for("admin.user_list"))


@bp.route("/merges")
def merge_list():  # type: ignore[no-untyped-def]
    """Recent merges of organisations, each with an undo button while it can be undone."""
    return render_template("admin/merges.html", merges=merges.recent(get_db()),
                           form=ConfirmForm())


@bp.route("/merges/<merge_id>/undo", methods=["POST"])
def merge_undo(merge_id: str):  # type: ignore[no-untyped-def]
    """Undo one merge exactly (both organisations as they were), or say why it cannot be."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        done = merges.unmerge(get_db(), merge_id[:100])
    except merges.MergeError as exc:
        flash(str(exc), "error")
    else:
        flash(f"Undid the merge of “{done['source_name']}” into “{done['target_name']}”: "
              "both are back as they were.", "success")
    return redirect(url_for("admin.merge_list"))


@bp.route("/audit")
def audit():  # type: ignore[no-untyped-def]
    db = get_db()
    entity = (request.args.get("entity") or "").strip()[:100] or None
    user = (request.args.get("user") or "").strip()[:100] or None
    try:
        page_no = max(1, min(int(request.args.get("page", "1")), 1_000_000))
    except ValueError:
        page_no = 1
    page = audit_repo.list_entries(db, entity=entity, user=user, page=page_no,
                                   per_page=current_app.config["PAGE_SIZE"])
    return render_template("admin/audit.html", page=page, facets=audit_repo.facets(db),
                           entity=entity, user=user)


def _read_upload(form: ImportForm) -> tuple[Any, list[str]]:
    """The uploaded document, or the reasons it cannot be read as JSON."""
    raw = form.file.data.read(IMPORT_LIMIT + 1)
    if len(raw) > IMPORT_LIMIT:
        return None, [f"The file is larger than {IMPORT_LIMIT // (1024 * 1024)} MB."]
    try:
        return json.loads(raw.decode("utf-8-sig")), []
    except UnicodeDecodeError:
        return None, ["The file is not UTF-8 text."]
    except json.JSONDecodeError as exc:
        return None, [f"$: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."]
    except RecursionError:
        return None, ["$: the JSON is nested too deeply."]


@bp.route("/import", methods=["GET", "POST"])
def import_json():  # type: ignore[no-untyped-def]
    from tracker.repositories.graph import ImportProblems, import_document

    form = ImportForm()
    problems: list[str] = []
    counts: dict[str, Any] | None = None
    if form.validate_on_submit():
        doc, problems = _read_upload(form)
        if not problems:
            # import_document checks the whole document (shape and references) before writing.
            name = (form.file.data.filename or "upload.json")[:200]
            sizes = {k: len(doc[k]) for k in SECTIONS
                     if isinstance(doc, dict) and isinstance(doc.get(k), list)}
            try:
                counts = import_document(get_db(), doc, audit=[
                    entry("import", name, "import", {"file": name, **sizes})],
                    allow_similar=bool(form.allow_similar.data))
            except ImportProblems as exc:
                problems = [str(p) for p in exc.problems]
        if counts is not None:
            flash("Imported " + (form.file.data.filename or "the file") + ".", "success")
    status = 400 if request.method == "POST" and (problems or form.errors) else 200
    return render_template("admin/import.html", form=form, problems=problems,
                           counts=counts, me=current_user), status
