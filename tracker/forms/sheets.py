"""Spreadsheet import forms: the upload and the review. Shape only: no database here."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, StringField
from wtforms.validators import Length, Optional

ACCEPT = ".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class AttendanceUploadForm(FlaskForm):
    """An attendee list for one event, with optional sheet and column names."""

    file = FileField("Attendee list (CSV, Teams attendance report or .xlsx)",
                     validators=[FileRequired("Choose a file.")])
    sheet = StringField("Sheet (.xlsx only; default: the first)", filters=[_strip],
                        validators=[Optional(), Length(max=100)])
    organisation_column = StringField("Organisation column (default: detected)", filters=[_strip],
                                      validators=[Optional(), Length(max=200)])
    email_column = StringField("E-mail column (default: detected)", filters=[_strip],
                               validators=[Optional(), Length(max=200)])


class ProgrammeUploadForm(FlaskForm):
    """A programme sheet: one row per event or session."""

    file = FileField("Programme sheet (CSV or .xlsx)", validators=[FileRequired("Choose a file.")])
    sheet = StringField("Sheet (.xlsx only; default: the first)", filters=[_strip],
                        validators=[Optional(), Length(max=100)])


class ReviewForm(FlaskForm):
    """The review's own fields; the choice per value is read from `choice-<n>` selects."""

    keep_people = BooleanField("Keep people (names and their organisations) as well as counts")


class DomainForm(FlaskForm):
    """Confirm that an e-mail domain identifies an organisation."""

    domain = StringField("E-mail domain", filters=[_strip],
                         validators=[Length(min=3, max=253)])
    organisation = StringField("Organisation id", filters=[_strip],
                               validators=[Length(min=1, max=200)])
