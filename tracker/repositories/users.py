"""Users: accounts with a role (viewer, editor, admin) and a scrypt password hash."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from werkzeug.security import check_password_hash, generate_password_hash

from tracker.audit import entry
from tracker.db import ConstraintError, Database, ManagedTransaction, row, rows

ROLES = ("viewer", "editor", "admin")


class UsernameTaken(ValueError):
    """A user with that username already exists."""


def _public(user: dict[str, Any] | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {k: v for k, v in user.items() if k != "password_hash"}


def create(db: Database, username: str, role: str, password: str) -> dict[str, Any]:
    """Create a user; raises UsernameTaken on a clash."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    params = {"id": uuid.uuid4().hex, "username": username, "role": role,
              "password_hash": generate_password_hash(password)}
    try:
        created = db.write_tx(lambda tx: row(tx, "users/create", **params),
                              audit=[entry("user", params["id"], "create",
                                           {"username": username, "role": role})])
    except ConstraintError:
        raise UsernameTaken(f"the username {username!r} is taken") from None
    assert created is not None
    return created


def get(db: Database, user_id: str) -> dict[str, Any] | None:
    """A user by id, without the password hash."""
    return _public(db.read_one("users/get", id=user_id))


def authenticate(db: Database, username: str, password: str) -> dict[str, Any] | None:
    """The user if the username and password match an active account, else None."""
    user = db.read_one("users/get_by_username", username=username)
    if user is None or not user["active"]:
        # Spend the same time as a real check so that timing does not reveal usernames.
        check_password_hash(generate_password_hash("x"), password)
        return None
    if not check_password_hash(user["password_hash"], password):
        return None
    return _public(user)


def list_all(db: Database) -> list[dict[str, Any]]:
    """Every user (no hashes)."""
    return db.read("users/list")


def update(db: Database, user_id: str, role: str, active: bool) -> dict[str, Any] | None:
    """Change role and active flag."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    return db.write_tx(lambda tx: row(tx, "users/update", id=user_id, role=role, active=active),
                       audit=[entry("user", user_id, "update", {"role": role, "active": active})])


def set_password(db: Database, user_id: str, password: str) -> None:
    """Replace a user's password (the audit records that it changed, never the value)."""
    db.write_tx(lambda tx: rows(tx, "users/set_password", id=user_id,
                                password_hash=generate_password_hash(password)),
                audit=[entry("user", user_id, "set_password")])


def count_admins(db: Database) -> int:
    """Active admins."""
    return int(db.read_value("users/count_admins") or 0)


def ensure_first_admin(db: Database, username: str = "admin") -> str | None:
    """Create an admin with a one-time password when there is none; returns that password."""
    if count_admins(db) > 0:
        return None
    password = secrets.token_urlsafe(12)
    try:
        create(db, username, "admin", password)
    except UsernameTaken:
        user = db.read_one("users/get_by_username", username=username)
        assert user is not None
        update(db, user["id"], "admin", True)
        set_password(db, user["id"], password)
    return password


class LastAdmin(ValueError):
    """The change would leave no active admin."""


def change(db: Database, user_id: str, role: str, active: bool) -> dict[str, Any] | None:
    """Change role and active flag, refusing (LastAdmin) to leave no active admin.

    Returns None when the user does not exist.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    before = get(db, user_id)
    if before is None:
        return None
    changes = {"username": before["username"], "role": role, "active": active,
               "was": {"role": before["role"], "active": before["active"]}}
    # The audit entry is written only when the change happened (a refusal writes nothing).
    def work(tx: ManagedTransaction) -> dict[str, Any] | None:
        # Lock the data-version node first: two admins demoting each other at the same moment
        # are then checked one after the other, so one of them stays.
        rows(tx, "meta/bump_version")
        updated = row(tx, "users/update_keeping_an_admin", id=user_id, role=role, active=active)
        if updated is not None:
            rows(tx, "audit/record", entries=[entry("user", user_id, "update", changes)])
        return updated

    updated = db.write_tx(work)
    if updated is None:
        raise LastAdmin("That would leave no active admin: make another user an admin first.")
    return updated
