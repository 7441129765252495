// How many sub-communities sub_communities/list pages through (the same search and community).
// params: $q, $community
// returns: total
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:SubCommunity) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:SubCommunity RETURN n
}
WITH n WHERE $community IS NULL OR EXISTS { (n)-[:PART_OF]->(:Community {id: $community}) }
RETURN count(n) AS total
