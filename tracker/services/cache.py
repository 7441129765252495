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

Stale while revalidating: a kind declared ``cached(..., stale=True)`` also keeps its latest
result per arguments. :func:`read_or_stale` serves that previous result at once, marked as
updating, when the current versions miss and the epoch is the same, and starts ONE background
recomputation per kind and arguments (a request arriving meanwhile gets the previous result
too); with no previous result it computes in the request, as :func:`read` does. The background
thread is given only the database and the arguments (no request, no session), logs and forgets
a failure (an outage: the previous result stays and the next request tries again), and
:func:`join_pending` waits for it (tests, benchmarks). A kind may also name ``now_if(snap,
*args)``: when it says the miss is cheap (what the kind rests on is current, as the growth
pages once the timeline is ready or can be extended), the miss computes in the request instead
of serving an older result.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from tracker.areas import AREAS
from tracker.db import Database, ManagedTransaction, row

P = ParamSpec("P")
T = TypeVar("T")

log = logging.getLogger(__name__)

#: How many results one process keeps per tier (least recently used go first): the costly
#: analyses and list orders, and the small per-page results (an organisation's page, a page of
#: /admin/unmatched), which are many and must never push an analysis out.
TIERS = {"results": 128, "pages": 512}
CACHE_SIZE = TIERS["results"]
#: How many previous results of each stale-capable kind are kept (one per arguments: the
#: network as of today and a few as-of dates, the impact reports last looked at). Counted per
#: kind, so that many impact reports never push the growth timeline's previous result out.
LATEST_SIZE = 16


def read_versions(tx: ManagedTransaction) -> dict[str, str]:
    """The current data version of every area, read in tx."""
    state = row(tx, "meta/version") or {}
    return {area: f"{state.get('epoch')}:{state.get(area, 0)}" for area in AREAS}


def _counter(version: str) -> int:
    """The counter of an "epoch:counter" version string."""
    return int(version.rpartition(":")[2] or 0)


def version_label(versions: tuple[str, ...]) -> str:
    """Versions of a kind's areas as one string: the epoch then each area's counter.

    >>> version_label(("e1:12", "e1:9"))
    'e1:12.9'
    """
    if not versions:
        return ""
    epoch = versions[0].rpartition(":")[0]
    return f"{epoch}:" + ".".join(str(_counter(v)) for v in versions)


