// Actor ids that start with any of the given slugs (to give a new organisation a free id).
// params: $slugs
// returns: ids
UNWIND $slugs AS s
MATCH (a:Actor)
WHERE a.id STARTS WITH s
RETURN collect(DISTINCT a.id) AS ids
