// Merge step: move the dropped organisation's contributions to the survivor (same role kept once).
// params: $keep, $drop
// returns: moved
MATCH (d:Organisation {id: $drop})-[r:CONTRIBUTED]->(e)
MATCH (k:Organisation {id: $keep})
MERGE (k)-[n:CONTRIBUTED {role: coalesce(r.role, 'partner')}]->(e)
ON CREATE SET n += properties(r)
DELETE r
RETURN count(*) AS moved
