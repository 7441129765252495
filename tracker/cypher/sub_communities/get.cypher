// One sub-community with its community, member organisations and contributions, in one read.
// params: $id
// returns: item, community, members, events
MATCH (n:SubCommunity {id: $id})
OPTIONAL MATCH (n)-[:PART_OF]->(c:Community)
RETURN n {.*} AS item, c {.id, .name} AS community,
  COLLECT { MATCH (o:Organisation)-[m:MEMBER_OF]->(n) WITH o, m ORDER BY toLower(o.name), o.id
            RETURN {id: o.id, name: o.name, since: m.since, until: m.until} } AS members,
  COLLECT { MATCH (n)-[r:CONTRIBUTED]->(e:Event) WITH e, r ORDER BY e.start DESC, e.id
            RETURN {id: e.id, name: e.name, start: e.start, role: r.role} } AS events
