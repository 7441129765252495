"""What one collaboration changed beyond new and strengthened links (pure functions).

Given the one replay of the timeline (:func:`tracker.analytics.growth.timeline`) and a
collaboration's position in it:

- *closed triangles*: its new links whose two actors already shared a partner before it (an
  introduction that happened); ``via`` lists those shared partners;
- *bridges*: its new links whose two actors were both in the network before it, in two
  separate components (a newcomer joining is not a bridge);
- the change in the share of actors in the largest component;
- the change in the number of communities (Louvain on tie strength, seeded).

:func:`describe` turns the result into one plain-English line for each of the four, given the
actors' names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import networkx as nx

from tracker.analytics.growth import Step, links
from tracker.analytics.network import communities
from tracker.text import plural

Namer = Callable[[str], str]

CHANGE_KEYS = ("closed_triangles", "bridges", "largest_component_share", "communities",
               "what_changed")


def graph_after(steps: Sequence[Step]) -> nx.Graph:
    """The collaboration graph after the given steps (edge attributes weight and strength).

    Examples
    --------
    >>> from tracker.analytics.growth import timeline
    >>> g = graph_after(timeline([{"id": "e1", "start": "2023-01-01", "teams": [["a", "b"], ["c"]]}]))
    >>> sorted(g.nodes), g["a"]["b"]["strength"]
    (['a', 'b', 'c'], 1.0)
    """
    graph = nx.Graph()
    for step in steps:
        graph.add_nodes_from(step.contributors)
    for link in links(steps):
        graph.add_edge(link["a"], link["b"], weight=link["weight"], strength=link["strength"])
    return graph


def _parts(graph: nx.Graph) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Component index per actor, and per component its size and best-connected member."""
    found = sorted((sorted(c, key=str) for c in nx.connected_components(graph)),
                   key=lambda c: (-len(c), c[0]))
    index: dict[str, int] = {}
    parts = []
    for i, members in enumerate(found):
        for actor in members:
            index[actor] = i
        lead = min(members, key=lambda v: (-graph.degree(v), str(v)))
        parts.append({"lead": lead, "size": len(members), "largest": i == 0})
    return index, parts


def changes(steps: Sequence[Step], position: int, with_communities: bool = True) -> dict[str, Any]:
    """Closed triangles, bridges, largest-component and community changes of one collaboration.

    ``steps`` is the whole replay and ``position`` the collaboration's index in it. Lists are
    sorted by pair.

    Examples
    --------
    Before e3, a–b–c is a path and d–e a separate pair; e3 links a–c (a triangle closed via b)
    and c–d (a bridge between the two parts):

    >>> from tracker.analytics.growth import timeline
    >>> steps = timeline([{"id": "e1", "start": "2023-01-01", "teams": [["a", "b"], ["b", "c"]]},
    ...                   {"id": "e2", "start": "2023-02-01", "actors": ["d", "e"]},
    ...                   {"id": "e3", "start": "2023-03-01", "teams": [["a", "c"], ["c", "d"]]}])
    >>> out = changes(steps, 2)
    >>> out["closed_triangles"]
    [{'pair': ['a', 'c'], 'via': ['b']}]
    >>> out["bridges"]
    [{'pair': ['c', 'd'], 'sizes': [3, 2], 'leads': ['b', 'd'], 'largest': [True, False]}]
    >>> out["largest_component_share"]
    {'before': 0.6, 'after': 1.0, 'change': 0.4}
    >>> out["communities"]
    {'before': 2, 'after': 2, 'change': 0}
    """
    step = steps[position]
    before = graph_after(steps[:position])
    index, parts = _parts(before)
    triangles, bridges = [], []
    for a, b in step.new_links:
        if a in before and b in before:
            via = sorted(set(before[a]) & set(before[b]), key=str)
            if via:
                triangles.append({"pair": [a, b], "via": via})
            if index[a] != index[b]:
                pa, pb = parts[index[a]], parts[index[b]]
                bridges.append({"pair": [a, b], "sizes": [pa["size"], pb["size"]],
                                "leads": [pa["lead"], pb["lead"]],
                                "largest": [pa["largest"], pb["largest"]]})
    share_before = step.before.largest_component_share
    share_after = step.after.largest_component_share
    out: dict[str, Any] = {
        "closed_triangles": triangles,
        "bridges": bridges,
        "largest_component_share": {"before": share_before, "after": share_after,
                                    "change": round(share_after - share_before, 4)},
        "communities": None,
    }
    if with_communities:
        count_before = len(communities(before))
        count_after = len(communities(graph_after(steps[:position + 1])))
        out["communities"] = {"before": count_before, "after": count_after,
                              "change": count_after - count_before}
    return out


