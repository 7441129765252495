// One sub-community's page head: the sub-community, its community and the size of its paged
// sections (groups/members, groups/events).
// params: $id
// returns: item, community, members_total, events_total
MATCH (n:SubCommunity {id: $id})
OPTIONAL MATCH (n)-[:PART_OF]->(c:Community)
RETURN n {.*} AS item, c {.id, .name} AS community,
  COUNT { (:Organisation)-[:MEMBER_OF]->(n) } AS members_total,
  COUNT { (n)-[:CONTRIBUTED]->(:Event) } AS events_total
