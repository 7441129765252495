// Weighted collaboration links as of a date: two distinct actors that contributed to the same
// collaboration (a top-level event, its sessions rolled up at any depth); weight = the number of
// collaborations they share, first/last = the ISO dates of the first and last of them.
// Aggregated here; returned as ONE record of parallel lists (entry i of each list is link i,
// sorted by a then b) because per-record driver overhead, not Neo4j, dominates at 50,000 links.
// $as_of is an ISO date or null (everything).
// params: $as_of
// returns: a, b, weight, first, last (parallel lists, one entry per link)
MATCH (c:Event)
WHERE NOT (c)-[:PART_OF]->(:Event)
  AND ($as_of IS NULL OR c.start <= date($as_of))
MATCH (c)<-[:PART_OF*0..]-(:Event)<-[:CONTRIBUTED]-(x:Actor)
WITH c, collect(DISTINCT x.id) AS ids
UNWIND ids AS a
UNWIND ids AS b
WITH c, a, b
WHERE a < b
WITH a, b, count(c) AS weight, min(c.start) AS first, max(c.start) AS last
ORDER BY a, b
RETURN collect(a) AS a, collect(b) AS b, collect(weight) AS weight,
       collect(toString(first)) AS first, collect(toString(last)) AS last
