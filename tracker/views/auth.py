"""Log in and out."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_user, logout_user

from tracker.auth import User
from tracker.extensions import get_db
from tracker.forms.auth import LoginForm
from tracker.repositories import users

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login."""
    if target and target.startswith("/") and not urlsplit(target).netloc \
            and not target.startswith("//"):
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        user = users.authenticate(get_db(), form.username.data or "", form.password.data or "")
        if user is None:
            form.password.errors.append("Unknown username or wrong password.")
        else:
            login_user(User(user))
            flash(f"Welcome, {user['username']}.", "success")
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), (400 if form.errors else 200)


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    logout_user()
    flash("You have been logged out.", "success")
    return redirect(url_for("auth.login"))
