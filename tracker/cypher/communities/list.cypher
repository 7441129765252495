// One page of communities sorted by $sort ($desc reverses), optionally matching full-text search
// terms; sorted and cut to the page in the query (the total comes from communities/count).
// $sort is one of 'name', 'members' (an allow-list in the
// repository; anything else sorts by name).
// params: $q, $sort, $desc, $skip, $limit
// returns: id, name, sub_communities, members
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:Community) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:Community RETURN n
}
WITH n, CASE $sort
  WHEN 'members' THEN COUNT { (n)<-[:MEMBER_OF]-() }
  ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n.id AS id, n.name AS name, COUNT { (:SubCommunity)-[:PART_OF]->(n) } AS sub_communities,
       COUNT { (n)<-[:MEMBER_OF]-() } AS members
