"""Wait for a condition in the page without `page.wait_for_function`.

Playwright's wait_for_function evaluates its predicate with `eval` inside the page, which the
app's Content-Security-Policy (no 'unsafe-eval') rightly refuses; `page.evaluate` runs through
the DevTools protocol and is not subject to the page's CSP.
"""

from __future__ import annotations

import time
from typing import Any


def wait_until(page: Any, expression: str, timeout: float = 30_000) -> Any:
    """Poll `expression` every 50 ms until it is truthy; fail after `timeout` milliseconds."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        result = page.evaluate(expression)
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} ms waiting for: {expression}")
        page.wait_for_timeout(50)
