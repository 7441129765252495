"""Event, feedback and admin forms tested directly, without HTTP or a database."""

from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from tracker import create_app
from tracker.forms.admin import AddUserForm, ChangeUserForm
from tracker.forms.events import EventForm, FeedbackForm


@pytest.fixture(scope="module")
def form_app():
    # No database is touched: forms check shape only.
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "DATABASE": object()})


def make(form_app, cls=EventForm, **fields: str):
    with form_app.test_request_context(method="POST"):
        form = cls(formdata=MultiDict(fields))
        ok = form.validate()
        return form, ok


BASE = {"name": "Showcase", "start": "2023-11-14"}


def test_the_minimal_event_is_valid_and_blank_rows_are_ignored(form_app):
    form, ok = make(form_app, **BASE, **{"contributors-0-actor_name": "",
                                         "contributors-0-role": "",
                                         "attendance-0-attendees": ""})
    assert ok, form.errors
    data = form.to_data()
    assert data["name"] == "Showcase"
    assert data["start"] == dt.date(2023, 11, 14)
    assert data["contributors"] == []
    assert data["attendance"] == []


def test_name_and_start_are_required(form_app):
    form, ok = make(form_app, name="   ", start="")
    assert not ok
    assert form.name.errors
    assert form.start.errors


def test_an_end_before_the_start_is_refused(form_app):
    form, ok = make(form_app, **BASE, end="2023-11-13")
    assert not ok
    assert "before the start" in form.end.errors[0]


def test_a_bad_date_and_an_overlong_name_are_field_errors(form_app):
    form, ok = make(form_app, name="x" * 501, start="14/11/2023")
    assert not ok
    assert form.name.errors
    assert form.start.errors


def test_roles_must_come_from_the_allowed_list(form_app):
    form, ok = make(form_app, **BASE, **{"contributors-0-actor_name": "MoJ",
                                         "contributors-0-role": "overlord"})
    assert not ok
    assert form.contributors.entries[0].form.role.errors


def test_a_contributor_needs_both_a_name_and_a_role(form_app):
    form, ok = make(form_app, **BASE, **{"contributors-0-actor_name": "MoJ",
                                         "contributors-1-role": "host"})
    assert not ok
    assert form.contributors.entries[0].form.role.errors
    assert form.contributors.entries[1].form.actor_name.errors


@pytest.mark.parametrize("count", ["-1", "2.5", "many", "99999999999"])
def test_attendance_must_be_a_non_negative_whole_number(form_app, count):
    form, ok = make(form_app, **BASE, **{"attendance-0-organisation_name": "MoJ",
                                         "attendance-0-attendees": count})
    assert not ok
    assert form.attendance.entries[0].form.attendees.errors


def test_attendance_needs_a_count_and_zero_is_fine(form_app):
    form, ok = make(form_app, **BASE, **{"attendance-0-organisation_name": "MoJ"})
    assert not ok
    assert form.attendance.entries[0].form.attendees.errors
    form, ok = make(form_app, **BASE, **{"attendance-0-organisation_name": "MoJ",
                                         "attendance-0-attendees": "0"})
    assert ok, form.errors
    assert form.to_data()["attendance"][0]["attendees"] == 0


def test_duplicate_contributor_rows_are_refused(form_app):
    form, ok = make(form_app, **BASE, **{
        "contributors-0-actor": "moj", "contributors-0-actor_name": "MoJ",
        "contributors-0-role": "host",
        "contributors-1-actor": "moj", "contributors-1-actor_name": "MoJ",
        "contributors-1-role": "host",
        "contributors-2-actor": "moj", "contributors-2-actor_name": "MoJ",
        "contributors-2-role": "speaker"})
    assert not ok
    errors = [e.form.actor_name.errors for e in form.contributors.entries]
    assert errors[0] == []
    assert errors[1]
    assert errors[2] == []
    assert form.errors["contributors"]  # the refreshed summary shows it too


