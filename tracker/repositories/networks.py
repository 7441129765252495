"""Partner networks (e.g. a RAP network, NHS-R Community): actors that organisations join."""

from __future__ import annotations

from tracker.repositories.entities import EntityKind

NETWORKS = EntityKind(
    folder="networks", entity="partner_network", fields=("name", "description", "website"),
    sorts=("name", "members"),
    sections=(("members", "groups/members"), ("events", "groups/events")),
)