@dataclass(frozen=True)
class Served(Generic[T]):
    """A cached kind's value as served: ``updating`` when it is the previous result while a
    recomputation runs; ``version`` names the data versions it was computed from."""

    value: T
    updating: bool
    version: str


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
        #: (database, kind, arguments) -> (versions, value) of stale-capable kinds.
        self._latest: OrderedDict[Hashable, tuple[tuple[str, ...], Any]] = OrderedDict()
        self._pending: dict[Hashable, threading.Thread] = {}
        self.recomputes = 0  # background recomputations started
        self.failures = 0  # background recomputations that failed (an outage)

    def get(self, snap: Snapshot, key: Hashable, compute: Callable[[], T],
            areas: tuple[str, ...] = AREAS, tier: str = "results",
            family: Hashable | None = None) -> T:
        """The value stored under key, or compute() stored under it if no write to `areas`
        landed since snap's versions were read. With `family` (a stale-capable kind's key
        without versions) a stored value also becomes the family's latest result."""
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
            result = self._compute(snap, key, compute, areas, tier, family)
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
                 areas: tuple[str, ...], tier: str, family: Hashable | None) -> T:
        """compute(), stored under key (and as family's latest result) unless a write to
        `areas` landed meanwhile."""
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
                if family is not None:
                    self._remember(family, snap.key(areas), result)
        return result

    def peek(self, key: Hashable, tier: str = "results") -> tuple[bool, Any]:
        """(True, value) if key is stored (counted as a hit), else (False, None)."""
        items = self._tiers[tier]
        with self._lock:
            if key in items:
                items.move_to_end(key)
                self.hits += 1
                return True, items[key]
        return False, None

    def holds(self, key: Hashable, tier: str = "results") -> bool:
        """Whether key is stored (no hit counted, no reordering)."""
        with self._lock:
            return key in self._tiers[tier]

    def _remember(self, family: Hashable, versions: tuple[str, ...], value: Any) -> None:
        """Keep value as family's latest result unless a newer one is kept (lock held)."""
        known = self._latest.get(family)
        if known is not None and _same_epoch(known[0], versions) and \
                [_counter(v) for v in known[0]] > [_counter(v) for v in versions]:
            return
        self._latest[family] = (versions, value)
        self._latest.move_to_end(family)
        kind = _kind_of(family)
        same = [f for f in self._latest if _kind_of(f) == kind]  # oldest first
        for old in same[:max(0, len(same) - LATEST_SIZE)]:
            del self._latest[old]

    def latest(self, family: Hashable, versions: tuple[str, ...]) -> tuple[tuple[str, ...],
                                                                           Any] | None:
        """The family's latest result and its versions if it is of the same epoch as
        `versions` (a result of an emptied database is never served), else None."""
        with self._lock:
            known = self._latest.get(family)
        if known is None or not _same_epoch(known[0], versions):
            return None
        return known

    def revalidate(self, family: Hashable, compute: Callable[[], object]) -> bool:
        """Start compute() in a background thread unless one runs for family already; True if
        this call started it."""
        with self._lock:
            if family in self._pending:
                return False
            worker = threading.Thread(target=self._recompute, args=(family, compute),
                                      name="tracker-recompute", daemon=True)
            self._pending[family] = worker
            self.recomputes += 1
        worker.start()
        return True

    def _recompute(self, family: Hashable, compute: Callable[[], object]) -> None:
        _yield_cpu()
        try:
            compute()
        except Exception:  # an outage: keep the previous result, the next request retries
            log.warning("background recomputation of %s failed; the previous result stays",
                        family[1] if isinstance(family, tuple) else family, exc_info=True)
            with self._lock:
                self.failures += 1
        finally:
            with self._lock:
                self._pending.pop(family, None)

    def pending(self) -> int:
        """How many background recomputations are running."""
        with self._lock:
            return len(self._pending)

    def join_pending(self, timeout: float | None = None) -> None:
        """Wait until every background recomputation started so far has finished."""
        with self._lock:
            workers = list(self._pending.values())
        for worker in workers:
            worker.join(timeout)

    def clear(self) -> None:
        """Forget everything (tests and benchmarks timing a cold computation)."""
        with self._lock:
            for items in self._tiers.values():
                items.clear()
            self._latest.clear()
            self.hits = self.misses = self.waits = 0


#: The niceness added to a background recomputation's thread: a previous result is already
#: being served, so requests (and, on a laptop, the browser drawing them) come first.
RECOMPUTE_NICENESS = 10


def _yield_cpu() -> None:
    """Lower this thread's CPU priority (Linux schedules threads apart; elsewhere a no-op)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(),
                       os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
                       + RECOMPUTE_NICENESS)


def _kind_of(family: Hashable) -> Hashable:
    """The kind named in a family key ``(database, kind, args, kwargs)``."""
    return (family[0], family[1]) if isinstance(family, tuple) else family


def _same_epoch(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and bool(b) and a[0].rpartition(":")[0] == b[0].rpartition(":")[0]


#: The process's one cache of derived data.
cache = VersionedCache()


def cached(kind: str, areas: tuple[str, ...] = AREAS, tier: str = "results",
           stale: bool = False, now_if: Callable[..., bool] | None = None) -> Callable[
        [Callable[Concatenate[Snapshot, P], T]], Callable[Concatenate[Snapshot, P], T]]:
    """Cache fn(snap, *args) under (database, kind, the versions of `areas`, args).

    Arguments must be hashable; the result is shared between callers, so treat it as read-only.
    ``tier="pages"`` keeps small per-page results apart from the costly ones (see TIERS).
    ``stale=True`` keeps the latest result per arguments, for :func:`read_or_stale`;
    ``now_if(snap, *args)`` true makes :func:`read_or_stale` compute a miss in the request
    (the miss is cheap) rather than serve the previous result.
    """
    if now_if is not None and not stale:
        raise ValueError("now_if only applies to kinds declared stale=True")
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
            family = (snap.owner, kind, args, tuple(sorted(kwargs.items()))) if stale else None
            return cache.get(snap, key, lambda: fn(snap, *args, **kwargs), areas, tier, family)

        wrapper.cache_spec = (kind, areas, tier, stale)  # type: ignore[attr-defined]
        wrapper.now_if = now_if  # type: ignore[attr-defined]
        return wrapper

    return decorate


def previous(snap: Snapshot, kind: str, areas: tuple[str, ...], *args: Hashable) -> tuple[
        tuple[str, ...], Any] | None:
    """The latest stored result of a ``stale=True`` kind for these arguments and its versions,
    if of snap's epoch (a kind extending its previous result instead of recomputing it)."""
    return cache.latest((snap.owner, kind, args, ()), snap.key(areas))


