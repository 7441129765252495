"""The one cache of derived data: results keyed by what they were computed from.

A cached kind is a function ``fn(snap, *args)`` decorated with :func:`cached`. A
:class:`Snapshot` is one read transaction plus the data versions read in it, so the key and the
data come from the same transaction: a result is stored under the versions that were current
while it was computed, and it is not stored at all if a write landed in between (the versions
are read again before storing). Every write bumps the version and emptying the database starts a
new epoch (``cypher/meta/version.cypher``), so a cached result never outlives its data.

Keys name the *areas* a kind depends on (``AREAS``). Today every area shares one version; when
the graph keeps a version per area, only :meth:`Snapshot.versions` changes and a write to one
area stops dropping the others' results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from tracker.db import Database, ManagedTransaction, row

P = ParamSpec("P")
T = TypeVar("T")

#: The areas of data a cached kind can depend on.
AREAS = ("network", "reach", "other")
#: How many results one process keeps (least recently used go first).
CACHE_SIZE = 64


def read_versions(tx: ManagedTransaction) -> dict[str, str]:
    """The current data version of every area, read in tx."""
    state = row(tx, "meta/version") or {}
    version = f"{state.get('epoch')}:{state.get('version', 0)}"
    return dict.fromkeys(AREAS, version)


@dataclass
class Snapshot:
    """One read transaction and the data versions read in it (cached kinds take this)."""

    tx: ManagedTransaction
    owner: int  # which Database (one process may talk to several in tests)
    versions: dict[str, str] = field(default_factory=dict)

    def key(self, areas: tuple[str, ...]) -> tuple[str, ...]:
        """The versions of the given areas, in order."""
        return tuple(self.versions[a] for a in areas)


class VersionedCache:
    """A small thread-safe LRU of results keyed by (database, kind, versions, arguments)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, snap: Snapshot, key: Hashable, compute: Callable[[], T]) -> T:
        """The value stored under key, or compute() stored under it if no write landed since
        snap's versions were read."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]  # type: ignore[no-any-return]
        result = compute()  # outside the lock: other requests keep being served
        unchanged = read_versions(snap.tx) == snap.versions
        with self._lock:
            self.misses += 1
            if unchanged:
                self._items[key] = result
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return result

    def clear(self) -> None:
        """Forget everything (tests and benchmarks timing a cold computation)."""
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


#: The process's one cache of derived data.
cache = VersionedCache()


def cached(kind: str, areas: tuple[str, ...] = AREAS) -> Callable[
        [Callable[Concatenate[Snapshot, P], T]], Callable[Concatenate[Snapshot, P], T]]:
    """Cache fn(snap, *args) under (database, kind, the versions of `areas`, args).

    Arguments must be hashable; the result is shared between callers, so treat it as read-only.
    """
    for area in areas:
        if area not in AREAS:
            raise ValueError(f"unknown data area {area!r}")

    def decorate(fn: Callable[Concatenate[Snapshot, P], T]) -> Callable[
            Concatenate[Snapshot, P], T]:
        @wraps(fn)
        def wrapper(snap: Snapshot, /, *args: P.args, **kwargs: P.kwargs) -> T:
            key = (snap.owner, kind, snap.key(areas), args, tuple(sorted(kwargs.items())))
            return cache.get(snap, key, lambda: fn(snap, *args, **kwargs))

        return wrapper

    return decorate


def read(db: Database, fn: Callable[Concatenate[Snapshot, P], T], /, *args: P.args,
         **kwargs: P.kwargs) -> T:
    """Run fn(snap, *args) in one read transaction whose snapshot carries the data versions."""

    def work(tx: ManagedTransaction) -> T:
        return fn(Snapshot(tx, id(db), read_versions(tx)), *args, **kwargs)

    return db.read_tx(work)
