"""Network growth after each collaboration: new and strengthened links, reach, size, density.

Everything here is a pure function of plain data, computed in one pass over the
collaborations in order (see the definitions in product.md). This is the app's ONE replay of
the timeline: impact, growth, the network graph as of a date, its page, its exports and the
dashboard all read their links from :func:`timeline`.

- a *collaboration* is a top-level event; collaborations are ordered by start date, ties
  broken by id (the caller passes them ordered);
- each event node (the collaboration or a session at any depth) has a *team*: the actors that
  contributed to it directly plus those that contributed directly to any of its ancestors
  within the collaboration. The caller passes each collaboration's teams (an event node without
  direct contributors adds no team of its own: its team would repeat its parent's);
- two distinct actors *worked together in C* when both are in one team of C; their *link*'s
  *weight* is the number of collaborations so far in which they worked together;
- after collaboration E a pair that worked together in E is *new* if its weight before E was 0
  and *strengthened* if it was 1 or more;
- a link's *strength* is Newman's collaboration weighting over the bipartite graph of actors
  and teams: a team of n actors adds 1/(n-1) to each of its pairs (what
  ``networkx.algorithms.bipartite.collaboration_weighted_projected_graph`` computes);
- the collaboration network after E has every actor that contributed to E or earlier as a
  node and every pair of weight >= 1 as an edge.

The one pass costs O(sum of t² over teams) for t actors each, plus a near-linear union-find
for the components.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

Pair = tuple[str, str]


@dataclass(frozen=True)
class NetworkState:
    """The collaboration network at one point in the order."""

    reached: int = 0
    actors: int = 0
    links: int = 0
    density: float = 0.0
    components: int = 0
    largest_component_share: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """The state as a plain dict."""
        return {"reached": self.reached, "actors": self.actors, "links": self.links,
                "density": self.density, "components": self.components,
                "largest_component_share": self.largest_component_share}


@dataclass(frozen=True)
class Step:
    """What one collaboration changed: its links, its reach, the network before and after."""

    position: int
    event: str
    name: str
    date: str
    contributors: list[str]
    new_links: list[list[str]]
    strengthened_links: list[dict[str, Any]]
    newly_reached: list[str]
    before: NetworkState
    after: NetworkState = field(default_factory=NetworkState)
    teams: list[list[str]] = field(default_factory=list)
    #: Strength each pair that worked together in this collaboration gained from it.
    gains: dict[Pair, float] = field(default_factory=dict)


def density(actors: int, links: int) -> float:
    """2·links / (actors·(actors-1)) rounded to 4 places; 0 under two actors.

    Examples
    --------
    >>> density(3, 3)
    1.0
    >>> density(4, 1)
    0.1667
    >>> density(1, 0)
    0.0
    """
    if actors < 2:
        return 0.0
    return round(2 * links / (actors * (actors - 1)), 4)


def share(part: int, whole: int) -> float:
    """part / whole rounded to 4 places; 0 when whole is 0.

    Examples
    --------
    >>> share(2, 3)
    0.6667
    >>> share(0, 0)
    0.0
    """
    return round(part / whole, 4) if whole else 0.0


class _Components:
    """Union-find by size that keeps the component count and the largest size current."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}
        self.count = 0
        self.largest = 0

    def add(self, node: str) -> None:
        if node not in self.parent:
            self.parent[node] = node
            self.size[node] = 1
            self.count += 1
            self.largest = max(self.largest, 1)

    def find(self, node: str) -> str:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression keeps later finds short
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.count -= 1
        self.largest = max(self.largest, self.size[ra])


def teams_of(collab: Mapping[str, Any]) -> list[list[str]]:
    """A collaboration's teams, each sorted and de-duplicated; ``actors`` is one team if no teams.

    Examples
    --------
    >>> teams_of({"teams": [["b", "a", "a"], ["c"]]})
    [['a', 'b'], ['c']]
    >>> teams_of({"actors": ["b", "a"]})
    [['a', 'b']]
    """
    teams = collab.get("teams")
    if teams is None:
        teams = [collab.get("actors") or []]
    return [sorted(set(team)) for team in teams if team]


