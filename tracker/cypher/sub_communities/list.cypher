// One page of sub-communities sorted by $sort ($desc reverses), optionally matching full-text search terms and a community.
// $sort is one of 'name', 'community', 'members' (an allow-list in the
// repository; anything else sorts by name).
// params: $q, $community, $sort, $desc, $skip, $limit
// returns: total, rows (list of {id, name, community, community_name, members})
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:SubCommunity) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:SubCommunity RETURN n
}
WITH n WHERE $community IS NULL OR EXISTS { (n)-[:PART_OF]->(:Community {id: $community}) }
WITH n, CASE $sort
  WHEN 'community' THEN toLower(COLLECT { MATCH (n)-[:PART_OF]->(c:Community) RETURN c.name }[0])
  WHEN 'members' THEN COUNT { (:Organisation)-[:MEMBER_OF]->(n) }
  ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC, n.id
WITH collect(n) AS found
RETURN size(found) AS total,
  [n IN found[$skip..$skip + $limit] | n {.id, .name,
     community: COLLECT { MATCH (n)-[:PART_OF]->(c:Community) RETURN c.id }[0],
     community_name: COLLECT { MATCH (n)-[:PART_OF]->(c:Community) RETURN c.name }[0],
     members: COUNT { (:Organisation)-[:MEMBER_OF]->(n) }}] AS rows
