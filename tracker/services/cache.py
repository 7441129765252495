"""The one cache of derived data: results keyed by what they were computed from.

A cached kind is a function ``fn(snap, *args)`` decorated with :func:`cached`. A
:class:`Snapshot` is one read transaction plus the data versions read in it, so the key and the
data come from the same transaction: a result is stored under the versions that were current
while it was computed, and it is not stored at all if a write landed in between (the versions
are read again before storing). Emptying the database starts a new epoch
(``cypher/meta/version.cypher``), so a cached result never outlives its data.

Keys name the *areas* of data a kind depends on (:data:`tracker.areas.AREAS`: network, reach,
actors, other). Each write bumps only the areas it touched, in its own transaction
(:meth:`tracker.db.Database.write_tx`), so a new user account or a new organisation leaves the
network's, the metrics' and the timeline's results warm, while a new contribution drops them.

One computation per key at a time: when several requests miss the same key together (a busy
page right after a write), the first computes and the others wait for its result instead of
each running the same analysis (they read the same versions of the kind's areas, so the result
is theirs too). If the first one fails, each waiting request computes for itself.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from tracker.areas import AREAS
from tracker.db import Database, ManagedTransaction, row

P = ParamSpec("P")
T = TypeVar("T")

#: How many results one process keeps per tier (least recently used go first): the costly
#: analyses and list orders, and the small per-page results (an organisation's page, a page of
#: /admin/unmatched), which are many and must never push an analysis out.
TIERS = {"results": 128, "pages": 512}
CACHE_SIZE = TIERS["results"]


def read_versions(tx: ManagedTransaction) -> dict[str, str]:
    """The current data version of every area, read in tx."""
    state = row(tx, "meta/version") or {}
    return {area: f"{state.get('epoch')}:{state.get(area, 0)}" for area in AREAS}


@dataclass
class Snapshot:
    """One read transaction and the data versions read in it (cached kinds take this)."""

    tx: ManagedTransaction
    owner: int  # which Database (one process may talk to several in tests)
    versions: dict[str, str] = field(default_factory=dict)

    def key(self, areas: tuple[str, ...]) -> tuple[str, ...]:
        """The versions of the given areas, in order."""
        return tuple(self.versions[a] for a in areas)


class _Flight:
    """One computation of a key in progress: the others wait on ``done``."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.ok = False
        self.value: Any = None


class VersionedCache:
    """A small thread-safe LRU per tier of results keyed by (database, kind, versions,
    arguments)."""

    def __init__(self, size: int = CACHE_SIZE, pages: int = TIERS["pages"]) -> None:
        self.size = size
        self._tiers: dict[str, OrderedDict[Hashable, Any]] = {
            "results": OrderedDict(), "pages": OrderedDict()}
        self._sizes = {"results": size, "pages": pages}
        self._lock = threading.Lock()
        self._flights: dict[Hashable, _Flight] = {}
        self.hits = 0
        self.misses = 0
        self.waits = 0  # requests that waited for another's computation of their key
        self.waiting = 0  # requests waiting right now

    def get(self, snap: Snapshot, key: Hashable, compute: Callable[[], T],
            areas: tuple[str, ...] = AREAS, tier: str = "results") -> T:
        """The value stored under key, or compute() stored under it if no write to `areas`
        landed since snap's versions were read."""
        items = self._tiers[tier]
        with self._lock:
            if key in items:
                items.move_to_end(key)
                self.hits += 1
                return items[key]  # type: ignore[no-any-return]
            flight = self._flights.get(key)
            if flight is None:
                self._flights[key] = leading = _Flight()
            else:
                self.waits += 1
                self.waiting += 1
        if flight is not None:
            return self._follow(flight, compute)
        try:
            result = self._compute(snap, key, compute, areas, tier)
            leading.ok, leading.value = True, result
            return result
        finally:
            with self._lock:
                self._flights.pop(key, None)
            leading.done.set()

    def _follow(self, flight: _Flight, compute: Callable[[], T]) -> T:
        """Wait for another request's computation of the same key; compute here if it failed."""
        try:
            flight.done.wait()
        finally:
            with self._lock:
                self.waiting -= 1
        return flight.value if flight.ok else compute()

    def _compute(self, snap: Snapshot, key: Hashable, compute: Callable[[], T],
                 areas: tuple[str, ...], tier: str) -> T:
        """compute(), stored under key unless a write to `areas` landed meanwhile."""
        items = self._tiers[tier]
        result = compute()  # outside the lock: other requests keep being served
        now = read_versions(snap.tx)
        unchanged = all(now[a] == snap.versions[a] for a in areas)
        with self._lock:
            self.misses += 1
            if unchanged:
                items[key] = result
                items.move_to_end(key)
                while len(items) > self._sizes[tier]:
                    items.popitem(last=False)
        return result

    def clear(self) -> None:
        """Forget everything (tests and benchmarks timing a cold computation)."""
        with self._lock:
            for items in self._tiers.values():
                items.clear()
            self.hits = self.misses = self.waits = 0


#: The process's one cache of derived data.
cache = VersionedCache()


def cached(kind: str, areas: tuple[str, ...] = AREAS, tier: str = "results") -> Callable[
        [Callable[Concatenate[Snapshot, P], T]], Callable[Concatenate[Snapshot, P], T]]:
    """Cache fn(snap, *args) under (database, kind, the versions of `areas`, args).

    Arguments must be hashable; the result is shared between callers, so treat it as read-only.
    ``tier="pages"`` keeps small per-page results apart from the costly ones (see TIERS).
    """
    if tier not in TIERS:
        raise ValueError(f"unknown cache tier {tier!r}")
    for area in areas:
        if area not in AREAS:
            raise ValueError(f"unknown data area {area!r}")

    def decorate(fn: Callable[Concatenate[Snapshot, P], T]) -> Callable[
            Concatenate[Snapshot, P], T]:
        @wraps(fn)
        def wrapper(snap: Snapshot, /, *args: P.args, **kwargs: P.kwargs) -> T:
            key = (snap.owner, kind, snap.key(areas), args, tuple(sorted(kwargs.items())))
            return cache.get(snap, key, lambda: fn(snap, *args, **kwargs), areas, tier)

        return wrapper

    return decorate


def read(db: Database, fn: Callable[Concatenate[Snapshot, P], T], /, *args: P.args,
         **kwargs: P.kwargs) -> T:
    """Run fn(snap, *args) in one read transaction whose snapshot carries the data versions."""

    def work(tx: ManagedTransaction) -> T:
        return fn(Snapshot(tx, id(db), read_versions(tx)), *args, **kwargs)

    return db.read_tx(work)
