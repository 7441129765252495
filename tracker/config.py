"""Configuration from the environment, with defaults for a laptop."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from tracker.localdb import data_dir


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data directory."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path: Path = data_dir() / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def from_env() -> dict[str, Any]:
    """The app's settings as read from environment variables."""
    return {
        "SECRET_KEY": _secret_key(),
        # Cookies only over HTTPS when told so (a plain-HTTP laptop run would lose its session).
        "SESSION_COOKIE_SECURE": os.environ.get("TRACKER_SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_SECURE": os.environ.get("TRACKER_SECURE_COOKIES", "0") == "1",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
        "PAGE_SIZE": int(os.environ.get("TRACKER_PAGE_SIZE", "50")),
        # Sessions end after this long without a request, and this long after login.
        "SESSION_IDLE_MINUTES": _number("TRACKER_SESSION_IDLE_MINUTES", 60),
        "SESSION_MAX_HOURS": _number("TRACKER_SESSION_MAX_HOURS", 12),
        # Login throttling (tracker/security/throttle.py; docs/security.md).
        "LOGIN_ACCOUNT_DELAY_AFTER": _number("TRACKER_LOGIN_ACCOUNT_DELAY_AFTER", 5),
        "LOGIN_ACCOUNT_LOCK_AFTER": _number("TRACKER_LOGIN_ACCOUNT_LOCK_AFTER", 20),
        "LOGIN_ADDRESS_DELAY_AFTER": _number("TRACKER_LOGIN_ADDRESS_DELAY_AFTER", 20),
        "LOGIN_ADDRESS_LOCK_AFTER": _number("TRACKER_LOGIN_ADDRESS_LOCK_AFTER", 100),
        "LOGIN_BASE_DELAY": float(os.environ.get("TRACKER_LOGIN_BASE_DELAY", "1")),
        "LOGIN_MAX_DELAY": float(os.environ.get("TRACKER_LOGIN_MAX_DELAY", "30")),
        "LOGIN_LOCK_SECONDS": _number("TRACKER_LOGIN_LOCK_SECONDS", 900),
        "LOGIN_WINDOW_SECONDS": _number("TRACKER_LOGIN_WINDOW_SECONDS", 900),
        # How many proxies in front of the app set X-Forwarded-For (compose with a proxy: 1).
        "PROXY_COUNT": _number("TRACKER_PROXY_COUNT", 0),
        # People records are reviewed this many months after their last engagement.
        "PEOPLE_RETENTION_MONTHS": retention_months(),
    }


def _number(name: str, default: int) -> int:
    """An integer setting from the environment (a clear error when it is not one)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}.") from None


def retention_months() -> int:
    """How many months after their last engagement people records are reviewed for erasure."""
    return _number("TRACKER_PEOPLE_RETENTION_MONTHS", 36)