def worked_together(teams: Iterable[Sequence[str]]) -> dict[Pair, float]:
    """Every pair that shares a team, with the Newman strength those teams give it.

    A team of n actors adds 1/(n-1) to each of its pairs; teams are sorted, so pairs are too.

    Examples
    --------
    >>> worked_together([["host", "s1", "s2"], ["host", "t1"]])
    {('host', 's1'): 0.5, ('host', 's2'): 0.5, ('s1', 's2'): 0.5, ('host', 't1'): 1.0}
    >>> worked_together([["a", "b"], ["a", "b", "c"]])[("a", "b")]
    1.5
    """
    gains: dict[Pair, float] = {}
    for team in teams:
        if len(team) < 2:
            continue
        share_each = 1.0 / (len(team) - 1)
        for pair in combinations(team, 2):
            gains[pair] = gains.get(pair, 0.0) + share_each
    return gains


class Replay:
    """The one pass's state after the collaborations stepped so far (link weights, components,
    reach, the last network state), so that a later collaboration extends a timeline by one step
    instead of replaying it (:meth:`copy` first: a cached timeline stays as it was).

    Examples
    --------
    >>> whole = timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a", "b"]},
    ...                   {"id": "e2", "start": "2023-02-01", "actors": ["b", "c"]}], {"e2": ["c"]})
    >>> replay = Replay()
    >>> first = replay.step({"id": "e1", "start": "2023-01-01", "actors": ["a", "b"]}, [])
    >>> later = replay.copy().step({"id": "e2", "start": "2023-02-01", "actors": ["b", "c"]},
    ...                            ["c"])
    >>> [first, later] == whole
    True
    """

    def __init__(self) -> None:
        self.weights: dict[Pair, int] = {}
        self.components = _Components()
        self.reached = 0
        self.state = NetworkState()
        self.position = 0

    def copy(self) -> Replay:
        """An independent copy of the state (the dictionaries are copied, O(links + actors))."""
        other = Replay()
        other.weights = dict(self.weights)
        other.components.parent = dict(self.components.parent)
        other.components.size = dict(self.components.size)
        other.components.count = self.components.count
        other.components.largest = self.components.largest
        other.reached, other.state, other.position = self.reached, self.state, self.position
        return other

    def step(self, collab: Mapping[str, Any], newly_reached: Iterable[str]) -> Step:
        """The next collaboration's Step (see :func:`timeline`), the state moved past it."""
        teams = teams_of(collab)
        actors = sorted({a for team in teams for a in team})
        gains = worked_together(teams)
        new: list[list[str]] = []
        strengthened: list[dict[str, Any]] = []
        weights = self.weights
        for pair in sorted(gains):
            before = weights.get(pair, 0)
            weights[pair] = before + 1
            if before:
                strengthened.append({"pair": list(pair), "before": before, "after": before + 1})
            else:
                new.append(list(pair))
        components = self.components
        for actor in actors:
            components.add(actor)
        for team in teams:  # a team is connected: one union chain per team
            for actor in team[1:]:
                components.union(team[0], actor)
        first = sorted(set(newly_reached))
        self.reached += len(first)
        after = NetworkState(
            reached=self.reached, actors=len(components.parent),
            links=len(weights), density=density(len(components.parent), len(weights)),
            components=components.count,
            largest_component_share=share(components.largest, len(components.parent)))
        step = Step(self.position, collab["id"], collab.get("name") or collab["id"],
                    collab["start"], actors, new, strengthened, first, self.state, after,
                    teams, gains)
        self.state = after
        self.position += 1
        return step


def timeline(collaborations: Iterable[Mapping[str, Any]],
             newly_reached: Mapping[str, Iterable[str]] | None = None,
             replay: Replay | None = None) -> list[Step]:
    """One Step per collaboration, in the order given, computed in one pass.

    Parameters
    ----------
    collaborations : iterable of mappings
        Already ordered by start date then id, each with ``id``, ``start`` (ISO date),
        optional ``name`` and ``teams`` (lists of actor ids: one per event node of the
        collaboration, see the module notes). Without ``teams``, ``actors`` is taken as one
        team (a collaboration without sessions).
    newly_reached : mapping, optional
        Collaboration id -> ids of the organisations it reached for the first time.
    replay : Replay, optional
        The state to continue from (it is moved on); a new one (the start) by default.

    Returns
    -------
    list of Step
        Pairs are sorted tuples turned into sorted lists; every list is sorted.

    Examples
    --------
    A host at the top of a collaboration with two sessions works with both sessions' speakers;
    the speakers of different sessions do not work together:

    >>> steps = timeline([{"id": "e1", "start": "2023-11-01",
    ...                    "teams": [["host"], ["host", "s1"], ["host", "s2"]]},
    ...                   {"id": "e2", "start": "2023-12-01", "actors": ["host", "s1", "s3"]}],
    ...                  {"e1": ["s1"], "e2": ["s3"]})
    >>> steps[0].new_links
    [['host', 's1'], ['host', 's2']]
    >>> steps[1].new_links, steps[1].strengthened_links
    ([['host', 's3'], ['s1', 's3']], [{'pair': ['host', 's1'], 'before': 1, 'after': 2}])
    >>> steps[1].after.as_dict()["density"], steps[1].after.reached
    (0.6667, 2)
    """
    newly_reached = newly_reached or {}
    replay = replay if replay is not None else Replay()
    return [replay.step(collab, newly_reached.get(collab["id"], []))
            for collab in collaborations]


