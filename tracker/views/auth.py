"""Log in (with throttling and an optional second factor), log out, change my password."""

from __future__ import annotations

import hashlib
import time
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, logout_user

from tracker.audit import entry
from tracker.auth import start_session
from tracker.extensions import get_db
from tracker.forms.auth import ChangePasswordForm, LoginForm, SecondFactorForm
from tracker.repositories import users
from tracker.security import passwords, throttle, totp

bp = Blueprint("auth", __name__)

# How long the second-factor step may follow the password step.
SECOND_FACTOR_SECONDS = 300


def _safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login."""
    if target and target.startswith("/") and not urlsplit(target).netloc \
            and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.index")


def login_entry(username: str, action: str, **details: Any) -> dict[str, Any]:
    """An audit entry for a login event: who (as typed), when, from where; never a password."""
    name = (username or "").strip()[:100] or "(blank)"
    return entry("login", name, action, {"address": request.remote_addr, **details}, user=name)


def _refused(form: Any, template: str, username: str, reason: tuple[str, int]) -> ResponseReturnValue:
    """Refuse an attempt unchecked (throttled), say when to try again, and audit it."""
    kind, seconds = reason
    users.record_event(get_db(), [login_entry(username, "throttled", reason=kind)])
    if kind == "locked":
        message = (f"Too many failed attempts: this login is locked for "
                   f"{max(1, round(seconds / 60))} minute(s).")
    else:
        message = f"Too many failed attempts: wait {seconds} second(s) and try again."
    response = current_app.make_response(
        (render_template(template, form=form, refused=message), 429))
    response.headers["Retry-After"] = str(seconds)
    return response


def _complete_login(user: dict[str, Any], how: str) -> ResponseReturnValue:
    """Record the success, clear the account's failures, start a fresh session."""
    db = get_db()
    throttle.succeeded(db, user["username"], request.remote_addr,
                       throttle.Policy.from_config(current_app.config))
    users.record_login(db, user["id"], [login_entry(user["username"], "success", method=how)])
    target = _safe_next(session.get("_next") or request.args.get("next"))
    start_session(user)
    if user.get("must_change_password"):
        flash("Choose your own password: the one you used was for one login only.", "info")
        return redirect(url_for("auth.change_password"))
    flash(f"Welcome, {user['username']}.", "success")
    return redirect(target)


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        db = get_db()
        username = form.username.data or ""
        policy = throttle.Policy.from_config(current_app.config)
        reason = throttle.claim(db, username, request.remote_addr, policy)
        if reason is not None:
            return _refused(form, "auth/login.html", username, reason)
        user = users.authenticate(db, username, form.password.data or "")
        if user is None:
            users.record_event(db, [login_entry(username, "failure")])
            form.password.errors.append("Unknown username or wrong password.")
        elif user.get("totp_enabled"):
            # The account's count stays until the second step succeeds too.
            throttle.succeeded(db, None, request.remote_addr, policy)
            session.clear()
            session["_second_factor"] = {"id": user["id"], "version": user["session_version"],
                                         "at": int(time.time())}
            session["_next"] = _safe_next(request.args.get("next"))
            return redirect(url_for("auth.second_factor"))
        else:
            return _complete_login(user, "password")
    return render_template("auth/login.html", form=form), (400 if form.errors else 200)


def recovery_hash(code: str) -> str:
    """How a recovery code is stored (codes are 80 random bits: a plain SHA-256 suffices)."""
    return hashlib.sha256(code.strip().lower().replace("-", "").encode()).hexdigest()


def _second_factor_method(db: Any, user: dict[str, Any], typed: str) -> str | None:
    """How the second step passed (a fresh TOTP code, or an unused recovery code), or None."""
    code = typed.strip().replace(" ", "")
    if code.isdigit():
        step = totp.matching_step(user["totp_secret"], code)
        if step is not None and users.use_totp_step(db, user["id"], step):
            return "password+totp"
        return None
    if users.use_recovery_code(db, user["id"], recovery_hash(code)):
        return "password+recovery_code"
    return None


@bp.route("/login/verify", methods=["GET", "POST"])
def second_factor() -> ResponseReturnValue:
    pending = session.get("_second_factor")
    if not pending or time.time() - pending["at"] > SECOND_FACTOR_SECONDS:
        session.pop("_second_factor", None)
        flash("Log in again: the second step must follow the password within five minutes.",
              "info")
        return redirect(url_for("auth.login"))
    db = get_db()
    user = users.get_with_secrets(db, pending["id"])
    if user is None or not user["active"] or user["session_version"] != pending["version"] \
            or not user["totp_secret"]:
        session.clear()
        return redirect(url_for("auth.login"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        reason = throttle.claim(db, user["username"], request.remote_addr,
                                throttle.Policy.from_config(current_app.config))
        if reason is not None:
            return _refused(form, "auth/second_factor.html", user["username"], reason)
        how = _second_factor_method(db, user, form.code.data or "")
        if how is None:
            users.record_event(db, [login_entry(user["username"], "failure",
                                                step="second_factor")])
            form.code.errors.append("That code is not right (or was already used).")
        else:
            session.pop("_second_factor", None)
            public = users.get(db, user["id"])
            assert public is not None
            return _complete_login(public, how)
    return render_template("auth/second_factor.html", form=form), (400 if form.errors else 200)


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    if current_user.is_authenticated and current_user.token is None:
        # Moving the session version on ends this session everywhere: a copied cookie is dead.
        users.end_sessions(get_db(), current_user.id,
                           audit=[login_entry(current_user.username, "logout")])
    logout_user()
    session.clear()
    flash("You have been logged out.", "success")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
def change_password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        db = get_db()
        new = form.new_password.data or ""
        if not users.check_password(db, current_user.id, form.current_password.data or ""):
            form.current_password.errors.append("That is not your current password.")
        elif new == form.current_password.data:
            form.new_password.errors.append("Choose a password different from the current one.")
        else:
            problems = passwords.problems(new, current_user.username)
            if problems:
                form.new_password.errors.extend(problems)
            else:
                users.set_password(db, current_user.id, new, must_change=False,
                                   action="change_password")
                # Every other session of this account has ended; this one starts afresh.
                fresh = users.get(db, current_user.id)
                assert fresh is not None
                start_session(fresh)
                flash("Your password has been changed; other sessions have been logged out.",
                      "success")
                return redirect(url_for("account.index"))
    return render_template("auth/change_password.html", form=form,
                           forced=current_user.must_change_password), \
        (400 if form.errors else 200)
