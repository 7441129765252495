"""Forms for notes and follow-ups on a record (organisation, person or event): shape only.

Whether the record, the note or the owner exists is the repository's answer.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from tracker.model import MAX_ID, MAX_NAME, MAX_NOTE, RECORDS


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class OnRecordForm(FlaskForm):
    """Which record the form is about, and the page to go back to."""

    kind = HiddenField(validators=[AnyOf(tuple(RECORDS))])
    about = HiddenField(validators=[DataRequired(), Length(max=MAX_ID)])
    back = HiddenField()


class NoteForm(OnRecordForm):
    """A new note."""

    text = TextAreaField("Note", filters=[_strip], validators=[
        DataRequired("Write the note first."),
        Length(max=MAX_NOTE, message=f"A note has at most {MAX_NOTE} characters.")])


class NoteEditForm(FlaskForm):
    """A note's new text."""

    text = TextAreaField("Note", filters=[_strip], validators=[
        DataRequired("Write the note first."),
        Length(max=MAX_NOTE, message=f"A note has at most {MAX_NOTE} characters.")])
    back = HiddenField()


class FollowUpForm(OnRecordForm):
    """A new follow-up."""

    title = StringField("What is to be done", filters=[_strip], validators=[
        DataRequired("Say what is to be done."), Length(max=MAX_NAME)])
    owner = StringField("Owner (username)", filters=[_strip], validators=[
        DataRequired("Pick who owns it."), Length(max=MAX_NAME)])
    due = DateField("Due", validators=[DataRequired("Give a due date (YYYY-MM-DD).")])


class DoneForm(FlaskForm):
    """Mark a follow-up done ("1") or not done ("0")."""

    done = HiddenField(validators=[AnyOf(("0", "1"))])
    back = HiddenField()


class BackForm(FlaskForm):
    """A bare POST (delete) with the page to go back to."""

    back = HiddenField()
