// One page of sub-communities sorted by $sort ($desc reverses), optionally matching full-text
// search terms and a community; sorted and cut to the page in the query (the total comes from
// sub_communities/count).
// $sort is one of 'name', 'community', 'members' (an allow-list in the
// repository; anything else sorts by name).
// params: $q, $community, $sort, $desc, $skip, $limit
// returns: id, name, community, community_name, members
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:SubCommunity) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:SubCommunity RETURN n
}
WITH n WHERE $community IS NULL OR EXISTS { (n)-[:PART_OF]->(:Community {id: $community}) }
CALL (n) {
  OPTIONAL MATCH (n)-[:PART_OF]->(c:Community) RETURN c ORDER BY c.id LIMIT 1
}
WITH n, c, CASE $sort
  WHEN 'community' THEN toLower(c.name)
  WHEN 'members' THEN COUNT { (n)<-[:MEMBER_OF]-() }
  ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n.id AS id, n.name AS name, c.id AS community, c.name AS community_name,
       COUNT { (n)<-[:MEMBER_OF]-() } AS members
