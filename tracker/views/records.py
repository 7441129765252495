"""Notes and follow-ups on organisations, people and events: the forms on each record's page
post here; /follow-ups lists them (mine, all, overdue, done) with a CSV download.

People's notes and follow-ups are personal data: writing any note needs an editor, and viewers
never see those about people (the people pages already need an editor).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.auth import editor_required
from tracker.extensions import get_db
from tracker.forms.records import (
    BackForm,
    DoneForm,
    FollowUpForm,
    NoteEditForm,
    NoteForm,
    OnRecordForm,
)
from tracker.model import FOLLOW_UP_COLUMNS, FOLLOW_UP_SHOWS, RECORDS
from tracker.problems import Problems
from tracker.repositories import follow_ups, notes
from tracker.repositories.entities import NotFound
from tracker.services import activity
from tracker.views._crud import safe_back
from tracker.views._helpers import apply_problems, csv_response, get_or_404, page_number

bp = Blueprint("records", __name__)


def record_url(kind: str, record_id: str) -> str:
    """The page of an organisation, person or event."""
    return f"{RECORDS[kind].url}{record_id}" if kind in RECORDS else url_for("home.index")


def activity_context(kind: str, record_id: str) -> dict[str, Any]:
    """What a record's page shows of its activity, with the forms that add to it."""
    personal = current_user.can("editor")
    found = activity.record(get_db(), kind, record_id,
                            page=page_number(request.args.get("activity")), personal=personal)
    here = request.path
    return {"activity": found, "record_kind": kind, "record_id": record_id,
            "note_form": NoteForm(formdata=None, kind=kind, about=record_id, back=here),
            "follow_up_form": FollowUpForm(
                formdata=None, kind=kind, about=record_id, back=here,
                owner=current_user.username,
                due=dt.date.today() + dt.timedelta(days=current_app.config["FOLLOW_UP_DAYS"])),
            "back_form": BackForm(formdata=None, back=here)}


# -- notes ----------------------------------------------------------------------------------
def _posted_on_record(form: OnRecordForm) -> tuple[str, bool]:
    """Where to go back to and whether the form is valid; 400 when its record fields were not
    those of the page's own form (a kind or id no page offers)."""
    back = safe_back(form.back.data, record_url(form.kind.data, form.about.data or ""))
    valid = form.validate_on_submit()
    if form.kind.errors or form.about.errors:
        abort(400)
    return back, valid


@bp.route("/notes", methods=["POST"])
@editor_required
def add_note() -> ResponseReturnValue:
    form = NoteForm()
    back, valid = _posted_on_record(form)
    if valid:
        try:
            notes.add(get_db(), form.kind.data, form.about.data, form.text.data or "",
                      author=current_user.username)
        except Problems as exc:  # the record is gone: shown above the form
            apply_problems(form, exc)
        else:
            flash("Note added.", "success")
            return redirect(f"{back}#activity")
    return render_template("records/note_form.html", form=form, back=back, note=None), 400


def _changeable_note(note_id: str) -> dict[str, Any]:
    """The note, if the current user may change it (its author, or an admin); else 404/403."""
    note = get_or_404(notes.get(get_db(), note_id))
    if not notes.may_change(note, current_user.username, current_user.role):
        abort(403)
    return note


@bp.route("/notes/<note_id>/edit", methods=["GET", "POST"])
@editor_required
def edit_note(note_id: str) -> ResponseReturnValue:
    note = _changeable_note(note_id)
    default = record_url(note["kind"], note["about"])
    form = NoteEditForm() if request.method == "POST" else \
        NoteEditForm(formdata=None, text=note["text"], back=request.args.get("back"))
    back = safe_back(form.back.data, default)
    if form.validate_on_submit():
        try:
            notes.update(get_db(), note_id, form.text.data or "")
        except Problems as exc:
            apply_problems(form, exc)
        except NotFound:
            abort(404)
        else:
            flash("Note saved.", "success")
            return redirect(f"{back}#activity")
    status = 400 if request.method == "POST" else 200
    return render_template("records/note_form.html", form=form, back=back, note=note), status


@bp.route("/notes/<note_id>/delete", methods=["POST"])
@editor_required
def delete_note(note_id: str) -> ResponseReturnValue:
    note = _changeable_note(note_id)
    form = BackForm()
    if not form.validate_on_submit():
        abort(400)
    if notes.delete(get_db(), note_id):
        flash("Note deleted.", "success")
    return redirect(safe_back(form.back.data, record_url(note["kind"], note["about"]))
                    + "#activity")


# -- follow-ups -----------------------------------------------------------------------------
@bp.route("/follow-ups", methods=["POST"])
@editor_required
def add_follow_up() -> ResponseReturnValue:
    form = FollowUpForm()
    back, valid = _posted_on_record(form)
    if valid:
        try:
            follow_ups.add(get_db(), form.kind.data, form.about.data, form.title.data or "",
                           form.owner.data or "", form.due.data, user=current_user.username)
        except Problems as exc:  # a missing record shows above the form, an owner on its field
            apply_problems(form, exc)
        else:
            flash("Follow-up added.", "success")
            return redirect(f"{back}#follow-ups")
    return render_template("records/follow_up_form.html", form=form, back=back), 400


@bp.route("/follow-ups/<follow_up_id>/done", methods=["POST"])
@editor_required
def set_done(follow_up_id: str) -> ResponseReturnValue:
    form = DoneForm()
    if not form.validate_on_submit():
        abort(400)
    done = form.done.data == "1"
    found = get_or_404(follow_ups.set_done(get_db(), follow_up_id, done))
    flash("Follow-up marked done." if found["done_at"] else "Follow-up reopened.", "success")
    return redirect(safe_back(form.back.data, url_for("records.follow_up_list")))


@bp.route("/follow-ups/<follow_up_id>/delete", methods=["POST"])
@editor_required
def delete_follow_up(follow_up_id: str) -> ResponseReturnValue:
    form = BackForm()
    if not form.validate_on_submit():
        abort(400)
    if follow_ups.delete(get_db(), follow_up_id):
        flash("Follow-up deleted.", "success")
    return redirect(safe_back(form.back.data, url_for("records.follow_up_list")))


def _list_args() -> dict[str, Any]:
    """The list's filters from the query string (unknown values fall back to "mine")."""
    show = request.args.get("show", "mine")
    kind = request.args.get("kind") or None
    return {"show": show if show in FOLLOW_UP_SHOWS else "mine",
            "kind": kind if kind in RECORDS else None,
            "about": (request.args.get("about") or "")[:100] or None}


@bp.route("/follow-ups")
def follow_up_list() -> ResponseReturnValue:
    args = _list_args()
    found = follow_ups.listing(get_db(), args["show"], user=current_user.username,
                               kind=args["kind"], about=args["about"],
                               personal=current_user.can("editor"),
                               page=page_number(request.args.get("page")),
                               per_page=current_app.config["PAGE_SIZE"])
    return render_template("records/follow_ups.html", listing=found, shows=FOLLOW_UP_SHOWS,
                           done_form=DoneForm(formdata=None, back=request.full_path),
                           **args)


@bp.route("/follow-ups.csv")
def follow_up_csv() -> ResponseReturnValue:
    args = _list_args()
    found = follow_ups.listing(get_db(), args["show"], user=current_user.username,
                               kind=args["kind"], about=args["about"],
                               personal=current_user.can("editor"), per_page=100_000)
    return csv_response(f"follow-ups-{args['show']}.csv", FOLLOW_UP_COLUMNS, found["rows"])
