"""The domain map: e-mail domains a person confirmed, each identifying one organisation."""

from __future__ import annotations

from typing import Any

from tracker.audit import current_username, entry
from tracker.db import Database, rows
from tracker.problems import Problems
from tracker.sheets.domains import is_shared, normalise_domain


class DomainProblem(Problems):
    """A domain that cannot be put in the map (not a domain, shared, unknown organisation)."""

    def __init__(self, message: str) -> None:
        super().__init__([("", message)])


def list_all(db: Database) -> list[dict[str, Any]]:
    """Every confirmed domain with its organisation, by domain."""
    return db.read("domains/list")


def lookup(db: Database, domains: list[str]) -> dict[str, dict[str, Any]]:
    """domain -> {organisation, name} for those of `domains` that are in the map."""
    if not domains:
        return {}
    return {r["domain"]: r for r in db.read("domains/lookup", domains=sorted(set(domains)))}


def check(domain: str) -> str:
    """The normalised domain, or DomainProblem saying why it cannot identify an organisation."""
    name = normalise_domain(domain)
    if name is None:
        raise DomainProblem(f"{domain!r} is not an e-mail domain (write it like ons.gov.uk).")
    if is_shared(name):
        raise DomainProblem(f"{name} is shared by many organisations (like gov.uk, nhs.net or "
                            "gmail.com): it never identifies one on its own.")
    return name


def set_domain(db: Database, domain: str, organisation: str) -> dict[str, Any]:
    """Confirm that `domain` identifies `organisation` (replacing an earlier mapping)."""
    name = check(domain)
    org = db.read_one("domains/organisation", id=organisation)
    if org is None:
        raise DomainProblem(f"No organisation has the id {organisation!r}.")
    done = db.write_tx(lambda tx: rows(tx, "domains/set", rows=[{"domain": name,
                                                                  "organisation": organisation}],
                                       by=current_username()),
                       audit=[entry("domain", name, "update", {"organisation": organisation})])
    return done[0]


def remove(db: Database, domain: str) -> bool:
    """Take a domain out of the map; False when it was not there."""
    name = normalise_domain(domain) or domain.strip().lower()
    count = db.write_tx(lambda tx: rows(tx, "domains/remove", domain=name)[0]["count"],
                        audit=[entry("domain", name, "delete")])
    return bool(count)
