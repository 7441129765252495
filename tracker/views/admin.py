"""Admin pages: the landing page, users, the audit trail and the JSON import upload."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.auth import admin_required
from tracker.extensions import get_db
from tracker.forms.admin import AddUserForm, ChangeUserForm, ImportForm, SetPasswordForm
from tracker.forms.events import ConfirmForm
from tracker.repositories import audit as audit_repo
from tracker.repositories import merges, users

bp = Blueprint("admin", __name__, url_prefix="/admin")

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


@bp.route("/import", methods=["GET", "POST"])
def import_json():  # type: ignore[no-untyped-def]
    """Upload: streamed to a file, then imported by a background job (see import_job)."""
    from tracker.services import imports

    form = ImportForm()
    if form.validate_on_submit():
        name = (form.file.data.filename or "upload.json")[:200]
        folder = current_app.config["SETTINGS"].data_dir / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{uuid.uuid4().hex}.json"
        form.file.data.save(path)  # werkzeug spooled the upload to disk; this copies in chunks
        job_id = imports.start_job(get_db(), path, name, current_user.username,
                                   allow_similar=bool(form.allow_similar.data))
        return redirect(url_for("admin.import_job", job_id=job_id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("admin/import.html", form=form, problems=[], counts=None,
                           me=current_user), status


@bp.route("/import/<job_id>")
def import_job(job_id: str):  # type: ignore[no-untyped-def]
    """Where an import job is: progress while it runs, then its counts or every problem."""
    from tracker.repositories import imports as jobs

    job = jobs.get(get_db(), job_id[:64])
    if job is None:
        abort(404, "No such import job.")
    return render_template("admin/import_job.html", job=job)
