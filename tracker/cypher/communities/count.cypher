// How many communities communities/list pages through (the same search).
// params: $q
// returns: total
CALL () {
  WITH $q AS q WHERE q IS NULL
  MATCH (n:Community) RETURN n
  UNION
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('names', q) YIELD node
  WITH node AS n WHERE n:Community RETURN n
}
RETURN count(n) AS total
