// Event ids that start with any of the given slugs (to give a new event a free id).
// params: $slugs
// returns: ids
UNWIND $slugs AS s
MATCH (e:Event)
WHERE e.id STARTS WITH s
RETURN collect(DISTINCT e.id) AS ids
