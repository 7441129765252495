"""The login, second-step, change-my-password and token forms (admin forms: forms/admin.py)."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Regexp

from tracker.repositories.users import ROLES


class LoginForm(FlaskForm):
    """Username and password (the field names are part of the contract)."""

    username = StringField("Username", validators=[DataRequired(), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=500)])


class SecondFactorForm(FlaskForm):
    """The six-digit code of an authenticator app, or one recovery code."""

    code = StringField("Code from your authenticator app, or a recovery code",
                       validators=[DataRequired("Enter a code."), Length(max=40)])


class ChangePasswordForm(FlaskForm):
    """The user's own new password (the policy is checked in tracker.security.passwords)."""

    current_password = PasswordField("Current password",
                                     validators=[DataRequired("Enter your current password."),
                                                 Length(max=500)])
    new_password = PasswordField("New password",
                                 validators=[DataRequired("Enter a new password."),
                                             Length(max=500)])
    confirm = PasswordField("New password again",
                            validators=[DataRequired("Repeat the new password."),
                                        EqualTo("new_password", "The two new passwords differ.")])


class TotpEnableForm(FlaskForm):
    """The first code from the authenticator app, proving it holds the secret."""

    code = StringField("Code from your authenticator app",
                       validators=[DataRequired("Enter the six-digit code."),
                                   Regexp(r"^\s*\d{6}\s*$", message="Six digits.")])


class PasswordConfirmForm(FlaskForm):
    """The current password, confirming a sensitive change (turning the second factor off)."""

    password = PasswordField("Current password",
                             validators=[DataRequired("Enter your password."), Length(max=500)])


class TokenForm(FlaskForm):
    """A new API token: a name, a role (no higher than yours) and an expiry."""

    name = StringField("Name (what the script is)",
                       validators=[DataRequired("Give the token a name."), Length(max=100)])
    role = SelectField("Role", choices=[(r, r.title()) for r in ROLES], default="viewer")
    days = IntegerField("Expires after (days)", default=90,
                        validators=[DataRequired("Give an expiry in days."),
                                    NumberRange(1, 366, "Between 1 and 366 days.")])