def upto(steps: Sequence[Step], as_of: str | None) -> list[Step]:
    """The steps of the collaborations that started on or before as_of (all for None).

    Examples
    --------
    >>> steps = timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a", "b"]},
    ...                   {"id": "e2", "start": "2023-06-01", "actors": ["b", "c"]}])
    >>> [s.event for s in upto(steps, "2023-05-31")], len(upto(steps, None))
    (['e1'], 2)
    """
    if as_of is None:
        return list(steps)
    return [s for s in steps if s.date <= as_of]


def links(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """Link rows after the given steps: a, b, weight, strength, first and last date, by pair.

    Strength is rounded to 6 places.

    Examples
    --------
    >>> steps = timeline([{"id": "e1", "start": "2023-01-01", "teams": [["a", "b", "c"]]},
    ...                   {"id": "e2", "start": "2023-06-01", "teams": [["a", "b"]]}])
    >>> links(steps)[0]
    {'a': 'a', 'b': 'b', 'weight': 2, 'strength': 1.5, 'first': '2023-01-01', 'last': '2023-06-01'}
    """
    found: dict[Pair, dict[str, Any]] = {}
    for step in steps:
        for pair, gain in step.gains.items():
            link = found.get(pair)
            if link is None:
                link = found[pair] = {"a": pair[0], "b": pair[1], "weight": 0, "strength": 0.0,
                                      "first": step.date, "last": step.date}
            link["weight"] += 1
            link["strength"] += gain
            link["last"] = step.date
    out = [found[pair] for pair in sorted(found)]
    for link in out:
        link["strength"] = round(link["strength"], 6)
    return out


def first_seen(steps: Sequence[Step]) -> dict[str, int]:
    """Each actor's position of first contribution in the given steps.

    Examples
    --------
    >>> first_seen(timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a"]},
    ...                      {"id": "e2", "start": "2023-02-01", "actors": ["a", "b"]}]))
    {'a': 0, 'b': 1}
    """
    seen: dict[str, int] = {}
    for step in steps:
        for actor in step.contributors:
            seen.setdefault(actor, step.position)
    return seen


def growth_rows(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """The growth table: one row per collaboration with exactly the documented keys.

    Examples
    --------
    >>> rows = growth_rows(timeline([{"id": "e1", "start": "2023-11-01", "actors": ["a", "b"]}]))
    >>> rows[0]["links"], rows[0]["new_links"], rows[0]["density"]
    (1, 1, 1.0)
    """
    return [{"event": s.event, "date": s.date, **_counts(s.after),
             "new_links": len(s.new_links), "strengthened_links": len(s.strengthened_links),
             **_shape(s.after)} for s in steps]


def growth_by_month(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """One row per calendar month that holds a collaboration: the state at the month's end.

    New and strengthened links are summed over the month's collaborations; the other
    numbers are the network after the month's last collaboration.

    Examples
    --------
    >>> steps = timeline([{"id": "e1", "start": "2023-11-01", "actors": ["a", "b"]},
    ...                   {"id": "e2", "start": "2023-11-20", "actors": ["a", "b"]},
    ...                   {"id": "e3", "start": "2024-01-05", "actors": ["c"]}])
    >>> [(r["month"], r["new_links"], r["strengthened_links"], r["actors"])
    ...  for r in growth_by_month(steps)]
    [('2023-11', 1, 1, 2), ('2024-01', 0, 0, 3)]
    """
    months: dict[str, dict[str, Any]] = {}
    for s in steps:
        month = s.date[:7]
        row = months.setdefault(month, {"month": month, "new_links": 0, "strengthened_links": 0})
        row["new_links"] += len(s.new_links)
        row["strengthened_links"] += len(s.strengthened_links)
        row["last"] = s.after
    return [{"month": r["month"], **_counts(r["last"]), "new_links": r["new_links"],
             "strengthened_links": r["strengthened_links"], **_shape(r["last"])}
            for r in months.values()]


#: Sums over a chart point's collaborations; every other number is the state after its last.
_SUMMED = ("new_links", "strengthened_links")


def chart_points(rows: Sequence[Mapping[str, Any]], points: int = 120) -> list[dict[str, Any]]:
    """At most `points` rows for a chart of a long growth table: consecutive collaborations
    grouped evenly, each point being the state after its group's last collaboration, with new
    and strengthened links summed over the group (`count` says how many it holds).

    A short table comes back whole, so a small community's chart shows every collaboration.

    Examples
    --------
    >>> rows = [{"event": f"e{i}", "links": i, "new_links": 1, "strengthened_links": 0}
    ...         for i in range(1, 8)]
    >>> [(p["event"], p["links"], p["new_links"], p["count"]) for p in chart_points(rows, 3)]
    [('e3', 3, 3, 3), ('e6', 6, 3, 3), ('e7', 7, 1, 1)]
    >>> len(chart_points(rows, 10))
    7
    """
    size = max(1, -(-len(rows) // max(1, points)))
    out: list[dict[str, Any]] = []
    for start in range(0, len(rows), size):
        group = rows[start:start + size]
        point = {**group[-1], "count": len(group)}
        for key in _SUMMED:
            point[key] = sum(r.get(key) or 0 for r in group)
        out.append(point)
    return out


def _counts(state: NetworkState) -> dict[str, Any]:
    return {"reached": state.reached, "actors": state.actors, "links": state.links}


def _shape(state: NetworkState) -> dict[str, Any]:
    return {"density": state.density, "components": state.components,
            "largest_component_share": state.largest_component_share}


def compare(steps: Sequence[Step], date_from: str, date_to: str) -> dict[str, Any]:
    """Links that appeared or strengthened, and organisations first reached, between two dates.

    Both dates are ISO strings and inclusive. A pair whose weight before the window was 0 is
    new (even if it also grew again inside the window); otherwise it strengthened, from its
    weight before the window to its weight at the window's end.

    Examples
    --------
    >>> steps = timeline([{"id": "e1", "start": "2023-01-01", "actors": ["a", "b"]},
    ...                   {"id": "e2", "start": "2023-06-01", "actors": ["a", "b", "c"]},
    ...                   {"id": "e3", "start": "2023-07-01", "actors": ["a", "c"]}],
    ...                  {"e2": ["c"]})
    >>> result = compare(steps, "2023-05-01", "2023-12-31")
    >>> result["new_links"], result["strengthened_links"], result["newly_reached"]
    ([{'pair': ['a', 'c'], 'before': 0, 'after': 2}, {'pair': ['b', 'c'], 'before': 0, \
'after': 1}], [{'pair': ['a', 'b'], 'before': 1, 'after': 2}], ['c'])
    """
    window = [s for s in steps if date_from <= s.date <= date_to]
    first_before: dict[Pair, int] = {}
    last_after: dict[Pair, int] = {}
    reached: set[str] = set()
    for s in window:
        for pair in s.new_links:
            key = (pair[0], pair[1])
            first_before.setdefault(key, 0)
            last_after[key] = 1
        for link in s.strengthened_links:
            key = (link["pair"][0], link["pair"][1])
            first_before.setdefault(key, link["before"])
            last_after[key] = link["after"]
        reached.update(s.newly_reached)
    changes: list[dict[str, Any]] = [
        {"pair": list(k), "before": first_before[k], "after": last_after[k]}
        for k in sorted(first_before)]
    return {
        "from": date_from,
        "to": date_to,
        "collaborations": [s.event for s in window],
        "new_links": [c for c in changes if c["before"] == 0],
        "strengthened_links": [c for c in changes if c["before"] > 0],
        "newly_reached": sorted(reached),
        "before": (window[0].before if window else _state_before(steps, date_from)).as_dict(),
        "after": (window[-1].after if window else _state_before(steps, date_from)).as_dict(),
    }


def _state_before(steps: Sequence[Step], date: str) -> NetworkState:
    """The network after the last collaboration strictly before date."""
    state = NetworkState()
    for s in steps:
        if s.date >= date:
            break
        state = s.after
    return state


def summary_sentence(new: int, strengthened: int, reached: int) -> str:
    """A plain-English summary of one collaboration's effect.

    Examples
    --------
    >>> summary_sentence(3, 2, 5)
    '3 new partnerships, 2 strengthened, 5 organisations reached for the first time'
    >>> summary_sentence(1, 0, 1)
    '1 new partnership, 0 strengthened, 1 organisation reached for the first time'
    """
    return (f"{new} new partnership{'' if new == 1 else 's'}, {strengthened} strengthened, "
            f"{reached} organisation{'' if reached == 1 else 's'} reached for the first time")
