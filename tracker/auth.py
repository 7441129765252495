"""Logins and roles: every page needs a login; writes need an editor; users need an admin."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, g, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import LoginManager, UserMixin, current_user

from tracker.db import DatabaseUnavailable
from tracker.extensions import get_db
from tracker.repositories import users

F = TypeVar("F", bound=Callable[..., Any])
LEVEL = {"viewer": 0, "editor": 1, "admin": 2}
# Endpoints reachable without a login.
PUBLIC_ENDPOINTS = {"auth.login", "static", "health.health"}

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to continue."
login_manager.session_protection = "strong"


class User(UserMixin):
    """The logged-in account as Flask-Login sees it."""
    def __init__(self, data: dict[str, Any]) -> None:
        self.id = data["id"]
        self.username = data["username"]
        self.role = data["role"]
        self.active = bool(data["active"])

    @property
    def is_active(self) -> bool:
        return self.active

    def can(self, role: str) -> bool:
        """True if this user's role is at least `role`."""
        return LEVEL.get(self.role, -1) >= LEVEL[role]


def load_user(user_id: str) -> User | None:
    """The active user with this id, for Flask-Login (None logs the session out)."""
    try:
        data = users.get(get_db(), user_id)
    except DatabaseUnavailable:
        if g.get("db_down"):  # rendering the 503 page itself: show it without a user
            return None
        raise
    return User(data) if data and data["active"] else None


login_manager.user_loader(load_user)  # registered by call: the decorator is untyped


def unauthorized() -> ResponseReturnValue:
    """Not logged in: 401 JSON under /api, else the login page (coming back here after)."""
    if request.path.startswith("/api/"):
        return jsonify({"error": "Log in first.", "status": 401}), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


login_manager.unauthorized_handler(unauthorized)


def require_login() -> Any:
    """Before every request: anonymous users go to the login page."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
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