def _list(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'.

    Examples
    --------
    >>> _list(["A", "B", "C"])
    'A, B and C'
    """
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _capped(items: Sequence[str], limit: int) -> str:
    """At most ``limit`` items, then 'and N more'.

    Examples
    --------
    >>> _capped(["A", "B", "C", "D"], 2)
    'A, B and 2 more'
    """
    if len(items) <= limit:
        return _list(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def _count(n: int, singular: str, many: str) -> str:
    """'1 actor', '2 actors'."""
    return f"{n} {plural(n, singular, many)}"


def _percent(share: float) -> str:
    """0.6667 -> '66.7%', 1.0 -> '100%'."""
    return f"{share * 100:.1f}".removesuffix(".0") + "%"


def _introductions(triangles: Sequence[Mapping[str, Any]], name: Namer, limit: int,
                   first: bool, new_links: int | None) -> str:
    """The one line on closed triangles."""
    if not triangles:
        if first:
            return ("No introductions: the network starts here, so no two actors shared a "
                    "partner before.")
        if new_links == 0:
            return "No introductions: this collaboration made no new links."
        return ("No introductions: none of the new links joined two actors who already shared "
                "a partner.")

    def via(t: Mapping[str, Any]) -> str:
        shared = [name(v) for v in t["via"]]
        if len(shared) <= 3:
            return _list(shared)
        return ", ".join(shared[:3]) + f" and {_count(len(shared) - 3, 'other', 'others')}"

    pairs = [f"{name(t['pair'][0])} – {name(t['pair'][1])}" for t in triangles]
    if len(triangles) == 1:
        return f"1 introduction: {pairs[0]}, who both already worked with {via(triangles[0])}."
    named = [f"{pair} (both already worked with {via(t)})"
             for pair, t in zip(pairs, triangles, strict=True)]
    return f"{len(triangles)} introductions: {_capped(named, limit)}."


def _bridges(bridges: Sequence[Mapping[str, Any]], name: Namer, limit: int,
             first: bool, new_links: int | None) -> str:
    """The one line on bridges: each pair of parts joined, with the new links that joined it."""
    if not bridges:
        if first:
            return "No bridges: the network starts here, so there were no separate parts to join."
        if new_links == 0:
            return "No bridges: with no new links, no separate parts were joined."
        return ("No bridges: none of the new links joined two parts of the network that were "
                "separate.")
    joined: dict[tuple[str, str], dict[str, Any]] = {}
    for bridge in bridges:
        sides = sorted(zip(bridge["leads"], bridge["sizes"], bridge["largest"], bridge["pair"],
                           strict=True),
                       key=lambda side: (side[2], side[0]))  # the larger part is named last
        # Each link as the sentence reads: the joined part's actor first.
        joined.setdefault((sides[0][0], sides[1][0]), {"sides": sides, "pairs": []})[
            "pairs"].append(f"{name(sides[0][3])} – {name(sides[1][3])}")
    clauses = []
    for item in joined.values():
        (lead_a, size_a, _, _), (lead_b, size_b, largest_b, _) = item["sides"]
        item["pairs"].sort()
        other = "the rest of the network" if largest_b else f"{name(lead_b)}'s part"
        clauses.append(f"joined {name(lead_a)}'s part of the network "
                       f"({_count(size_a, 'actor', 'actors')}) to {other} "
                       f"({_count(size_b, 'actor', 'actors')}) through "
                       f"{_count(len(item['pairs']), 'new link', 'new links')}: "
                       f"{_capped(item['pairs'], limit)}")
    if len(clauses) > limit:
        rest = len(clauses) - limit
        clauses = [*clauses[:limit], f"and {rest} more {'join' if rest == 1 else 'joins'}"]
    text = "; ".join(clauses)
    return text[0].upper() + text[1:] + "."


def _share(share: Mapping[str, float], first: bool) -> str:
    """The one line on the largest component's share of actors."""
    before, after = _percent(share["before"]), _percent(share["after"])
    if first:
        if not share["after"]:
            return "The network has no actors yet."
        return f"The largest part of the network starts at {after} of actors."
    if before == after:
        return f"The largest part of the network stayed at {after} of actors."
    moved = "grew" if share["after"] > share["before"] else "shrank"
    return f"The largest part of the network {moved} from {before} to {after} of actors."


def _communities(groups: Mapping[str, int], first: bool) -> str:
    """The one line on the number of communities."""
    after = _count(groups["after"], "community", "communities")
    if first:
        return f"The network starts with {after}." if groups["after"] else "No communities yet."
    if not groups["change"]:
        return f"Still {after}."
    moved = "up" if groups["change"] > 0 else "down"
    return f"Now {after}, {moved} from {groups['before']}."


def describe(found: Mapping[str, Any], names: Mapping[str, str], limit: int = 3,
             new_links: int | None = None) -> list[str]:
    """One plain-English line for each of :func:`changes`' four results, in a fixed order:
    introductions, bridges, largest share, communities (said also when nothing changed; the
    communities line only when they were computed). Each line names at most ``limit`` pairs;
    ``new_links`` (the collaboration's count, when known) lets a collaboration that made none
    say so rather than speak of its new links.

    Examples
    --------
    >>> found = {"closed_triangles": [{"pair": ["a", "c"], "via": ["b"]}],
    ...          "bridges": [{"pair": ["c", "d"], "sizes": [3, 2], "leads": ["b", "d"],
    ...                       "largest": [True, False]}],
    ...          "largest_component_share": {"before": 0.6, "after": 1.0, "change": 0.4},
    ...          "communities": {"before": 2, "after": 2, "change": 0}}
    >>> for line in describe(found, {"a": "A", "b": "B", "c": "C", "d": "D"}):
    ...     print(line)
    1 introduction: A – C, who both already worked with B.
    Joined D's part of the network (2 actors) to the rest of the network (3 actors) through 1 new link: D – C.
    The largest part of the network grew from 60% to 100% of actors.
    Still 2 communities.
    """
    def name(actor: str) -> str:
        return names.get(actor) or actor

    share = found["largest_component_share"]
    # Nothing before this collaboration: no actor, so no share (the first collaboration).
    first = not share["before"]
    lines = [_introductions(found["closed_triangles"], name, limit, first, new_links),
             _bridges(found["bridges"], name, limit, first, new_links),
             _share(share, first)]
    if found.get("communities"):
        lines.append(_communities(found["communities"], first))
    return lines
