"""Admin pages: the landing page, users, the audit trail and the JSON import upload."""

from __future__ import annotations

import uuid
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.utils import secure_filename

from tracker.auth import admin_required
from tracker.extensions import get_db
from tracker.forms.admin import AddUserForm, ChangeUserForm, EraseForm, ImportForm, SetPasswordForm
from tracker.forms.events import ConfirmForm
from tracker.repositories import audit as audit_repo
from tracker.repositories import imports as jobs
from tracker.repositories import merges, users
from tracker.repositories import privacy as privacy_repo
from tracker.security import passwords, throttle, tokens
from tracker.services import imports
from tracker.views._helpers import get_or_404, page_number
from tracker.views.account import token_page

bp = Blueprint("admin", __name__, url_prefix="/admin")

@bp.before_request
@admin_required
def _admins_only() -> None:
    """Every page here is for admins."""


@bp.route("")
@bp.route("/")
def index() -> ResponseReturnValue:
    return render_template("admin/index.html")


@bp.route("/users", methods=["GET", "POST"])
def user_list() -> ResponseReturnValue:
    db = get_db()
    form = AddUserForm()
    if form.validate_on_submit() and not _policy_refuses(form.password, form.username.data):
        try:
            # A password an admin typed is known to two people: it works for one login only.
            created = users.create(db, form.username.data, form.role.data, form.password.data,
                                   must_change=True)
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
def user_change(user_id: str) -> ResponseReturnValue:
    db = get_db()
    user = get_or_404(users.get(db, user_id))
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
def user_password(user_id: str) -> ResponseReturnValue:
    db = get_db()
    user = get_or_404(users.get(db, user_id))
    form = SetPasswordForm()
    if not form.validate_on_submit():
        flash("The new password needs between 12 and 500 characters.", "error")
    elif _policy_refuses(form.password, user["username"]):
        flash(" ".join(form.password.errors), "error")
    else:
        # A reset ends the user's sessions and must be replaced at their next login.
        users.set_password(db, user_id, form.password.data, must_change=True)
        throttle.clear_account(db, user["username"])  # a reset also lifts a lockout
        flash(f"Set a one-time password for {user['username']}: they choose their own at "
              f"their next login.", "success")
    return redirect(url_for("admin.user_list"))


def _policy_refuses(field: Any, username: str | None) -> bool:
    """Put the password policy's objections on the field; True when there are any."""
    problems = passwords.problems(field.data or "", username)
    field.errors = [*list(field.errors), *problems]
    return bool(problems)


@bp.route("/tokens")
def token_list() -> ResponseReturnValue:
    return token_page(True, None)


@bp.route("/tokens/<token_id>/revoke", methods=["POST"])
def token_revoke(token_id: str) -> ResponseReturnValue:
    if tokens.revoke(get_db(), token_id[:40], None) is None:
        flash("There is no such active token.", "error")
    else:
        flash("Token revoked.", "success")
    return redirect(url_for("admin.token_list"))


@bp.route("/merges")
def merge_list() -> ResponseReturnValue:
    """Recent merges of organisations, each with an undo button while it can be undone."""
    return render_template("admin/merges.html", merges=merges.recent(get_db()),
                           form=ConfirmForm())


@bp.route("/merges/<merge_id>/undo", methods=["POST"])
def merge_undo(merge_id: str) -> ResponseReturnValue:
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
def audit() -> ResponseReturnValue:
    db = get_db()
    entity = (request.args.get("entity") or "").strip()[:100] or None
    user = (request.args.get("user") or "").strip()[:100] or None
    page = audit_repo.list_entries(db, entity=entity, user=user,
                                   page=page_number(request.args.get("page")),
                                   per_page=current_app.config["PAGE_SIZE"])
    return render_template("admin/audit.html", page=page, facets=audit_repo.facets(db),
                           entity=entity, user=user)


@bp.route("/import", methods=["GET", "POST"])
def import_json() -> ResponseReturnValue:
    """Upload: streamed to a file, then imported by a background job (see import_job)."""
    form = ImportForm()
    if form.validate_on_submit():
        name = (form.file.data.filename or "upload.json")[:200]
        folder = current_app.config["SETTINGS"].data_dir / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{uuid.uuid4().hex}.json"
        form.file.data.save(path)  # werkzeug spooled the upload to disk; this copies in chunks
        job_id = imports.start_job(get_db(), path, name, current_user.username,
                                   allow_similar=bool(form.allow_similar.data),
                                   follow_up_days=current_app.config["FOLLOW_UP_DAYS"])
        return redirect(url_for("admin.import_job", job_id=job_id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("admin/import.html", form=form, problems=[], counts=None,
                           me=current_user), status


@bp.route("/import/<job_id>")
def import_job(job_id: str) -> ResponseReturnValue:
    """Where an import job is: progress while it runs, then its counts or every problem."""
    job = jobs.get(get_db(), job_id[:64])
    if job is None:
        abort(404, "No such import job.")
    return render_template("admin/import_job.html", job=job)


@bp.route("/people/<person_id>/export")
def person_export(person_id: str) -> ResponseReturnValue:
    try:
        doc = privacy_repo.export_person(get_db(), person_id)
    except privacy_repo.NoSuchPerson as exc:
        abort(404, str(exc))
    response = jsonify(doc)
    response.headers["Content-Disposition"] = \
        f'attachment; filename="subject-access-{secure_filename(person_id) or "person"}.json"'
    return response


@bp.route("/people/<person_id>/erase", methods=["GET", "POST"])
def person_erase(person_id: str) -> ResponseReturnValue:
    db = get_db()
    try:
        doc = privacy_repo.export_person(db, person_id)
    except privacy_repo.NoSuchPerson as exc:
        abort(404, str(exc))
    form = EraseForm()
    if form.validate_on_submit():
        counts = privacy_repo.erase_person(db, person_id, form.reason.data or "")
        flash(f"Erased the person: {counts['relationships_removed']} link(s) removed, "
              f"{counts['audit_entries_redacted']} audit entr(ies) redacted.", "success")
        return redirect(url_for("admin.privacy"))
    return render_template("admin/erase.html", doc=doc, form=form), (400 if form.errors else 200)


@bp.route("/privacy")
def privacy() -> ResponseReturnValue:
    setting = int(current_app.config["PEOPLE_RETENTION_MONTHS"])
    try:
        months = max(1, min(int(request.args.get("months", setting)), 1200))
    except ValueError:
        months = setting
    return render_template("admin/privacy.html", months=months, setting=setting,
                           rows=privacy_repo.review(get_db(), months))
