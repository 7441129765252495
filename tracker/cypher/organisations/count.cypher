// How many organisations organisations/list pages through (the same search and filters).
// params: $q, $type, $nation, $region
// returns: total
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
RETURN count(n) AS total
