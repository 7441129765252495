"""Login timing: does refusing an unknown username take as long as refusing a known one?

Through the whole stack (the real login form on a Flask test client, the throttle read and
write, the password check, the audit entry), interleaving unknown and known usernames with
wrong passwords, so drift on a busy machine hits both alike. The throttle is set high enough
that no attempt is delayed or refused unchecked. Figures (medians, milliseconds):

- login_known_ms, login_unknown_ms: refusing a wrong password for a known / unknown username;
- login_unknown_over_known: their ratio (the target is within 0.8..1.2);
- login_success_ms: a successful login, for scale.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from tracker import create_app
from tracker.repositories import users

ROUNDS = 40


def figures(ctx: Any) -> dict[str, float]:
    users.create(ctx.db, "bench-known", "viewer", "bench password that is long")
    app = create_app({"TESTING": True, "DATABASE": ctx.db, "WTF_CSRF_ENABLED": False,
                      "LOGIN_ACCOUNT_DELAY_AFTER": 10**6, "LOGIN_ACCOUNT_LOCK_AFTER": 10**6,
                      "LOGIN_ADDRESS_DELAY_AFTER": 10**6, "LOGIN_ADDRESS_LOCK_AFTER": 10**6})
    client = app.test_client()

    def attempt(username: str, password: str, expect: int) -> float:
        start = time.perf_counter()
        response = client.post("/login", data={"username": username, "password": password})
        took = time.perf_counter() - start
        assert response.status_code == expect, response.status_code
        return took * 1000

    for _ in range(3):  # warm up: schema, query plans, the dummy hash
        attempt("bench-known", "wrong password here", 400)
        attempt("bench-nobody", "wrong password here", 400)
    known, unknown, success = [], [], []
    for i in range(ROUNDS):
        pair = [("bench-known", known), (f"bench-nobody-{i}", unknown)]
        for username, into in (pair if i % 2 else reversed(pair)):
            into.append(attempt(username, "wrong password here", 400))
    for _ in range(5):
        success.append(attempt("bench-known", "bench password that is long", 302))
        client.post("/logout")
    ctx.log(f"login: known {statistics.median(known):.1f} ms, "
            f"unknown {statistics.median(unknown):.1f} ms over {ROUNDS} rounds")
    return {
        "login_known_ms": round(statistics.median(known), 2),
        "login_unknown_ms": round(statistics.median(unknown), 2),
        "login_unknown_over_known": round(statistics.median(unknown) / statistics.median(known), 3),
        "login_success_ms": round(statistics.median(success), 2),
    }
