"""Collaborations (events): list, detail, log/edit in one form, delete, feedback."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from tracker.auth import editor_required
from tracker.extensions import get_db
from tracker.forms.events import ConfirmForm, EventForm, FeedbackForm
from tracker.matching import CREATE_NEW
from tracker.model import ROLES
from tracker.problems import Problems
from tracker.repositories import events as repo
from tracker.repositories.versions import StaleEdit
from tracker.services import growth, lists
from tracker.views._helpers import apply_problems, get_or_404, keep_for_another_save, page_number
from tracker.views.records import activity_context

bp = Blueprint("events", __name__)


SORT_LABELS = {"start_desc": "Newest first", "start_asc": "Oldest first",
               "name_asc": "Name A–Z", "name_desc": "Name Z–A"}


def _int_arg(name: str, default: int | None = None) -> int | None:
    raw = request.args.get(name, "")
    try:
        number = int(raw)
    except ValueError:
        return default
    # Years and page numbers beyond these are typos, not requests.
    return number if -1_000_000 < number < 1_000_000 else default


@bp.route("/events")
def index() -> ResponseReturnValue:
    sort = request.args.get("sort", repo.DEFAULT_SORT)
    if sort not in repo.SORTS:
        sort = repo.DEFAULT_SORT
    role = request.args.get("role") or None
    if role not in ROLES:
        role = None
    filters: dict[str, Any] = {"q": (request.args.get("q") or "").strip()[:200] or None,
               "year": _int_arg("year"), "role": role,
               "actor": (request.args.get("actor") or "").strip()[:200] or None,
               "sessions": request.args.get("sessions") == "1"}
    db = get_db()
    page = lists.events_page(db, sort=sort, page=page_number(request.args.get("page")),
                             per_page=current_app.config["PAGE_SIZE"], **filters)
    return render_template("events/list.html", page=page, filters=filters, sort=sort,
                           sorts=SORT_LABELS, roles=ROLES, years=lists.event_years(db))


@bp.route("/events/new", methods=["GET", "POST"])
@editor_required
def create() -> ResponseReturnValue:
    form = EventForm()
    if request.method == "GET" and request.args.get("parent"):
        # "Add a session" links from an event page pre-fill the parent.
        form.parent.data = request.args["parent"][:100]
        form.parent_name.data = request.args.get("parent_name", request.args["parent"])[:200]
    return _save(form, None)


@bp.route("/events/<event_id>/edit", methods=["GET", "POST"])
@editor_required
def edit(event_id: str) -> ResponseReturnValue:
    event = get_or_404(repo.get(get_db(), event_id))
    form = EventForm() if request.method == "POST" else \
        EventForm(formdata=None, data=repo.form_data(event))
    form.id.data = event_id  # the id of an existing event never changes
    if request.method == "GET":
        form.version.data = repo.version(event)
    return _save(form, event)


def _save(form: EventForm, event: dict[str, Any] | None) -> ResponseReturnValue:
    """Validate, write in one transaction, redirect; or show the form with every problem."""
    general: list[str] = []
    stale = False
    choices: dict[str, list[dict[str, Any]]] = {}
    event_id = event["event"]["id"] if event else None
    if form.validate_on_submit():
        notes: list[str] = []
        try:
            saved = repo.save(get_db(), form.to_data(), event_id, notes,
                              version=form.version.data or None)
        except StaleEdit as exc:
            stale = True
            keep_for_another_save(form, exc)
        except Problems as exc:
            general = apply_problems(form, exc, general=True)
            choices = exc.choices
        else:
            flash(f"Saved “{form.name.data}”." if event else
                  f"Logged the collaboration “{form.name.data}”.", "success")
            if notes:
                flash("Typed names matched to existing organisations: " + "; ".join(notes)
                      + ".", "success")
            return redirect(url_for("events.show", event_id=saved))
    form.pad_rows()
    failed = request.method == "POST"
    existing_sessions = {s["id"] for s in event["sessions"] if s["parent"] == event_id} \
        if event else set()
    return render_template("events/form.html", form=form, event=event, general=general,
                           roles=ROLES, existing_sessions=existing_sessions,
                           choices=choices, create_new=CREATE_NEW), \
        (409 if stale else 400 if failed else 200)


@bp.route("/events/<event_id>")
def show(event_id: str) -> ResponseReturnValue:
    db = get_db()
    event = get_or_404(repo.get(db, event_id))
    # What the collaboration changed (a session answers for its collaboration), for the
    # summary and the link to the full impact report: right after an edit, the previous
    # summary with a notice while the timeline is replayed.
    served = growth.impact_served(db, event_id)
    return render_template("events/detail.html", e=event, confirm=ConfirmForm(),
                           impact=served.value, updating=served.updating,
                           demo=event["event"].get("demo") is True,
                           **activity_context("event", event_id))


@bp.route("/events/<event_id>/delete", methods=["GET", "POST"])
@editor_required
def delete(event_id: str) -> ResponseReturnValue:
    db = get_db()
    preview = get_or_404(repo.delete_preview(db, event_id))
    form = ConfirmForm()
    if form.validate_on_submit():
        deleted = repo.delete(db, event_id)
        flash(f"Deleted “{preview['name']}”" + (f" and {len(deleted) - 1} session(s)."
                                                 if len(deleted) > 1 else "."), "success")
        return redirect(url_for("events.index"))
    return render_template("events/delete.html", preview=preview, form=form)


@bp.route("/events/<event_id>/feedback", methods=["GET", "POST"])
@editor_required
def feedback(event_id: str) -> ResponseReturnValue:
    db = get_db()
    organisation = (request.values.get("organisation") or "")[:100]
    context = get_or_404(repo.feedback_context(db, event_id, organisation))
    if request.method == "POST":
        form = FeedbackForm()
    else:
        again = context["work_together_again"]
        form = FeedbackForm(formdata=None, data={
            "organisation": context["organisation_id"] or "",
            "organisation_name": context["organisation_name"] or "",
            "rating": context["rating"],
            "work_together_again": None if again is None else ("yes" if again else "no"),
            "comment": context["comment"] or ""})
    if form.validate_on_submit():
        try:
            name = repo.save_feedback(db, event_id, form.organisation.data,
                                      form.organisation_name.data, int(form.rating.data),
                                      form.work_together_again.data == "yes",
                                      form.comment.data or None,
                                      current_app.config["FOLLOW_UP_DAYS"])
        except Problems as exc:
            apply_problems(form, exc)
        else:
            flash(f"Saved the feedback of {name}.", "success")
            return redirect(url_for("events.show", event_id=event_id) + "#feedback")
    status = 400 if request.method == "POST" else 200
    return render_template("events/feedback.html", form=form, context=context,
                           confirm=ConfirmForm()), status


@bp.route("/events/<event_id>/feedback/<organisation>/delete", methods=["POST"])
@editor_required
def delete_feedback(event_id: str, organisation: str) -> ResponseReturnValue:
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    if repo.delete_feedback(get_db(), event_id, organisation):
        flash("Removed the feedback.", "success")
    return redirect(url_for("events.show", event_id=event_id) + "#feedback")

