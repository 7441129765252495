"""Audit entries: who did what, recorded in the same transaction as the write itself."""

from __future__ import annotations

import getpass
import json
from typing import Any

from flask import has_request_context
from flask_login import current_user

# Never written to the audit, whatever a form or import carries.
SECRET_FIELDS = frozenset({"password", "password_hash", "new_password", "confirm", "csrf_token"})


def current_username() -> str:
    """The logged-in user in a request, else `cli:<os user>` for commands and scripts."""
    if has_request_context() and current_user.is_authenticated:
        return str(current_user.username)
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in some containers
        return "cli"


def entry(entity: str, entity_id: str, action: str,
          changes: dict[str, Any] | None = None, user: str | None = None) -> dict[str, Any]:
    """One audit entry; changed fields are kept as JSON text, secrets left out."""
    safe = {k: v for k, v in (changes or {}).items() if k not in SECRET_FIELDS}
    return {
        "user": user or current_username(),
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "changes": json.dumps(safe, sort_keys=True, default=str),
    }
