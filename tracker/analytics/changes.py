"""What one collaboration changed beyond new and strengthened links (pure functions).

Given the one replay of the timeline (:func:`tracker.analytics.growth.timeline`) and a
collaboration's position in it:

- *closed triangles*: its new links whose two actors already shared a partner before it (an
  introduction that happened); ``via`` lists those shared partners;
- *bridges*: its new links whose two actors were both in the network before it, in two
  separate components (a newcomer joining is not a bridge);
- the change in the share of actors in the largest component;
- the change in the number of communities (Louvain on tie strength, seeded).

:func:`describe` turns the result into plain-English lines, given the actors' names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from tracker.analytics.growth import Step, links
from tracker.analytics.network import communities

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


def describe(found: Mapping[str, Any], names: Mapping[str, str], limit: int = 10) -> list[str]:
    """Plain-English lines for :func:`changes` output (at most ``limit`` per kind).

    Examples
    --------
    >>> found = {"closed_triangles": [{"pair": ["a", "c"], "via": ["b"]}],
    ...          "bridges": [{"pair": ["c", "d"], "sizes": [3, 2], "leads": ["b", "d"],
    ...                       "largest": [True, False]}],
    ...          "largest_component_share": {"before": 0.6, "after": 1.0, "change": 0.4},
    ...          "communities": {"before": 2, "after": 1, "change": -1}}
    >>> for line in describe(found, {"a": "A", "b": "B", "c": "C", "d": "D"}):
    ...     print(line)
    Introduced A and C, who both already worked with B.
    Joined D's part of the network (2 actors) to the rest of the network (3 actors).
    The largest connected part now holds 100.0% of actors (was 60.0%).
    Communities (Louvain, on tie strength): 1, was 2.
    """
    def name(actor: str) -> str:
        return names.get(actor) or actor

    lines = []
    triangles = found.get("closed_triangles") or []
    for t in triangles[:limit]:
        lines.append(f"Introduced {name(t['pair'][0])} and {name(t['pair'][1])}, who both "
                     f"already worked with {_list([name(v) for v in t['via'][:3]])}"
                     f"{' and others' if len(t['via']) > 3 else ''}.")
    if len(triangles) > limit:
        lines.append(f"… and {len(triangles) - limit} more introductions.")
    joined: dict[tuple[str, str], dict[str, Any]] = {}
    for bridge in found.get("bridges") or []:
        sides = sorted(zip(bridge["leads"], bridge["sizes"], bridge["largest"], strict=True),
                       key=lambda side: (side[2], side[0]))  # the larger part is named last
        key = (sides[0][0], sides[1][0])
        joined.setdefault(key, {"sides": sides, "links": 0})["links"] += 1
    for item in list(joined.values())[:limit]:
        (lead_a, size_a, _), (lead_b, size_b, largest_b) = item["sides"]
        other = ("the rest of the network" if largest_b
                 else f"{name(lead_b)}'s part")
        many = f", with {item['links']} new links" if item["links"] > 1 else ""
        lines.append(f"Joined {name(lead_a)}'s part of the network ({size_a} actor"
                     f"{'' if size_a == 1 else 's'}) to {other} ({size_b} actor"
                     f"{'' if size_b == 1 else 's'}){many}.")
    share = found.get("largest_component_share")
    if share and share["change"]:
        lines.append(f"The largest connected part now holds {share['after'] * 100:.1f}% of "
                     f"actors (was {share['before'] * 100:.1f}%).")
    groups = found.get("communities")
    if groups and groups["change"]:
        lines.append(f"Communities (Louvain, on tie strength): {groups['after']}, "
                     f"was {groups['before']}.")
    return lines
