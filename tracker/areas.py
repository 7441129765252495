"""Areas of data: what a write touched, so caches drop only the results that depend on it.

Each cached kind of derived data (:mod:`tracker.services.cache`) names the areas it reads; each
write bumps the version of the areas it touched, in its own transaction
(:meth:`tracker.db.Database.write_tx`). The areas:

- ``network``: the collaborations' structure (events, sessions, contributions), and the names
  and kinds of the actors that contributed (the network shows them);
- ``reach``: who was reached (attendance, people's employment, speaking and attending, the
  register, memberships);
- ``actors``: which actors exist and what they are called (the matcher, headline counts);
- ``people``: which people exist, their names and employers (the people list, an
  organisation's people, headline counts). A new person has attended and spoken nowhere yet,
  so creating one touches ``people`` only: the timeline, the network and the organisation
  list stay warm; editing or deleting a person also touches ``reach`` (who was reached
  through them);
- ``other``: everything else derived data may read (feedback, e-mail domains, notes and
  follow-ups).

User accounts, sessions, API tokens and login throttles touch no area: no derived data reads
them, so a new account never empties the network's cache.

Most writes are classified from their audit entries (:func:`touched`); a write without entries
touches every area unless it says otherwise.

>>> sorted(touched([{"entity": "user", "action": "create", "changes": "{}"}]).areas)
[]
>>> sorted(touched([{"entity": "event", "action": "create", "changes": "{}"}]).areas)
['actors', 'network', 'people', 'reach']
>>> sorted(touched([{"entity": "person", "action": "create", "changes": "{}"}]).areas)
['people']
>>> sorted(touched([{"entity": "person", "action": "update", "changes": "{}"}]).areas)
['people', 'reach']
>>> found = touched([{"entity": "organisation", "entity_id": "ons", "action": "update",
...                   "changes": '{"website": {"from": null, "to": "https://ons.gov.uk"}}'}])
>>> sorted(found.areas), found.if_contributor
(['actors'], ('ons',))
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: Every area, in the order cache keys list them.
AREAS = ("network", "reach", "actors", "people", "other")
EVERYTHING = frozenset(AREAS)

#: Actor kinds by audit entity name (their rows carry names the network shows).
ACTOR_ENTITIES = frozenset({"organisation", "community", "sub_community", "partner_network"})

#: Areas by audit entity, for entities whose every action touches the same areas.
BY_ENTITY: Mapping[str, frozenset[str]] = {
    "user": frozenset(), "api_token": frozenset(), "login": frozenset(),
    "event": frozenset({"network", "reach", "actors", "people"}),  # speakers may be new people
    "import": EVERYTHING, "merge": EVERYTHING,
    "attendance": frozenset({"reach", "people"}),  # attendee lists may name new people
    "person": frozenset({"reach", "people"}),
    "membership": frozenset({"reach"}),
    "register": frozenset({"reach", "actors"}),
    "feedback": frozenset({"other"}),
    "domain": frozenset({"other"}),
    "note": frozenset({"other"}), "follow-up": frozenset({"other"}),
}
#: Organisation fields the reach questions group or filter by.
REACH_FIELDS = frozenset({"type", "nation", "region", "status", "register_source"})


@dataclass(frozen=True)
class Touched:
    """The areas a write touched; ``if_contributor`` names actors whose writes also touch the
    network when they contributed to an event (checked in the write's own transaction)."""

    areas: frozenset[str]
    if_contributor: tuple[str, ...] = ()


def _changed_fields(entry: Mapping[str, Any]) -> set[str]:
    try:
        changes = json.loads(entry.get("changes") or "{}")
    except ValueError:
        return set(REACH_FIELDS)
    return set(changes) if isinstance(changes, dict) else set(REACH_FIELDS)


def _actor_entry(entry: Mapping[str, Any]) -> Touched:
    """Creating an actor adds a name (no links yet); editing or deleting one may change what
    the network shows, so it touches the network too when the actor contributed."""
    action = entry.get("action")
    if action == "create":
        return Touched(frozenset({"actors"}))
    areas = {"actors"}
    if action != "update" or _changed_fields(entry) & REACH_FIELDS:
        areas.add("reach")
    return Touched(frozenset(areas), (str(entry.get("entity_id")),))


def touched(entries: Iterable[Mapping[str, Any]]) -> Touched:
    """The areas a write with these audit entries touched (unknown entities: every area)."""
    areas: set[str] = set()
    actors: list[str] = []
    for entry in entries:
        entity = str(entry.get("entity"))
        if entity == "person" and entry.get("action") == "create":
            areas.add("people")  # no attendance or talks yet: nobody was reached through them
        elif entity in ACTOR_ENTITIES:
            found = _actor_entry(entry)
            areas |= found.areas
            actors += found.if_contributor
        else:
            areas |= BY_ENTITY.get(entity, EVERYTHING)
    if "network" in areas:
        actors = []
    return Touched(frozenset(areas), tuple(dict.fromkeys(actors)))


#: Entities whose writes never change who reached what (first_reach): no reach edges.
NO_REACH_EDGES = frozenset({"user", "api_token", "login", "feedback", "domain", "note",
                            "follow-up", "membership", "community", "sub_community",
                            "partner_network"})
#: Person actions that name the person by id (an erasure's entry does not).
PERSON_ACTIONS = frozenset({"create", "update", "delete"})


@dataclass(frozen=True)
class ReachSubjects:
    """Whose first reaching collaboration a write may change (:func:`reach_subjects`, or given
    by the write itself: ``write_tx(..., reach=...)``): the organisations reaching the
    collaborations of ``events``, those ``people`` work at, the ``organisations`` named;
    ``everything`` when nobody can say (recompute all).

    ``appended``, for a write that says so itself (a JSON import): the events it writes when
    it may only append collaborations to the timeline; the write's transaction checks that
    none of them nor of ``people`` existed before it, and ``meta/note_tail`` that they come
    last (any other write with explicit subjects resets the timeline's tail)."""

    events: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    everything: bool = False
    appended: tuple[str, ...] = ()


def reach_subjects(entries: Iterable[Mapping[str, Any]]) -> ReachSubjects:
    """What a write with these audit entries may change in each organisation's first reaching
    collaboration (the maintained value, :meth:`tracker.db.Database.write_tx`).

    Events and attendance name an event (its whole collaboration is looked at, before and
    after the write); people name a person (the organisations they work at); organisations name
    themselves (a merge moves edges onto the kept one). Entries that cannot say (an import, a
    merge undone, the register, an erasure, unknown entities) mean everything is recomputed,
    unless the write passes its own subjects (those writes do: ``write_tx(reach=...)``).
    Entities without reach edges (users, notes, memberships of groups, ...) change nothing.

    >>> reach_subjects([{"entity": "event", "entity_id": "e1", "action": "update"},
    ...                 {"entity": "person", "entity_id": "p1", "action": "create"}])
    ReachSubjects(events=('e1',), people=('p1',), organisations=(), everything=False, appended=())
    >>> reach_subjects([{"entity": "import", "entity_id": "document", "action": "import"}]).everything
    True
    >>> reach_subjects([{"entity": "note", "entity_id": "n1", "action": "create"}])
    ReachSubjects(events=(), people=(), organisations=(), everything=False, appended=())
    """
    events: list[str] = []
    people: list[str] = []
    organisations: list[str] = []
    for entry in entries:
        entity, key = str(entry.get("entity")), str(entry.get("entity_id"))
        if entity in NO_REACH_EDGES:
            continue
        if entity in ("event", "attendance"):
            events.append(key)
        elif entity == "person" and entry.get("action") in PERSON_ACTIONS:
            people.append(key)
        elif entity == "organisation":
            organisations.append(key)
        else:
            return ReachSubjects(everything=True)
    return ReachSubjects(tuple(dict.fromkeys(events)), tuple(dict.fromkeys(people)),
                         tuple(dict.fromkeys(organisations)))


#: Created entities a write may hold and still only append collaborations to the timeline.
APPEND_ENTITIES = frozenset({"event", "organisation", "person"})


def created_events(entries: Iterable[Mapping[str, Any]]) -> tuple[bool, tuple[str, ...]]:
    """(whether the write only created things, the events it created): a write that only
    creates events, organisations and people may append collaborations to the timeline (the
    database checks that they come last, ``cypher/meta/note_tail.cypher``).

    >>> created_events([{"entity": "event", "entity_id": "e9", "action": "create"},
    ...                 {"entity": "person", "entity_id": "p9", "action": "create"}])
    (True, ('e9',))
    >>> created_events([{"entity": "event", "entity_id": "e1", "action": "update"}])
    (False, ())
    """
    events: list[str] = []
    for entry in entries:
        if entry.get("action") != "create" or entry.get("entity") not in APPEND_ENTITIES:
            return False, ()
        if entry.get("entity") == "event":
            events.append(str(entry.get("entity_id")))
    return bool(events), tuple(events)
