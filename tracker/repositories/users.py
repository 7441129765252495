"""Users: accounts with a role (viewer, editor, admin) and a scrypt password hash.

Each account also carries a session version (every session cookie names it; moving it on ends
the account's sessions everywhere), a must-change flag for one-time passwords, and optionally
a TOTP secret with hashed recovery codes.
"""

from __future__ import annotations

import secrets
import uuid
from functools import lru_cache
from typing import Any

from werkzeug.security import check_password_hash, generate_password_hash

from tracker.audit import entry
from tracker.db import ConstraintError, Database, ManagedTransaction, row, rows

ROLES = ("viewer", "editor", "admin")


class UsernameTaken(ValueError):
    """A user with that username already exists."""


SECRETS = frozenset({"password_hash", "totp_secret", "recovery_hashes"})


def _public(user: dict[str, Any] | None) -> dict[str, Any] | None:
    if user is None:
        return None
    public = {k: v for k, v in user.items() if k not in SECRETS}
    if "totp_secret" in user:
        public["totp_enabled"] = user["totp_secret"] is not None
    return public


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash of a random password made like real ones, checked when the username is unknown."""
    return generate_password_hash(secrets.token_urlsafe(16))


def create(db: Database, username: str, role: str, password: str,
           must_change: bool = False) -> dict[str, Any]:
    """Create a user; raises UsernameTaken on a clash.

    must_change marks a one-time password (one an admin typed, or the first admin's) that the
    user replaces at first login; a password set deliberately (the CLI) is kept.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    user_id = uuid.uuid4().hex
    params: dict[str, Any] = {"id": user_id, "username": username, "role": role,
              "password_hash": generate_password_hash(password), "must_change": must_change}
    try:
        created = db.write_tx(lambda tx: row(tx, "users/create", **params),
                              audit=[entry("user", user_id, "create",
                                           {"username": username, "role": role})])
    except ConstraintError:
        raise UsernameTaken(f"the username {username!r} is taken") from None
    assert created is not None
    return created


def get(db: Database, user_id: str) -> dict[str, Any] | None:
    """A user by id, without secrets (totp_enabled says whether a second factor is on)."""
    return _public(db.read_one("users/get", id=user_id))


def get_with_secrets(db: Database, user_id: str) -> dict[str, Any] | None:
    """A user by id with the TOTP secret and recovery hashes (for the second-factor step only)."""
    found = db.read_one("users/get", id=user_id)
    return None if found is None else {k: v for k, v in found.items() if k != "password_hash"}


def authenticate(db: Database, username: str, password: str) -> dict[str, Any] | None:
    """The user if the username and password match an active account, else None.

    Known and unknown usernames cost the same: one scrypt check each (against a dummy hash made
    the same way when there is no such account), so timing does not tell which names exist.
    """
    user = db.read_one("users/get_by_username", username=username)
    stored = user["password_hash"] if user is not None else _dummy_hash()
    matches = check_password_hash(stored, password)
    if user is None or not user["active"] or not matches:
        return None
    return _public(user)


def check_password(db: Database, user_id: str, password: str) -> bool:
    """True when `password` is the user's current password."""
    user = db.read_one("users/get", id=user_id)
    return user is not None and check_password_hash(user["password_hash"], password)


def list_all(db: Database) -> list[dict[str, Any]]:
    """Every user (no hashes)."""
    return db.read("users/list")


def update(db: Database, user_id: str, role: str, active: bool) -> dict[str, Any] | None:
    """Change role and active flag."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    return db.write_tx(lambda tx: row(tx, "users/update", id=user_id, role=role, active=active),
                       audit=[entry("user", user_id, "update", {"role": role, "active": active})])


def set_password(db: Database, user_id: str, password: str, must_change: bool = False,
                 action: str = "set_password") -> int | None:
    """Replace a user's password and end their sessions; returns the new session version.

    The audit records that it changed (`action`: set_password by an admin, change_password by
    the user), never the value. must_change makes it a one-time password.
    """
    found = db.write_tx(lambda tx: row(tx, "users/set_password", id=user_id,
                                       password_hash=generate_password_hash(password),
                                       must_change=must_change),
                        audit=[entry("user", user_id, action, {"must_change": must_change})])
    return None if found is None else int(found["session_version"])


def end_sessions(db: Database, user_id: str, audit: list[dict[str, Any]] | None = None) -> None:
    """End every session of the user (logout everywhere)."""
    db.write_tx(lambda tx: rows(tx, "users/end_sessions", id=user_id), audit=audit,
                bump_version=False)


def record_login(db: Database, user_id: str, audit: list[dict[str, Any]]) -> None:
    """Note a successful login and its audit entry (no data version change)."""
    db.write_tx(lambda tx: rows(tx, "users/record_login", id=user_id), audit=audit,
                bump_version=False)


def record_event(db: Database, audit: list[dict[str, Any]]) -> None:
    """Write login audit entries on their own (failures, refusals), without a version change."""
    db.write_tx(lambda tx: None, audit=audit, bump_version=False)


def set_totp(db: Database, user_id: str, secret: str | None,
             recovery_hashes: list[str] | None, last_step: int | None = None) -> None:
    """Turn the second factor on (secret, hashed recovery codes and the time step of the
    confirming code, spent) or off (None, None)."""
    action = "enable_totp" if secret else "disable_totp"
    db.write_tx(lambda tx: rows(tx, "users/set_totp", id=user_id, secret=secret,
                                recovery_hashes=recovery_hashes, last_step=last_step),
                audit=[entry("user", user_id, action)], bump_version=False)


def use_totp_step(db: Database, user_id: str, step: int) -> bool:
    """Spend one time step of the user's second factor; False when it (or a later one) was
    already used, so a code seen by someone else cannot be replayed."""
    found = db.write_tx(lambda tx: row(tx, "users/use_totp_step", id=user_id, step=step),
                        bump_version=False)
    return bool(found and found["used"])


def use_recovery_code(db: Database, user_id: str, code_hash: str) -> bool:
    """Spend one recovery code; True when it was one of the user's unused codes."""
    found = db.write_tx(lambda tx: row(tx, "users/use_recovery_code", id=user_id, hash=code_hash),
                        bump_version=False)
    return bool(found and found["used"])


def count_admins(db: Database) -> int:
    """Active admins."""
    return int(db.read_value("users/count_admins") or 0)


def ensure_first_admin(db: Database, username: str = "admin") -> str | None:
    """Create an admin with a one-time password when there is none; returns that password."""
    if count_admins(db) > 0:
        return None
    password = secrets.token_urlsafe(12)
    try:
        create(db, username, "admin", password, must_change=True)
    except UsernameTaken:
        user = db.read_one("users/get_by_username", username=username)
        assert user is not None
        update(db, user["id"], "admin", True)
        set_password(db, user["id"], password, must_change=True)
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
        rows(tx, "meta/bump_version", areas=[])  # no derived data reads user accounts
        updated = row(tx, "users/update_keeping_an_admin", id=user_id, role=role, active=active)
        if updated is not None:
            rows(tx, "audit/record", entries=[entry("user", user_id, "update", changes)])
        return updated

    updated = db.write_tx(work, bump_version=False)  # bumped (as a lock) in work
    if updated is None:
        raise LastAdmin("That would leave no active admin: make another user an admin first.")
    return updated
