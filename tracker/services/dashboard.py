"""The home dashboard's headline numbers: counts from one query, links from the growth timeline.

The collaborations, links and what the latest collaboration added are read from the same
steps as the growth table and the impact reports (the app's one replay), so the dashboard can
never disagree with them.
"""

from __future__ import annotations

from typing import Any

from tracker.db import Database
from tracker.repositories import dashboard as repo
from tracker.services import growth


def summary(db: Database) -> dict[str, Any]:
    """Headline counts, the register share and what the latest collaboration added."""
    data = repo.summary(db)
    steps = growth.timeline(db)
    last = steps[-1] if steps else None
    data.update({
        "collaborations": len(steps),
        "links": last.after.links if last else 0,
        "latest_id": last.event if last else None,
        "latest_name": last.name if last else None,
        "latest_start": last.date if last else None,
        "latest_new_links": len(last.new_links) if last else 0,
        "latest_strengthened_links": len(last.strengthened_links) if last else 0,
    })
    # Nothing logged yet (the register alone does not count): show first steps, not zeros.
    data["empty"] = not steps
    return data
