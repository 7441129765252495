"""Seeded synthetic communities for the benchmarks, emitted as interchange JSON.

Heavy-tailed on purpose, like the real thing: a few partner networks (and the community itself)
are in most collaborations, while organisations are drawn with Zipf-like weights, so a few turn
up everywhere and most appear in one or two collaborations or none.

Sizes (organisations / collaborations / attendance records, sessions included):

    S   300 /    30 /   ~3,000
    M 3,000 /   300 /  ~30,000
    L 30,000 / 3,000 / ~300,000

``.venv/bin/python bench/generate.py --size S > s.json`` writes one document; bench/run.py
loads it through tracker.repositories.graph.import_document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from itertools import accumulate
from typing import Any

SIZES = {"S": (300, 30), "M": (3_000, 300), "L": (30_000, 3_000)}
ATTENDANCE_PER_COLLABORATION = 100  # 3,000 collaborations -> about 300,000 records at L
HUB_NETWORKS = 3  # the networks that are in most collaborations
ROLES = ("host", "co-host", "curator", "speaker", "promoter", "sponsor", "partner")
NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
TYPES = ("central government", "local authority", "NHS body", "devolved government",
         "university", "company")


class _Zipf:
    """Draw distinct indices with weight 1/(rank+1): a few often, most rarely."""

    def __init__(self, n: int, rng: random.Random, exponent: float = 1.0) -> None:
        self.n, self.rng = n, rng
        self.cum = list(accumulate(1 / (i + 1) ** exponent for i in range(n)))

    def sample(self, k: int) -> list[int]:
        k = min(k, self.n)
        chosen: set[int] = set()
        while len(chosen) < k:
            chosen.update(self.rng.choices(range(self.n), cum_weights=self.cum,
                                           k=k - len(chosen)))
        return sorted(chosen)


def generate(size: str, seed: int = 20231107, organisations: int | None = None) -> dict[str, Any]:
    """One interchange document of the given size (S, M or L); the same seed, the same data.

    ``organisations`` overrides the size's number of organisations (e.g. 300,000 for the
    large-import drill in docs/imports.md); collaborations stay those of the size."""
    n_orgs, n_collabs = SIZES[size]
    n_orgs = organisations or n_orgs
    rng = random.Random(f"{seed}-{size}")
    n_networks = {"S": 6, "M": 12, "L": 24}[size]
    n_subs = {"S": 3, "M": 6, "L": 12}[size]
    orgs = [f"org-{i:05d}" for i in range(n_orgs)]
    networks = [f"net-{i:02d}" for i in range(n_networks)]
    subs = [f"sub-{i:02d}" for i in range(n_subs)]
    people = [f"person-{i:05d}" for i in range(max(30, n_orgs // 3))]
    zipf = _Zipf(n_orgs, rng)
    doc: dict[str, Any] = {
        "communities": [{"id": "community", "name": "Synthetic data science community"}],
        "sub_communities": [{"id": s, "name": f"Sub-community {s}", "community": "community"}
                            for s in subs],
        "partner_networks": [{"id": n, "name": f"Partner network {n}"} for n in networks],
        "organisations": [{"id": o, "name": f"Organisation {o}", "type": rng.choice(TYPES),
                           "nation": rng.choice(NATIONS)} for o in orgs],
        "people": [{"id": p, "name": f"Person {p}", "organisation": orgs[zipf.sample(1)[0]]}
                   for p in people],
        "memberships": [],
        "events": [],
    }
    for i, org in enumerate(orgs):
        if rng.random() < 0.3:
            doc["memberships"].append({"member": org, "of": rng.choice(networks + subs),
                                       "since": f"{2010 + i % 10}-01-01"})
    span_days = 365 * max(3, n_collabs // 300)
    days = sorted(rng.randrange(span_days) for _ in range(n_collabs))  # ties happen, as in life
    start = dt.date(2014, 1, 1)
    for c, day in enumerate(days):
        doc["events"].extend(_collaboration(rng, zipf, c, start + dt.timedelta(days=day),
                                            orgs, networks, subs, people))
    return doc


def _collaboration(rng: random.Random, zipf: _Zipf, c: int, date: dt.date, orgs: list[str],
                   networks: list[str], subs: list[str],
                   people: list[str]) -> list[dict[str, Any]]:
    """A collaboration and its sessions (sometimes nested), with contributors and attendance."""
    contributors: list[str] = []
    if rng.random() < 0.9:
        contributors.append("community")
    if rng.random() < 0.5:
        contributors.append(rng.choice(subs))
    contributors += [n for n in networks[:HUB_NETWORKS] if rng.random() < 0.7]
    contributors += [n for n in networks[HUB_NETWORKS:] if rng.random() < 0.05]
    contributors += [orgs[i] for i in zipf.sample(rng.randint(1, 4))]
    attendance = [orgs[i] for i in zipf.sample(ATTENDANCE_PER_COLLABORATION)]
    top_id = f"collab-{c:05d}"
    events = [{"id": top_id, "name": f"Collaboration {c}", "start": date.isoformat(),
               "contributors": [], "attendance": [], "speakers": [], "attendees": [],
               "feedback": []}]
    for s in range(rng.choice((0, 0, 1, 2, 3))):
        nested = s > 0 and rng.random() < 0.2
        events.append({"id": f"{top_id}-s{s}", "name": f"Session {s} of collaboration {c}",
                       "start": date.isoformat(),
                       "parent": events[-1]["id"] if nested else top_id,
                       "contributors": [], "attendance": [], "speakers": [], "attendees": [],
                       "feedback": []})
    for actor in contributors:
        rng.choice(events)["contributors"].append({"actor": actor, "role": rng.choice(ROLES)})
    for org in attendance:
        rng.choice(events)["attendance"].append({"organisation": org,
                                                 "attendees": rng.randint(1, 40)})
    events[0]["speakers"] = sorted(set(rng.choices(people, k=2)))
    events[0]["attendees"] = sorted(set(rng.choices(people, k=5)))
    for org in [a for a in contributors if a.startswith("org-")][:2]:
        events[0]["feedback"].append({"organisation": org, "rating": rng.randint(1, 5),
                                      "work_together_again": rng.random() < 0.8})
    return events


def main(argv: list[str] | None = None) -> int:
    """Print one generated document as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="S")
    parser.add_argument("--seed", type=int, default=20231107)
    parser.add_argument("--organisations", type=int, default=None,
                        help="override the number of organisations")
    args = parser.parse_args(argv)
    json.dump(generate(args.size, args.seed, args.organisations), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
