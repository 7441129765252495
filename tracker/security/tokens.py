"""API tokens for scripts: `pt_<id>_<secret>`, shown once, stored as a SHA-256 of the secret.

The secret is 256 random bits, so a fast hash is enough (there is nothing to guess from a
dictionary); the id finds the token without scanning. A token has a name, a role no higher
than its creator's, an expiry, and can be revoked; creation and revocation are audited.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from neo4j import ManagedTransaction

from tracker.audit import entry
from tracker.auth import LEVEL, role_at_most
from tracker.db import Database, row, rows

PREFIX = "pt_"
MAX_DAYS = 366


class TokenProblem(ValueError):
    """A token request that cannot be granted (the message says why)."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(db: Database, owner: dict[str, Any], name: str, role: str, days: int,
           creator_role: str) -> tuple[str, dict[str, Any]]:
    """Create a token for `owner`; returns (the token text, shown once; its record)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise TokenProblem("Give the token a name of 1 to 100 characters.")
    if role not in LEVEL:
        raise TokenProblem("Choose viewer, editor or admin.")
    if not role_at_most(role, creator_role) or not role_at_most(role, owner["role"]):
        raise TokenProblem("A token's role cannot be higher than its creator's or owner's role.")
    if not 1 <= days <= MAX_DAYS:
        raise TokenProblem(f"The expiry must be between 1 and {MAX_DAYS} days.")
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(days=days)).isoformat()
    record = db.write_tx(
        lambda tx: row(tx, "tokens/create", id=token_id, user_id=owner["id"], name=name,
                       role=role, token_hash=_hash(secret), expires_at=expires),
        audit=[entry("api_token", token_id, "create",
                     {"name": name, "role": role, "owner": owner["username"], "days": days})],
        bump_version=False)
    if record is None:
        raise TokenProblem("There is no such user.")
    return f"{PREFIX}{token_id}_{secret}", record


def authenticate(db: Database, text: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(owner, token) for a usable token text, else None (unknown, wrong, expired, revoked)."""
    if not text.startswith(PREFIX):
        return None
    token_id, _, secret = text[len(PREFIX):].partition("_")
    if not token_id or not secret or len(text) > 200:
        return None
    found = db.read_one("tokens/get_for_auth", id=token_id)
    if found is None or not hmac.compare_digest(found["token_hash"], _hash(secret)):
        return None
    if not found["usable"] or not found["owner"]["active"]:
        return None
    return found["owner"], {"id": token_id, "role": found["role"]}


def list_tokens(db: Database, user_id: str | None) -> list[dict[str, Any]]:
    """Tokens of one user (or of everyone with None), newest first, without hashes."""
    return db.read("tokens/list", user_id=user_id)


def revoke(db: Database, token_id: str, user_id: str | None) -> dict[str, Any] | None:
    """Revoke a token (of `user_id` only, unless None); None when there was no such live token."""
    def work(tx: ManagedTransaction) -> dict[str, Any] | None:
        revoked = row(tx, "tokens/revoke", id=token_id, user_id=user_id)
        if revoked is not None:  # a refusal writes nothing, not even an audit entry
            rows(tx, "audit/record", entries=[entry("api_token", token_id, "revoke",
                                                    {"name": revoked["name"],
                                                     "owner": revoked["owner"]})])
        return revoked

    return db.write_tx(work, bump_version=False)
