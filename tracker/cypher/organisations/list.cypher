// One page of organisations sorted by $sort ($desc reverses; ties by name), optionally
// matching full-text search terms, a type, a nation and a region. Sorted and cut to the page in
// the query (the total comes from organisations/count). Events are counted from each node's
// relationship degree (CONTRIBUTED and ATTENDED always lead to events), so sorting by events
// reads no event.
// $sort is one of 'name', 'type', 'nation', 'region', 'events' (an allow-list in the
// repository; anything else sorts by name).
// params: $q, $type, $nation, $region, $sort, $desc, $skip, $limit
// returns: id, name, type, nation, region, events, people
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:Organisation) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:Organisation RETURN n
}
WITH n WHERE ($type IS NULL OR n.type = $type) AND ($nation IS NULL OR n.nation = $nation)
         AND ($region IS NULL OR n.region = $region)
WITH n, CASE $sort
  WHEN 'type' THEN toLower(n.type)
  WHEN 'nation' THEN toLower(n.nation)
  WHEN 'region' THEN toLower(n.region)
  WHEN 'events' THEN COUNT { (n)-[:CONTRIBUTED|ATTENDED]->() }
  ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC,
         toLower(n.name), n.id
SKIP $skip LIMIT $limit
RETURN n.id AS id, n.name AS name, n.type AS type, n.nation AS nation, n.region AS region,
       COUNT { (n)-[:CONTRIBUTED|ATTENDED]->() } AS events,
       COUNT { (n)<-[:WORKS_AT]-() } AS people
