"""The collaboration network as the app uses it: the growth timeline (the app's one replay of
links) and actor rows from the repositories, numbers from the pure analytics, cached per
(as-of date, data version).

Every write bumps ``Database.data_version()`` (and emptying the database starts a new epoch), so
a cached result can never outlive the data it was computed from: the next request after any
write misses the cache and recomputes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

import networkx as nx

from tracker.analytics import growth, network_view
from tracker.analytics import network as analytics
from tracker.db import Database, ManagedTransaction
from tracker.repositories import collaborations
from tracker.repositories import network as repo

#: How many (kind, as-of, version) results one process keeps.
CACHE_SIZE = 32


class BadDate(ValueError):
    """An as-of date that is not a real YYYY-MM-DD date."""


def parse_as_of(text: str | None) -> str | None:
    """'' or None -> None; 'YYYY-MM-DD' -> the same string; anything else raises BadDate."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    try:
        parsed = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadDate(f"as-of date {text[:40]!r} is not a date in the form YYYY-MM-DD")
    return parsed.isoformat()


class VersionedCache:
    """A small LRU of results keyed by (database, kind, as-of, data version)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0
        self.hits = 0

    def get(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """The cached value for key, computing (and storing) it on a miss."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
        result = compute()  # outside the lock: other requests keep being served
        with self._lock:
            self.misses += 1
            self._items[key] = result
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return result

    def clear(self) -> None:
        """Forget everything (tests, after emptying the database)."""
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


cache = VersionedCache()


def _key(db: Database, kind: str, as_of: str | None) -> tuple[Any, ...]:
    state = repo.cache_key(db)
    return (id(db), kind, as_of, state["version"], state["epoch"])


def history(db: Database, as_of: str | None = None) -> dict[str, Any]:
    """The timeline's steps up to as_of and the contributing actors' rows, from one snapshot."""

    def compute() -> dict[str, Any]:
        def work(tx: ManagedTransaction) -> dict[str, Any]:
            return {"steps": growth.upto(collaborations.timeline_tx(tx, db), as_of),
                    "actors": repo.actors(tx)}

        return db.read_tx(work)

    return cache.get(_key(db, "history", as_of), compute)


def graph(db: Database, as_of: str | None = None) -> nx.Graph:
    """The collaboration graph as of a date (cached; treat it as read-only)."""

    def compute() -> nx.Graph:
        data = history(db, as_of)
        seen = growth.first_seen(data["steps"])
        nodes = [r for r in data["actors"] if r["id"] in seen]
        return analytics.build_graph(nodes, growth.links(data["steps"]))

    return cache.get(_key(db, "graph", as_of), compute)


def _analysis(db: Database, as_of: str | None) -> dict[str, Any]:
    def compute() -> dict[str, Any]:
        g = graph(db, as_of)
        parts = analytics.communities(g)  # Louvain once: the metrics and the layout share it
        return {"metrics": analytics.metrics(g, parts), "parts": parts}

    return cache.get(_key(db, "analysis", as_of), compute)


def metrics(db: Database, as_of: str | None = None) -> dict[str, Any]:
    """The ``tracker metrics --json`` document as of a date (cached)."""
    return _analysis(db, as_of)["metrics"]


def page(db: Database, as_of: str | None = None) -> dict[str, Any]:
    """The network page's JSON payload as of a date (cached)."""

    def compute() -> dict[str, Any]:
        g = graph(db, as_of)
        analysis = _analysis(db, as_of)
        steps = history(db, as_of)["steps"]
        return network_view.payload(g, analysis["metrics"], steps, analysis["parts"], as_of)

    return cache.get(_key(db, "page", as_of), compute)


def ego(db: Database, actor_id: str, as_of: str | None = None) -> dict[str, Any] | None:
    """An actor, its partners, the links among them and its suggestions; None if unknown."""
    actor = repo.actor(db, actor_id)
    if actor is None:
        return None
    g = graph(db, as_of)
    view = analytics.ego(g, actor_id)
    others = {s["b"] if s["a"] == actor_id else s["a"]: s
              for s in analytics.suggestions(g, limit=5, actor=actor_id)}

    def name(v: str) -> str:
        return str(g.nodes[v].get("name") or v)

    return {
        "as_of": as_of,
        "actor": actor,
        "partners": view["partners"],
        "links": view["links"],
        "suggestions": [{"id": other, "name": name(other), "score": s["score"],
                         "shared": s["shared"], "via": s["via"],
                         "reason": analytics.reason([name(v) for v in s["via"]], s["shared"])}
                        for other, s in others.items()],
    }


def engagement(db: Database, as_of: str | None = None) -> dict[str, Any]:
    """Reach figures from the organisations-to-collaborations network (cached)."""

    def compute() -> dict[str, Any]:
        return analytics.engagement_summary(analytics.engagement_graph(repo.engagement(db, as_of)))

    return cache.get(_key(db, "engagement", as_of), compute)
