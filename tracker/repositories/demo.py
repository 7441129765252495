"""Whether the built-in demo is loaded (the pages that show it say what in it is invented)."""

from __future__ import annotations

from tracker.db import ManagedTransaction, value


def loaded_in(tx: ManagedTransaction) -> bool:
    """True when any event is marked as the demo's, in tx."""
    return bool(value(tx, "demo/loaded"))
