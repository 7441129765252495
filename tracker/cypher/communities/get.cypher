// One community's page head: the community, its sub-communities and the size of its paged
// sections (groups/members, groups/events).
// params: $id
// returns: item, sub_communities, members_total, events_total
MATCH (n:Community {id: $id})
RETURN n {.*} AS item,
  COLLECT { MATCH (s:SubCommunity)-[:PART_OF]->(n) WITH s ORDER BY toLower(s.name), s.id
            RETURN s {.id, .name} } AS sub_communities,
  COUNT { (:Organisation)-[:MEMBER_OF]->(n) } AS members_total,
  COUNT { (n)-[:CONTRIBUTED]->(:Event) } AS events_total
