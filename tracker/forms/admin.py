"""Admin forms: users, and the JSON import upload. Shape only: no database here."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from tracker.repositories.users import ROLES


class AddUserForm(FlaskForm):
    """A new account with a role and a first password."""

    username = StringField("Username", filters=[lambda v: v.strip() if isinstance(v, str) else v],
                           validators=[DataRequired("A username is required."),
                                       Length(min=2, max=60),
                                       Regexp(r"^[A-Za-z0-9_.@-]+$",
                                              message="Letters, digits and _ . @ - only.")])
    role = SelectField("Role", choices=[(r, r.title()) for r in ROLES], default="viewer")
    password = PasswordField("Password", validators=[
        DataRequired("A password is required."),
        Length(min=12, max=500, message="Between 12 and 500 characters.")])


class ChangeUserForm(FlaskForm):
    """Role and active flag of an existing account (one small form per table row)."""

    role = SelectField("Role", choices=[(r, r.title()) for r in ROLES])
    active = BooleanField("Active")


class ImportForm(FlaskForm):
    """A JSON interchange file to import."""

    file = FileField("JSON file", validators=[
        FileRequired("Choose a .json file."),
        FileAllowed(["json"], "Only .json files (the interchange format) can be imported.")])
    allow_similar = BooleanField("Create new organisations even when they look like existing "
                                 "ones (probable duplicates)")


class SetPasswordForm(FlaskForm):
    """A new password for an account (the first admin's one-time password is replaced here)."""

    password = PasswordField("New password", validators=[
        DataRequired("A password is required."),
        Length(min=12, max=500, message="Between 12 and 500 characters.")])


class EraseForm(FlaskForm):
    """Confirm erasing a person, with the reason (kept in the audit, without the person's data)."""

    reason = StringField("Reason (e.g. erasure request received 1 May 2024)",
                         validators=[DataRequired("Say why: the audit keeps the reason."),
                                     Length(max=200)])