def test_the_same_organisation_twice_in_attendance_is_refused(form_app):
    form, ok = make(form_app, **BASE, **{
        "attendance-0-organisation_name": "MoJ", "attendance-0-attendees": "3",
        "attendance-1-organisation_name": "moj", "attendance-1-attendees": "4"})
    assert not ok
    assert form.attendance.entries[1].form.organisation_name.errors


def test_sessions_need_a_name_and_start_and_an_end_after_the_start(form_app):
    form, ok = make(form_app, **BASE, **{"sessions-0-id": "s1",
                                         "sessions-1-name": "Talk",
                                         "sessions-2-name": "Late", "sessions-2-start": "2023-11-15",
                                         "sessions-2-end": "2023-11-14"})
    assert not ok
    rows = [e.form for e in form.sessions.entries]
    assert rows[0].name.errors
    assert rows[0].start.errors
    assert rows[1].start.errors
    assert rows[2].end.errors


def test_a_session_cannot_be_the_event_itself_or_repeat_an_id(form_app):
    form, ok = make(form_app, **BASE, id="top", **{
        "sessions-0-id": "top", "sessions-0-name": "A", "sessions-0-start": "2023-11-14",
        "sessions-1-id": "s", "sessions-1-name": "B", "sessions-1-start": "2023-11-14",
        "sessions-2-id": "s", "sessions-2-name": "C", "sessions-2-start": "2023-11-14"})
    assert not ok
    assert form.sessions.entries[0].form.id.errors
    assert form.sessions.entries[2].form.id.errors
    assert not form.sessions.entries[1].form.id.errors


def test_an_event_cannot_be_part_of_itself(form_app):
    form, ok = make(form_app, **BASE, id="top", parent="top", parent_name="Top")
    assert not ok
    assert form.parent_name.errors


def test_ids_must_be_url_safe(form_app):
    form, ok = make(form_app, **BASE, id="has space/and slash")
    assert not ok
    assert form.id.errors


def test_removed_rows_leave_gaps_that_are_renumbered(form_app):
    form, ok = make(form_app, **BASE, **{
        "contributors-0-actor_name": "A", "contributors-0-role": "host",
        "contributors-7-actor_name": "B", "contributors-7-role": "partner"})
    assert ok, form.errors
    rows = form.to_data()["contributors"]
    assert [(r["actor_name"], r["_row"]) for r in rows] == [("A", 0), ("B", 1)]


def test_pad_rows_leaves_blank_rows_for_use_without_javascript(form_app):
    form, _ = make(form_app, **BASE, **{"contributors-0-actor_name": "A",
                                        "contributors-0-role": "host"})
    with form_app.test_request_context():
        form.pad_rows()
    assert len(form.contributors.entries) == 4
    assert len(form.sessions.entries) == 2


def test_hostile_text_passes_through_unchanged(form_app):
    hostile = "<script>alert(1)</script>' MATCH (n) DETACH DELETE n //\u202e\u0007 ünï"
    form, ok = make(form_app, name=hostile, start="2023-01-01",
                    **{"contributors-0-actor_name": hostile, "contributors-0-role": "host"})
    assert ok, form.errors
    assert form.to_data()["contributors"][0]["actor_name"] == hostile.strip()


def test_feedback_needs_an_organisation_a_rating_1_to_5_and_yes_or_no(form_app):
    form, ok = make(form_app, FeedbackForm, rating="6", work_together_again="maybe")
    assert not ok
    assert form.organisation_name.errors
    assert form.rating.errors
    assert form.work_together_again.errors
    form, ok = make(form_app, FeedbackForm, organisation_name="MoJ", rating="5",
                    work_together_again="no", comment="fine")
    assert ok, form.errors
    assert form.rating.data == 5


def test_admin_forms_check_usernames_roles_and_password_length(form_app):
    form, ok = make(form_app, AddUserForm, username="a b", role="root", password="short")
    assert not ok
    assert form.username.errors
    assert form.role.errors
    assert form.password.errors
    form, ok = make(form_app, AddUserForm, username="new.user", role="editor",
                    password="long enough password")
    assert ok, form.errors
    form, ok = make(form_app, ChangeUserForm, role="admin", active="y")
    assert ok
    assert form.active.data is True
