"""Logins and roles: every page needs a login; writes need an editor; users need an admin.

Sessions end: each session cookie names the account's session version, checked on every
request, and the version moves on at logout, a password change or reset, disabling and a role
change. A session also ends after SESSION_IDLE_MINUTES without a request and
SESSION_MAX_HOURS after login. Scripts use API tokens (`Authorization: Bearer`) on /api/v1/*,
read-only for now, with the role of the token (never above its owner's current role).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, current_app, flash, g, jsonify, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from tracker.db import DatabaseUnavailable
from tracker.extensions import get_db
from tracker.repositories import users

F = TypeVar("F", bound=Callable[..., Any])
LEVEL = {"viewer": 0, "editor": 1, "admin": 2}
# Endpoints reachable without a login.
PUBLIC_ENDPOINTS = {"auth.login", "auth.second_factor", "static", "health.health"}
# Endpoints a user with a one-time password may still reach (to replace it, or to leave).
CHANGE_FIRST_ENDPOINTS = {"auth.change_password", "auth.logout", "static", "health.health"}
READ_METHODS = {"GET", "HEAD", "OPTIONS"}

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to continue."
login_manager.session_protection = "strong"


class User(UserMixin):
    """The logged-in account as Flask-Login sees it (or the account behind an API token)."""

    def __init__(self, data: dict[str, Any], token: dict[str, Any] | None = None) -> None:
        self.id = data["id"]
        self.username = data["username"]
        self.role = data["role"]
        self.active = bool(data["active"])
        self.session_version = int(data.get("session_version") or 0)
        self.must_change_password = bool(data.get("must_change_password"))
        self.totp_enabled = bool(data.get("totp_enabled"))
        self.token = token
        if token is not None:
            # A token acts with its own role, never above the owner's current one.
            self.role = min(token["role"], self.role, key=lambda r: LEVEL.get(r, -1))

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """What the session cookie holds: the account id and its session version."""
        return f"{self.id}:{self.session_version}"

    def can(self, role: str) -> bool:
        """True if this user's role is at least `role`."""
        return LEVEL.get(self.role, -1) >= LEVEL[role]


def role_at_most(role: str, ceiling: str) -> bool:
    """True when `role` is no higher than `ceiling`."""
    return LEVEL.get(role, 99) <= LEVEL.get(ceiling, -1)


def load_user(session_id: str) -> User | None:
    """The active user of this session (`id:version`), for Flask-Login (None logs it out)."""
    user_id, _, version = session_id.partition(":")
    try:
        data = users.get(get_db(), user_id)
    except DatabaseUnavailable:
        if g.get("db_down"):  # rendering the 503 page itself: show it without a user
            return None
        raise
    if not data or not data["active"] or str(data["session_version"]) != version:
        # An ended session (logout, new password, disabled, new role): back to the login page.
        g.session_ended = True
        return None
    return User(data)


def load_token_user(req: Any) -> User | None:
    """`Authorization: Bearer <token>` on /api/v1/* (the only place tokens are accepted)."""
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer ") or not req.path.startswith("/api/v1/"):
        return None
    from tracker.security import tokens  # noqa: PLC0415 (tokens imports this module's roles)

    found = tokens.authenticate(get_db(), header[len("Bearer "):].strip())
    if found is None:
        g.token_refused = True
        return None
    owner, token = found
    return User(owner, token=token)


login_manager.user_loader(load_user)  # registered by call: the decorator is untyped
login_manager.request_loader(load_token_user)


def unauthorized() -> ResponseReturnValue:
    """Not logged in: 401 JSON under /api, else the login page (coming back here after)."""
    if request.path.startswith("/api/"):
        message = ("The token is unknown, expired or revoked." if g.get("token_refused")
                   else "Log in first.")
        return jsonify({"error": message, "status": 401}), 401
    if g.get("session_ended"):
        flash("Your session has ended: please log in again.", "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def start_session(user: dict[str, Any]) -> None:
    """Log the user in on this browser, stamping the session's start and last use."""
    session.clear()  # a fresh session: nothing from before the login carries over
    login_user(User(user))
    now = int(time.time())
    session["_started"] = now
    session["_seen"] = now


def _session_expired() -> bool:
    """True when the browser session has been idle or alive too long (then it is ended)."""
    now = int(time.time())
    started = int(session.get("_started", 0))
    seen = int(session.get("_seen", 0))
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    lifetime = current_app.config["SESSION_MAX_HOURS"] * 3600
    if now - started > lifetime or now - seen > idle:
        return True
    if now - seen >= 30:  # refresh the stamp at most twice a minute (each refresh re-signs the cookie)
        session["_seen"] = now
    return False


login_manager.unauthorized_handler(unauthorized)


def require_login() -> Any:
    """Before every request: a live session, or a token; a one-time password changed first."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.token is not None:
        if request.method not in READ_METHODS:
            return jsonify({"error": "API tokens can only read for now.", "status": 403}), 403
        return None
    if _session_expired():
        logout_user()
        session.clear()
        g.session_ended = True
        return login_manager.unauthorized()
    if current_user.must_change_password and request.endpoint not in CHANGE_FIRST_ENDPOINTS:
        if request.path.startswith("/api/"):
            return jsonify({"error": "Change your one-time password first.", "status": 403}), 403
        return redirect(url_for("auth.change_password"))
    return None


def role_required(role: str) -> Callable[[F], F]:
    """Decorator: 403 unless the current user has at least `role`."""
    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.can(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


editor_required = role_required("editor")
admin_required = role_required("admin")


def init_app(app: Flask) -> None:
    """Bind the login manager and the login requirement."""
    login_manager.init_app(app)
    app.before_request(require_login)
