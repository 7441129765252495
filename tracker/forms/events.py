"""Collaboration (event) forms: the event with its rows of contributors, attendance, sessions
and speakers, feedback, and the bare confirmation form. Shape only: no database here."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    Field,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from tracker.matching import CREATE_NEW  # noqa: F401  (the forms' answer to create)
from tracker.model import ID_REGEXP, ID_RULE, MAX_COMMENT, MAX_ID, MAX_NAME, ROLES, one_newline
from tracker.rows import REPEATED, repeated_rows

# The same limits as every other entry path, so anything imported can be edited here.
NAME_MAX = MAX_NAME
ID_MAX = MAX_ID
COMMENT_MAX = MAX_COMMENT
MAX_ROWS = 200
MAX_ATTENDEES = 10_000_000
ID_PATTERN = ID_REGEXP
ID_MESSAGE = f"Use {ID_RULE}."
# How many blank rows a form shows so that it works without JavaScript.
BLANK_ROWS = {"contributors": 3, "attendance": 3, "sessions": 2, "speakers": 2}


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _blank(*values: Any) -> bool:
    return all(v in (None, "") for v in values)


def _id_field(label: str) -> HiddenField:
    # A picked id comes from the database (the picker or the edit form); every entry path
    # holds ids to the same rule, so it is checked like a typed one.
    return HiddenField(label, filters=[_strip], validators=[
        Optional(), Length(max=ID_MAX), Regexp(ID_PATTERN, message=ID_MESSAGE)])


def _name_field(label: str, picker: str) -> StringField:
    # The picker script (static/js/picker.js) turns this into a searchable field that fills the
    # hidden id beside it; without JavaScript the typed name is looked up or created.
    return StringField(label, filters=[_strip], validators=[Length(max=NAME_MAX)],
                       render_kw={"data-picker": picker, "autocomplete": "off"})


def _choice_field() -> StringField:
    # "Is it one of these?": the id of an existing organisation, or CREATE_NEW. Rendered as
    # radio buttons by the template when the typed name needs a choice (works without JS).
    return StringField("Choice", filters=[_strip], validators=[Optional(), Length(max=ID_MAX)])


class ContributorRow(Form):
    """One contributor: an actor (picked or typed) and its role."""

    actor = _id_field("Actor id")
    actor_name = _name_field("Organisation or network", "actor")
    actor_choice = _choice_field()
    role = SelectField("Role", choices=[("", "(choose a role)")] + [(r, r) for r in ROLES],
                       default="")

    def is_blank(self) -> bool:
        return _blank(self.actor.data, self.actor_name.data, self.role.data)

    def validate_actor_name(self, field: StringField) -> None:
        if self.role.data and _blank(self.actor.data, field.data):
            raise ValidationError("Pick or type who contributed.")

    def validate_role(self, field: SelectField) -> None:
        if not field.data and not _blank(self.actor.data, self.actor_name.data):
            raise ValidationError(f"Choose a role: {', '.join(ROLES)}.")


class AttendanceRow(Form):
    """One organisation's attendance count."""

    organisation = _id_field("Organisation id")
    organisation_name = _name_field("Organisation", "organisation")
    organisation_choice = _choice_field()
    attendees = IntegerField("Attendees", validators=[
        Optional(), NumberRange(min=0, max=MAX_ATTENDEES,
                                message="A whole number from 0 up.")],
        render_kw={"min": 0, "inputmode": "numeric"})

    def is_blank(self) -> bool:
        return _blank(self.organisation.data, self.organisation_name.data,
                      self.attendees.raw_data[0] if self.attendees.raw_data else None)

    def validate_organisation_name(self, field: StringField) -> None:
        if self.attendees.data is not None and _blank(self.organisation.data, field.data):
            raise ValidationError("Pick or type the organisation that attended.")

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then the count that Optional() lets through blank."""
        ok: bool = super().validate(extra_validators)
        if (self.attendees.data is None and not self.attendees.errors
                and not _blank(self.organisation.data, self.organisation_name.data)):
            self.attendees.errors.append("How many attended? (0 or more)")
            ok = False
        return ok


class SessionRow(Form):
    """One session (an event that is part of this one)."""

    id = StringField("Session id", filters=[_strip], validators=[
        Optional(), Length(max=ID_MAX), Regexp(ID_PATTERN, message=ID_MESSAGE)])
    name = StringField("Session name", filters=[_strip], validators=[Length(max=NAME_MAX)])
    start = DateField("Start", validators=[Optional()])
    end = DateField("End", validators=[Optional()])

    def is_blank(self) -> bool:
        raw = [f.raw_data[0] if f.raw_data else f.data
               for f in (self.id, self.name, self.start, self.end)]
        return _blank(*raw)

    def validate_name(self, field: StringField) -> None:
        if not field.data and not self.is_blank():
            raise ValidationError("A session needs a name.")

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then the start date that Optional() lets through blank."""
        ok: bool = super().validate(extra_validators)
        if self.start.data is None and not self.start.errors and not self.is_blank():
            self.start.errors.append("A session needs a start date.")
            ok = False
        return ok

    def validate_end(self, field: DateField) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("The end is before the start.")


class SpeakerRow(Form):
    """One speaker (a person, picked or typed) and, for a new person, their organisation."""

    person = _id_field("Person id")
    person_name = _name_field("Speaker", "person")
    organisation = _id_field("Organisation id")
    organisation_name = _name_field("Their organisation", "organisation")
    organisation_choice = _choice_field()

    def is_blank(self) -> bool:
        return _blank(self.person.data, self.person_name.data, self.organisation.data,
                      self.organisation_name.data)

    def validate_person_name(self, field: StringField) -> None:
        if not _blank(self.organisation.data, self.organisation_name.data) \
                and _blank(self.person.data, field.data):
            raise ValidationError("Pick or type the speaker.")


