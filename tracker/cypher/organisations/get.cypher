// One organisation's whole page in one read: memberships, people, events (role, attendees),
// collaboration partners with link weights (collaborations both contributed to, sessions rolled up).
// params: $id
// returns: item, memberships, people, events, partners, successors, predecessors
MATCH (o:Organisation {id: $id})
RETURN o {.*} AS item,
  COLLECT { MATCH (o)-[m:MEMBER_OF]->(g:Actor) WITH g, m ORDER BY toLower(g.name), g.id
            RETURN {id: g.id, name: g.name, kind: [l IN labels(g) WHERE l <> 'Actor'][0],
                    since: m.since, until: m.until} } AS memberships,
  COLLECT { MATCH (p:Person)-[:WORKS_AT]->(o) WITH p ORDER BY toLower(p.name), p.id
            RETURN p {.id, .name, .job_title} } AS people,
  COLLECT { MATCH (o)-[r:CONTRIBUTED|ATTENDED]->(e:Event)
            WITH e, [x IN collect(r) WHERE type(x) = 'CONTRIBUTED' | x.role] AS roles,
                 sum(CASE WHEN type(r) = 'ATTENDED' THEN coalesce(r.attendees, 0) END) AS attendees,
                 max(CASE WHEN type(r) = 'ATTENDED' THEN 1 ELSE 0 END) AS attended
            OPTIONAL MATCH (e)-[:PART_OF]->(parent:Event)
            WITH e, roles, attendees, attended, parent ORDER BY e.start DESC, e.id
            RETURN {id: e.id, name: e.name, start: e.start, end: e.end, roles: roles,
                    attended: attended = 1, attendees: attendees,
                    parent: parent.id, parent_name: parent.name} } AS events,
  COLLECT { MATCH (o)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(top:Event)
            WHERE NOT EXISTS { (top)-[:PART_OF]->(:Event) }
            WITH DISTINCT top
            MATCH (a:Actor)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(top)
            WHERE a <> o
            WITH a, count(DISTINCT top) AS weight
            ORDER BY weight DESC, toLower(a.name), a.id
            RETURN {id: a.id, name: a.name, kind: [l IN labels(a) WHERE l <> 'Actor'][0],
                    weight: weight} } AS partners,
  COLLECT { MATCH (o)-[:SUCCEEDED_BY]->(s:Organisation) RETURN s {.id, .name} } AS successors,
  COLLECT { MATCH (s:Organisation)-[:SUCCEEDED_BY]->(o) RETURN s {.id, .name} } AS predecessors
