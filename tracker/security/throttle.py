"""Login throttling kept in Neo4j, so every process behind compose counts the same failures.

Two counters per attempt: one for the account (the username as typed, known or not, so the
counter says nothing about which usernames exist) and one for the address. An attempt is
checked and counted in one write transaction before its password is looked at (the counters'
write locks make simultaneous attempts take turns); a success gives its count back. Each failure makes
the next try wait longer (base * 2^n seconds, capped) and, past a threshold, locks the key for
a while. A refused try is not checked against the password at all, so a right guess during a
lockout is refused like a wrong one. Settings (tracker.config): LOGIN_* keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.db import Database, rows


@dataclass(frozen=True)
class Policy:
    """Thresholds for the account and the address counters."""

    account_delay_after: int = 5
    account_lock_after: int = 20
    address_delay_after: int = 20
    address_lock_after: int = 100
    base_delay: float = 1.0
    max_delay: float = 30.0
    lock_seconds: int = 900
    window_seconds: int = 900

    @classmethod
    def from_config(cls, config: Any) -> Policy:
        """The policy from an app's config (LOGIN_* keys), defaults for the rest."""
        names = {f: f"LOGIN_{f.upper()}" for f in cls.__dataclass_fields__}
        return cls(**{f: config[key] for f, key in names.items() if key in config})


def keys(username: str, address: str | None) -> tuple[str, str]:
    """The account and address keys of one attempt."""
    return f"account:{username.strip().lower()[:100]}", f"address:{address or 'unknown'}"


def _seconds(later: str | None, now: datetime) -> float:
    if not later:
        return 0.0
    return (datetime.fromisoformat(later) - now).total_seconds()


def _worst(found: list[dict[str, Any]]) -> tuple[str, int] | None:
    """(reason, seconds to wait) of the longest wait or lock among the counters, if any."""
    worst: tuple[str, int] | None = None
    for item in found:
        now = datetime.fromisoformat(item["now"])
        locked = _seconds(item["locked_until"], now)
        waiting = _seconds(item["retry_at"], now)
        reason, seconds = ("locked", locked) if locked > 0 else ("delayed", waiting)
        if seconds > 0 and (worst is None or seconds > worst[1]):
            worst = (reason, int(seconds) + 1)
    return worst


def claim(db: Database, username: str, address: str | None,
          policy: Policy) -> tuple[str, int] | None:
    """Decide on an attempt and count it, in one write transaction.

    Returns (reason, seconds to wait) when the attempt must be refused unchecked (nothing is
    counted then), else None: the attempt is counted as a failure on both keys until
    :func:`succeeded` gives it back. The counters' write locks are held from the check to the
    count, so simultaneous attempts are decided one after the other and cannot all pass.
    """
    account, addr = keys(username, address)
    items = [{"key": account, "delay_after": policy.account_delay_after,
              "lock_after": policy.account_lock_after},
             {"key": addr, "delay_after": policy.address_delay_after,
              "lock_after": policy.address_lock_after}]

    def work(tx: Any) -> tuple[str, int] | None:
        refused = _worst(rows(tx, "auth/throttle_lock", keys=[account, addr]))
        if refused is None:
            rows(tx, "auth/throttle_fail", items=items, base_delay=float(policy.base_delay),
                 max_delay=float(policy.max_delay), lock_seconds=int(policy.lock_seconds),
                 window_seconds=int(policy.window_seconds))
        return refused

    return db.write_tx(work, bump_version=False)


def succeeded(db: Database, username: str | None, address: str | None, policy: Policy) -> None:
    """An attempt passed: give its count back to the address, and clear the account's
    failures (`username` None: the account's count stays, as after a right password that
    still needs its second factor)."""
    _, addr = keys("", address)

    def work(tx: Any) -> None:
        rows(tx, "auth/throttle_release", key=addr, delay_after=policy.address_delay_after,
             lock_after=policy.address_lock_after)
        if username is not None:
            rows(tx, "auth/throttle_clear", keys=[keys(username, None)[0]])

    db.write_tx(work, bump_version=False)


def clear_account(db: Database, username: str, audit: list[dict[str, Any]] | None = None) -> None:
    """Forget an account's failures (after a successful login, or an admin's unlock)."""
    account, _ = keys(username, None)
    db.write_tx(lambda tx: rows(tx, "auth/throttle_clear", keys=[account]), audit=audit,
                bump_version=False)
