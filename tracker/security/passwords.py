"""The password policy: long enough, not a common password, not the username.

The common passwords are the 10,000 most frequent of zxcvbn's list (MIT licence; see
tracker/data/security/SOURCES.md), compared without case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.paths import DATA_DIR

MIN_LENGTH = 12
MAX_LENGTH = 500
# Digits and symbols at either end, stripped before looking a password up in the list.
_EDGES = re.compile(r"^[\d\W_]+|[\d\W_]+$")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords, lower-cased."""
    path = DATA_DIR / "security" / "common-passwords.txt"
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip())


def problems(password: str, username: str | None = None) -> list[str]:
    """Why `password` is refused for `username` (an empty list when it is fine).

    >>> problems("short")
    ['Use at least 12 characters.']
    >>> problems("alice-was-here-2024", "alice")
    ['The password must not contain the username.']
    >>> problems("correct horse battery staple")
    []
    """
    found: list[str] = []
    if len(password) < MIN_LENGTH:
        found.append(f"Use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        found.append(f"Use at most {MAX_LENGTH} characters.")
    lowered = password.strip().lower()
    # Most common passwords are short, so a long one built from one (password1234!) counts too.
    core = _EDGES.sub("", lowered)
    if lowered in common_passwords() or core in common_passwords():
        found.append("That is one of the most common passwords (or one with digits added): "
                     "choose another.")
    name = (username or "").strip().lower()
    if len(name) >= 3 and name in lowered:
        found.append("The password must not contain the username.")
    return found
