"""Second-factor codes (RFC 6238 through pyotp), each time step accepted once."""

from __future__ import annotations

import hmac
import time

import pyotp


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step (the current one, or one either side for clock drift) whose code `code`
    is, else None. The caller spends the step (users.use_totp_step) so it works only once."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    moment = time.time() if now is None else now
    for offset in (0, -1, 1):
        at = moment + offset * totp.interval
        if hmac.compare_digest(totp.at(at), code):
            return int(at // totp.interval)
    return None
