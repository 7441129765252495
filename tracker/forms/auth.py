"""Login and user-administration forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from tracker.repositories.users import ROLES


class LoginForm(FlaskForm):
    """Username and password (the field names are part of the contract)."""

    username = StringField("Username", validators=[DataRequired(), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=500)])


class UserForm(FlaskForm):
    """A new account."""

    username = StringField("Username", validators=[
        DataRequired(), Length(min=2, max=60),
        Regexp(r"^[A-Za-z0-9_.@-]+$", message="Letters, digits and _ . @ - only.")])
    role = SelectField("Role", choices=[(r, r.title()) for r in ROLES], default="viewer")
    password = PasswordField("Password", validators=[DataRequired(), Length(min=10, max=500)])


class UserUpdateForm(FlaskForm):
    """Role and active flag of an existing account."""

    role = SelectField("Role", choices=[(r, r.title()) for r in ROLES])
    active = BooleanField("Active")
