"""Spreadsheets in: upload an attendee list or a programme, review it, then commit it.

The upload streams to disk (werkzeug spools large bodies to a temporary file; we copy it in
chunks); the review lives server-side in a folder named by a random token (tracker.sheets.store),
so the cookie carries nothing and no name or address is kept in the review.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.auth import editor_required
from tracker.extensions import get_db
from tracker.forms.sheets import (
    ACCEPT,
    AttendanceUploadForm,
    DomainForm,
    ProgrammeUploadForm,
    ReviewForm,
)
from tracker.repositories import domains as domains_repo
from tracker.repositories import sheets as sheets_repo
from tracker.services import sheets as service
from tracker.sheets import store

bp = Blueprint("sheets", __name__)


def _root() -> Path:
    return Path(current_app.config.get("UPLOAD_DIR") or current_app.config["SETTINGS"].data_dir
                / "uploads")


def _owner() -> str:
    return str(current_user.get_id())


def _state(token: str) -> tuple[Path, Path, dict[str, Any]]:
    folder = store.folder(_root(), token, _owner())
    review = store.load_review(folder) if folder else None
    upload = store.upload_path(folder) if folder else None
    if folder is None or review is None or upload is None:
        abort(404, "This import is no longer waiting for review (it was committed, cancelled "
                   "or has expired): upload the file again.")
    return folder, upload, review


def _upload(form: Any, make_review: Any) -> Any:
    """Save the file, review it, keep the review; the review URL, or the error message."""
    file = form.file.data
    token, path = store.save_upload(_root(), file.stream, file.filename or "upload", _owner())
    folder = path.parent
    try:
        review = make_review(path, file.filename or path.name)
    except (service.SheetError, service.ImportRefused) as exc:
        store.discard(folder)
        return None, str(exc)
    store.save_review(folder, review)
    return url_for("sheets.review", token=token), None


@bp.route("/events/<event_id>/attendance/import", methods=["GET", "POST"])
@editor_required
def attendance_upload(event_id: str) -> ResponseReturnValue:
    event = sheets_repo.event(get_db(), event_id)
    if event is None:
        abort(404, f"No event has the id {event_id!r}.")
    form = AttendanceUploadForm()
    error = None
    if form.validate_on_submit():
        target, error = _upload(form, lambda path, name: service.review_attendance(
            get_db(), path, event_id, sheet=form.sheet.data or None,
            organisation_column=form.organisation_column.data or None,
            email_column=form.email_column.data or None, file_name=name))
        if target:
            return redirect(target)
    status = 400 if request.method == "POST" else 200
    return render_template("sheets/upload.html", form=form, error=error, event=event,
                           accept=ACCEPT, kind="attendance"), status


@bp.route("/events/import-sheet", methods=["GET", "POST"])
@editor_required
def programme_upload() -> ResponseReturnValue:
    form = ProgrammeUploadForm()
    error = None
    if form.validate_on_submit():
        target, error = _upload(form, lambda path, name: service.review_programme(
            get_db(), path, sheet=form.sheet.data or None, file_name=name))
        if target:
            return redirect(target)
    status = 400 if request.method == "POST" else 200
    return render_template("sheets/upload.html", form=form, error=error, event=None,
                           accept=ACCEPT, kind="programme"), status


def _choices(review: dict[str, Any], prefix: str, items: str, key: str) -> dict[str, str]:
    """The select values the review form sent, by value key (or domain)."""
    out = {}
    for item in review[items]:
        picked = request.form.get(f"{prefix}-{item['index']}", "")
        if picked:
            out[item[key]] = picked[:300]
    return out


@bp.route("/imports/<token>", methods=["GET", "POST"])
@editor_required
def review(token: str) -> ResponseReturnValue:
    folder, upload, data = _state(token)
    form = ReviewForm()
    choices = _choices(data, "choice", "values" if data["kind"] == "attendance" else "names", "key")
    domain_choices = _choices(data, "domain", "domains", "domain") \
        if data["kind"] == "attendance" else {}
    outcome = None
    if form.validate_on_submit():
        db = get_db()
        commit = request.form.get("action") == "commit"
        try:
            if data["kind"] == "attendance":
                outcome = service.commit_attendance(
                    db, data, upload, choices=choices, domain_choices=domain_choices,
                    keep_people=bool(form.keep_people.data), dry_run=not commit)
            else:
                outcome = service.commit_programme(db, data, choices=choices, dry_run=not commit)
        except sheets_repo.Vanished as exc:
            store.discard(folder)
            flash(str(exc), "error")
            return redirect(url_for("events.index"))
        if outcome["written"]:
            store.discard(folder)
            if data["kind"] == "attendance":
                flash(f"Recorded the attendance of {len(outcome['attendance'])} organisation(s) "
                      f"from {data['file']}" + (f" and {outcome['people']} people"
                                                 if outcome["people"] else "") + ".", "success")
                return redirect(url_for("events.show", event_id=data["event"]["id"],
                                        _anchor="attendance"))
            flash(f"Imported {len(outcome['events'])} event(s) and "
                  f"{len(outcome['contributions'])} contribution(s) from {data['file']}.",
                  "success")
            top = next((e for e in outcome["events"] if not e["parent"]), outcome["events"][0])
            return redirect(url_for("events.show", event_id=top["id"]))
    template = "sheets/review_attendance.html" if data["kind"] == "attendance" \
        else "sheets/review_programme.html"
    status = 400 if outcome is not None and outcome["problems"] else 200
    return render_template(template, review=data, form=form, outcome=outcome, token=token,
                           choices=choices, domain_choices=domain_choices,
                           note=service.KEEP_PEOPLE_NOTE, how_labels=service.HOW_LABELS), status


@bp.route("/imports/<token>/reread", methods=["POST"])
@editor_required
def reread(token: str) -> ResponseReturnValue:
    """Read the same upload again with another sheet or other columns (no second upload)."""
    folder, upload, data = _state(token)
    if not ReviewForm().validate_on_submit():
        abort(400)
    sheet = request.form.get("sheet") or None
    if sheet is not None and sheet not in data["sheets"]:
        abort(400, "No such sheet in this workbook.")
    try:
        if data["kind"] == "attendance":
            headers = set(data["headers"])
            org_col = request.form.get("organisation_column") or None
            email_col = request.form.get("email_column") or None
            if any(c is not None and c not in headers for c in (org_col, email_col)) \
                    and sheet == data["sheet"]:
                abort(400, "No such column in this sheet.")
            fresh = service.review_attendance(get_db(), upload, data["event"]["id"], sheet=sheet,
                                              organisation_column=org_col, email_column=email_col,
                                              file_name=data["file"])
        else:
            fresh = service.review_programme(get_db(), upload, sheet=sheet,
                                             file_name=data["file"])
    except (service.SheetError, service.ImportRefused) as exc:
        flash(f"{exc} The review below is unchanged.", "error")
    else:
        store.save_review(folder, fresh)
    return redirect(url_for("sheets.review", token=token))


@bp.route("/imports/<token>/cancel", methods=["POST"])
@editor_required
def cancel(token: str) -> ResponseReturnValue:
    folder, _upload_path, data = _state(token)
    if ReviewForm().validate_on_submit():
        store.discard(folder)
        flash(f"Cancelled: nothing from {data['file']} was written.", "success")
    if data["kind"] == "attendance":
        return redirect(url_for("events.show", event_id=data["event"]["id"]))
    return redirect(url_for("events.index"))


@bp.route("/domains", methods=["GET", "POST"])
def domains() -> ResponseReturnValue:
    form = DomainForm()
    error = None
    if request.method == "POST":
        if not current_user.can("editor"):
            abort(403)
        if form.validate_on_submit():
            try:
                done = domains_repo.set_domain(get_db(), form.domain.data, form.organisation.data)
            except domains_repo.DomainProblem as exc:
                error = str(exc)
            else:
                flash(f"{done['domain']} now identifies {done['name']}.", "success")
                return redirect(url_for("sheets.domains"))
    status = 400 if request.method == "POST" else 200
    return render_template("sheets/domains.html", rows=domains_repo.list_all(get_db()),
                           form=form, error=error, remove=ReviewForm()), status


@bp.route("/domains/<domain>/remove", methods=["POST"])
@editor_required
def remove_domain(domain: str) -> ResponseReturnValue:
    if ReviewForm().validate_on_submit() and domains_repo.remove(get_db(), domain):
        flash(f"Removed {domain} from the domain map.", "success")
    return redirect(url_for("sheets.domains"))
