// One page of partner networks sorted by $sort ($desc reverses), optionally matching full-text search terms.
// $sort is one of 'name', 'members' (an allow-list in the
// repository; anything else sorts by name).
// params: $q, $sort, $desc, $skip, $limit
// returns: total, rows (list of {id, name, website, members, events})
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:PartnerNetwork) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:PartnerNetwork RETURN n
}
WITH n, CASE $sort
  WHEN 'members' THEN COUNT { (:Organisation)-[:MEMBER_OF]->(n) }
  ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC, n.id
WITH collect(n) AS found
RETURN size(found) AS total,
  [n IN found[$skip..$skip + $limit] | n {.id, .name, .website,
     members: COUNT { (:Organisation)-[:MEMBER_OF]->(n) },
     events: COUNT { (n)-[:CONTRIBUTED]->(:Event) }}] AS rows
