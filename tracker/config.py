"""Settings: every environment variable the app reads, read once into one typed object.

``Settings.from_env()`` is called once by each entry point (the app factory, the CLI group, the
local-server launcher when it is used on its own) and handed down; nothing else reads
``os.environ``. A malformed value raises SettingsError naming the variable.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.model import FOLLOW_UP_DAYS
from tracker.paths import PROJECT_ROOT


class SettingsError(ValueError):
    """An environment variable holds a value the app cannot use (one line saying which)."""


def _default_neo4j_lib() -> Path:
    """The checkout's neo4j-server/lib; installed from a wheel, ./neo4j-server/lib."""
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return PROJECT_ROOT / "neo4j-server" / "lib"
    return Path("neo4j-server", "lib").resolve()


def _int(env: Mapping[str, str], name: str, default: int | None, low: int, high: int) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        number = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number.") from None
    if not low <= number <= high:
        raise SettingsError(f"{name}={number} is out of range: use {low} to {high}.")
    return number


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, "0").strip()
    if raw not in ("0", "1", ""):
        raise SettingsError(f"{name}={raw!r}: use 1 (on) or 0 (off).")
    return raw == "1"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What the environment says; defaults suit a laptop (see the README's Configuration)."""

    data_dir: Path
    secret_key: str | None = None
    secure_cookies: bool = False
    # `tracker backup --encrypt` / `tracker restore` without a passphrase file (compose's backups).
    backup_passphrase: str | None = None
    page_size: int = 50
    log_level: str = "INFO"
    # A Neo4j server the user already runs; None means the local server of data_dir.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    # The local server (tracker/localdb.py).
    neo4j_lib: Path
    neo4j_port: int | None = None
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "256m"
    # Serving (tracker/serving.py): request threads per process (also the driver pool, + 2) and
    # gunicorn worker processes.
    threads: int = 8
    workers: int = 2
    bind: str = "0.0.0.0:5000"  # where gunicorn listens in the Docker image
    # Sessions end after this long without a request, and this long after login.
    session_idle_minutes: int = 60
    session_max_hours: int = 12
    # Login throttling (tracker/security/throttle.py; docs/security.md).
    login_account_delay_after: int = 5
    login_account_lock_after: int = 20
    login_address_delay_after: int = 20
    login_address_lock_after: int = 100
    login_base_delay: float = 1.0
    login_max_delay: float = 30.0
    login_lock_seconds: int = 900
    login_window_seconds: int = 900
    # How many proxies in front of the app set X-Forwarded-For/-Proto (compose's Caddy: 1).
    proxy_count: int = 0
    # People records are reviewed this many months after their last engagement (docs/privacy.md).
    people_retention_months: int = 36
    # Feedback saying "would work together again" makes a follow-up due this many days later.
    follow_up_days: int = FOLLOW_UP_DAYS

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from env (default os.environ)."""
        env = os.environ if env is None else env
        level = env.get("TRACKER_LOG_LEVEL", "INFO").strip().upper() or "INFO"
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise SettingsError(f"TRACKER_LOG_LEVEL={level!r}: use DEBUG, INFO, WARNING or ERROR.")
        page_size = _int(env, "TRACKER_PAGE_SIZE", 50, 1, 1000)
        return cls(
            data_dir=Path(env.get("TRACKER_DATA_DIR") or "var").resolve(),
            secret_key=env.get("SECRET_KEY") or None,
            secure_cookies=_flag(env, "TRACKER_SECURE_COOKIES"),
            backup_passphrase=env.get("TRACKER_BACKUP_PASSPHRASE") or None,
            page_size=page_size if page_size is not None else 50,
            log_level=level,
            neo4j_uri=env.get("NEO4J_URI") or None,
            neo4j_user=env.get("NEO4J_USER") or "neo4j",
            neo4j_password=env.get("NEO4J_PASSWORD", ""),
            neo4j_database=env.get("NEO4J_DATABASE") or "neo4j",
            neo4j_lib=Path(env["TRACKER_NEO4J_LIB"]) if env.get("TRACKER_NEO4J_LIB")
            else _default_neo4j_lib(),
            neo4j_port=_int(env, "TRACKER_NEO4J_PORT", None, 1, 65535),
            neo4j_heap=env.get("TRACKER_NEO4J_HEAP") or "1g",
            neo4j_pagecache=env.get("TRACKER_NEO4J_PAGECACHE") or "256m",
            threads=_int(env, "TRACKER_THREADS", 8, 1, 256) or 8,
            workers=_int(env, "TRACKER_WORKERS", 2, 1, 64) or 2,
            bind=env.get("TRACKER_BIND") or "0.0.0.0:5000",
            **_security_settings(env),
        )

    def session_secret(self) -> str:
        """SECRET_KEY when set, else one generated once and kept in the data directory."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
        return path.read_text().strip()

    def flask_config(self) -> dict[str, Any]:
        """The Flask config keys these settings decide."""
        return {
            "SETTINGS": self,
            "SECRET_KEY": self.session_secret(),
            # Cookies only over HTTPS when told so (a plain-HTTP laptop run would lose its session).
            "SESSION_COOKIE_SECURE": self.secure_cookies,
            "REMEMBER_COOKIE_SECURE": self.secure_cookies,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "REMEMBER_COOKIE_HTTPONLY": True,
            "WTF_CSRF_TIME_LIMIT": None,
            # Import uploads are spooled to disk by werkzeug and imported by a background job.
            "MAX_CONTENT_LENGTH": 256 * 1024 * 1024,
            "PAGE_SIZE": self.page_size,
            "SESSION_IDLE_MINUTES": self.session_idle_minutes,
            "SESSION_MAX_HOURS": self.session_max_hours,
            "LOGIN_ACCOUNT_DELAY_AFTER": self.login_account_delay_after,
            "LOGIN_ACCOUNT_LOCK_AFTER": self.login_account_lock_after,
            "LOGIN_ADDRESS_DELAY_AFTER": self.login_address_delay_after,
            "LOGIN_ADDRESS_LOCK_AFTER": self.login_address_lock_after,
            "LOGIN_BASE_DELAY": self.login_base_delay,
            "LOGIN_MAX_DELAY": self.login_max_delay,
            "LOGIN_LOCK_SECONDS": self.login_lock_seconds,
            "LOGIN_WINDOW_SECONDS": self.login_window_seconds,
            "PROXY_COUNT": self.proxy_count,
            "PEOPLE_RETENTION_MONTHS": self.people_retention_months,
            "FOLLOW_UP_DAYS": self.follow_up_days,
        }



def _float(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        number = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number.") from None
    if not low <= number <= high:
        raise SettingsError(f"{name}={number} is out of range: use {low} to {high}.")
    return number


def _security_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """Sessions, login throttling, proxies and retention (docs/security.md, docs/privacy.md)."""
    ints = {  # field: (variable, default, low, high)
        "session_idle_minutes": ("TRACKER_SESSION_IDLE_MINUTES", 60, 1, 7 * 24 * 60),
        "session_max_hours": ("TRACKER_SESSION_MAX_HOURS", 12, 1, 24 * 90),
        "login_account_delay_after": ("TRACKER_LOGIN_ACCOUNT_DELAY_AFTER", 5, 1, 10**6),
        "login_account_lock_after": ("TRACKER_LOGIN_ACCOUNT_LOCK_AFTER", 20, 1, 10**6),
        "login_address_delay_after": ("TRACKER_LOGIN_ADDRESS_DELAY_AFTER", 20, 1, 10**6),
        "login_address_lock_after": ("TRACKER_LOGIN_ADDRESS_LOCK_AFTER", 100, 1, 10**6),
        "login_lock_seconds": ("TRACKER_LOGIN_LOCK_SECONDS", 900, 1, 7 * 24 * 3600),
        "login_window_seconds": ("TRACKER_LOGIN_WINDOW_SECONDS", 900, 1, 7 * 24 * 3600),
        "proxy_count": ("TRACKER_PROXY_COUNT", 0, 0, 5),
        "people_retention_months": ("TRACKER_PEOPLE_RETENTION_MONTHS", 36, 1, 1200),
        "follow_up_days": ("TRACKER_FOLLOW_UP_DAYS", FOLLOW_UP_DAYS, 0, 3650),
    }
    found: dict[str, Any] = {}
    for field, (name, default, low, high) in ints.items():
        found[field] = _int(env, name, default, low, high)
    found["login_base_delay"] = _float(env, "TRACKER_LOGIN_BASE_DELAY", 1.0, 0.0, 3600.0)
    found["login_max_delay"] = _float(env, "TRACKER_LOGIN_MAX_DELAY", 30.0, 0.0, 3600.0)
    return found
