// How many people people/list pages through (the same search and organisation).
// params: $q, $organisation
// returns: total
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:Person) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:Person RETURN n
}
WITH n WHERE $organisation IS NULL OR EXISTS { (n)-[:WORKS_AT]->(:Organisation {id: $organisation}) }
RETURN count(n) AS total
