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
        # Import uploads are spooled to disk by werkzeug and imported by a background job.
        "MAX_CONTENT_LENGTH": 256 * 1024 * 1024,
        "PAGE_SIZE": int(os.environ.get("TRACKER_PAGE_SIZE", "50")),
        # Behind a TLS proxy (compose's Caddy): trust one hop of X-Forwarded-For/-Proto/-Host.
        "BEHIND_PROXY": os.environ.get("TRACKER_BEHIND_PROXY", "0") == "1",
    }