def version_counter(version: str) -> int:
    """The counter of one area's version ("epoch:counter")."""
    return _counter(version)


def read(db: Database, fn: Callable[Concatenate[Snapshot, P], T], /, *args: P.args,
         **kwargs: P.kwargs) -> T:
    """Run fn(snap, *args) in one read transaction whose snapshot carries the data versions."""

    def work(tx: ManagedTransaction) -> T:
        return fn(Snapshot(tx, id(db), read_versions(tx)), *args, **kwargs)

    return db.read_tx(work)


def read_or_stale(db: Database, fn: Callable[Concatenate[Snapshot, P], T], /, *args: P.args,
                  **kwargs: P.kwargs) -> Served[T]:
    """A stale-capable cached kind (``cached(..., stale=True)``) as served to a page: the
    current result if it is cached; else the previous result of the same epoch marked as
    updating, while ONE background recomputation per kind and arguments brings the current one
    (see the module notes); else (a cold start) computed here and now.
    """
    kind, areas, tier, stale = fn.cache_spec  # type: ignore[attr-defined]
    if not stale:
        raise ValueError(f"{kind} is not declared stale=True")
    now_if: Callable[..., bool] | None = fn.now_if  # type: ignore[attr-defined]
    extra = tuple(sorted(kwargs.items()))

    def work(tx: ManagedTransaction) -> Served[T]:
        snap = Snapshot(tx, id(db), read_versions(tx))
        versions = snap.key(areas)
        found, value = cache.peek((snap.owner, kind, versions, args, extra), tier)
        if found:
            return Served(value, False, version_label(versions))
        previous = cache.latest((snap.owner, kind, args, extra), versions)
        if previous is not None and (previous[0] == versions or now_if is None
                                     or not now_if(snap, *args, **kwargs)):
            # the same versions: evicted from its tier, still current
            return Served(previous[1], previous[0] != versions, version_label(previous[0]))
        return Served(fn(snap, *args, **kwargs), False, version_label(versions))

    served = db.read_tx(work)
    if served.updating:
        cache.revalidate((id(db), kind, args, extra), lambda: read(db, fn, *args, **kwargs))
    return served


def join_pending(timeout: float | None = None) -> None:
    """Wait for the background recomputations started so far (tests and benchmarks)."""
    cache.join_pending(timeout)


def current_in(snap: Snapshot, fn: Callable[Concatenate[Snapshot, P], T], /, *args: P.args,
               **kwargs: P.kwargs) -> bool:
    """Whether the cached kind fn holds its result for snap's versions (computes nothing)."""
    kind, areas, tier, _ = fn.cache_spec  # type: ignore[attr-defined]
    return cache.holds((snap.owner, kind, snap.key(areas), args, tuple(sorted(kwargs.items()))),
                       tier)


def is_current(db: Database, fn: Callable[Concatenate[Snapshot, P], T], /, *args: P.args,
               **kwargs: P.kwargs) -> bool:
    """Whether the cached kind fn holds its result for the current data (computes nothing)."""
    kind, areas, tier, _ = fn.cache_spec  # type: ignore[attr-defined]
    extra = tuple(sorted(kwargs.items()))

    def work(tx: ManagedTransaction) -> bool:
        versions = Snapshot(tx, id(db), read_versions(tx)).key(areas)
        return cache.holds((id(db), kind, versions, args, extra), tier)

    return db.read_tx(work)
