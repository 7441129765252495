// One community with its sub-communities, member organisations and contributions, in one read.
// params: $id
// returns: item, sub_communities, members, events
MATCH (n:Community {id: $id})
RETURN n {.*} AS item,
  COLLECT { MATCH (s:SubCommunity)-[:PART_OF]->(n) WITH s ORDER BY toLower(s.name), s.id
            RETURN s {.id, .name} } AS sub_communities,
  COLLECT { MATCH (o:Organisation)-[m:MEMBER_OF]->(n) WITH o, m ORDER BY toLower(o.name), o.id
            RETURN {id: o.id, name: o.name, since: m.since, until: m.until} } AS members,
  COLLECT { MATCH (n)-[c:CONTRIBUTED]->(e:Event) WITH e, c ORDER BY e.start DESC, e.id
            RETURN {id: e.id, name: e.name, start: e.start, role: c.role} } AS events
