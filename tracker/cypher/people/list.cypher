// One page of people sorted by $sort ($desc reverses; ties by name), optionally matching
// full-text search terms and an organisation; sorted and cut to the page in the query (the
// total comes from people/count).
// $sort is one of 'name', 'organisation' (an allow-list in the
// repository; anything else sorts by name).
// params: $q, $organisation, $sort, $desc, $skip, $limit
// returns: id, name, job_title, organisation, organisation_name
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:Person) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:Person RETURN n
}
WITH n WHERE $organisation IS NULL OR EXISTS { (n)-[:WORKS_AT]->(:Organisation {id: $organisation}) }
WITH n, CASE $sort
  WHEN 'organisation' THEN toLower(COLLECT { MATCH (n)-[:WORKS_AT]->(o:Organisation) RETURN o.name }[0])
  ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC,
         toLower(n.name), n.id
SKIP $skip LIMIT $limit
CALL (n) {
  OPTIONAL MATCH (n)-[:WORKS_AT]->(o:Organisation) RETURN o ORDER BY o.id LIMIT 1
}
RETURN n.id AS id, n.name AS name, n.job_title AS job_title, o.id AS organisation,
       o.name AS organisation_name