class EventForm(FlaskForm):
    """A collaboration with everything attached to it, written in one go."""

    id = StringField("Id", filters=[_strip], validators=[
        Optional(), Length(max=ID_MAX), Regexp(ID_PATTERN, message=ID_MESSAGE)],
        description="Leave blank to make one from the name.")
    name = StringField("Name", filters=[_strip],
                       validators=[DataRequired("A name is required."), Length(max=NAME_MAX)])
    start = DateField("Start", validators=[InputRequired("A start date is required.")])
    end = DateField("End", validators=[Optional()])
    parent = _id_field("Part of (id)")
    parent_name = _name_field("Part of (a larger event)", "event")
    contributors = FieldList(FormField(ContributorRow), min_entries=1, max_entries=MAX_ROWS)
    attendance = FieldList(FormField(AttendanceRow), min_entries=1, max_entries=MAX_ROWS)
    sessions = FieldList(FormField(SessionRow), min_entries=1, max_entries=MAX_ROWS)
    speakers = FieldList(FormField(SpeakerRow), min_entries=1, max_entries=MAX_ROWS)
    # The version of the event an edit form was opened at (repositories/versions.py).
    version = HiddenField(validators=[Optional(), Length(max=64)])

    def validate_end(self, field: DateField) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("The end is before the start.")

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then checks across rows (duplicates, the event as its own session)."""
        ok: bool = super().validate(extra_validators)
        if self._check_rows():
            ok = False
            # FieldList keeps a snapshot of its rows' errors taken while validating them.
            for rows in (self.contributors, self.attendance, self.sessions, self.speakers):
                rows.errors = [e.errors for e in rows.entries]
                if not any(rows.errors):
                    rows.errors = []
        return ok

    def _check_rows(self) -> bool:
        found = False
        for name, rows in (("contributors", self._contributor_keys()),
                           ("attendance", self._attendance_keys()),
                           ("speakers", self._speaker_keys())):
            for field in repeated_rows(rows):
                field.errors.append(REPEATED[name])
                found = True
        ids: set[str] = set()
        for entry in self.sessions.entries:
            row = entry.form
            sid = row.id.data or ""
            if not sid:
                continue
            if sid == (self.id.data or "") or sid == (self.parent.data or ""):
                row.id.errors.append("A session cannot be the event itself or its parent.")
                found = True
            elif sid in ids:
                row.id.errors.append("This id is used by another session in this form.")
                found = True
            ids.add(sid)
        if self.parent.data and self.parent.data == self.id.data:
            self.parent_name.errors.append("An event cannot be part of itself.")
            found = True
        return found

    def _filled(self, rows: FieldList) -> list[Any]:
        return [entry.form for entry in rows.entries if not entry.form.is_blank()]

    # Rows are the same when they pick the same id, or type the same name (any case).
    def _contributor_keys(self) -> list[tuple[Field, Hashable]]:
        return [(r.actor_name, ((r.actor.data or "").strip()
                                or "name:" + (r.actor_name.data or "").lower(), r.role.data or ""))
                for r in self._filled(self.contributors)]

    def _attendance_keys(self) -> list[tuple[Field, Hashable]]:
        return [(r.organisation_name, r.organisation.data
                 or "name:" + (r.organisation_name.data or "").lower())
                for r in self._filled(self.attendance)]

    def _speaker_keys(self) -> list[tuple[Field, Hashable]]:
        return [(r.person_name, r.person.data or "name:" + (r.person_name.data or "").lower())
                for r in self._filled(self.speakers)]

    def pad_rows(self) -> None:
        """Leave a few blank rows at the end of each list, for adding rows without JavaScript."""
        for name, count in BLANK_ROWS.items():
            rows: FieldList = getattr(self, name)
            blank_tail = 0
            for entry in reversed(rows.entries):
                if not entry.form.is_blank():
                    break
                blank_tail += 1
            while blank_tail < count and len(rows.entries) < MAX_ROWS:
                rows.append_entry()
                blank_tail += 1

    def to_data(self) -> dict[str, Any]:
        """The form's content as plain data, blank rows left out."""

        def filled(rows: FieldList) -> list[dict[str, Any]]:
            # `_row` is the row's index in the form, so later problems point at the right field.
            return [dict(e.form.data, _row=i) for i, e in enumerate(rows.entries)
                    if not e.form.is_blank()]

        return {
            "id": self.id.data or None,
            "name": self.name.data,
            "start": self.start.data,
            "end": self.end.data,
            "parent": self.parent.data or None,
            "parent_name": self.parent_name.data or None,
            "contributors": filled(self.contributors),
            "attendance": filled(self.attendance),
            "sessions": filled(self.sessions),
            "speakers": filled(self.speakers),
        }


class FeedbackForm(FlaskForm):
    """One organisation's feedback on an event."""

    organisation = _id_field("Organisation id")
    organisation_name = _name_field("Organisation", "organisation")
    rating = SelectField("Rating (1 = poor, 5 = excellent)", coerce=int,
                         choices=[(n, str(n)) for n in range(1, 6)],
                         validators=[InputRequired("Choose a rating from 1 to 5.")])
    work_together_again = RadioField("Would work together again?",
                                     choices=[("yes", "Yes"), ("no", "No")],
                                     validators=[InputRequired("Answer yes or no.")])
    comment = TextAreaField("Comment", filters=[_strip, one_newline],
                            validators=[Optional(), Length(max=COMMENT_MAX)])

    def validate_organisation_name(self, field: StringField) -> None:
        if _blank(self.organisation.data, field.data):
            raise ValidationError("Pick or type the organisation giving feedback.")


class ConfirmForm(FlaskForm):
    """An empty form: its CSRF token makes a delete button safe."""
