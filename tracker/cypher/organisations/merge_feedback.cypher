// Merge step: move feedback; where both gave feedback on one event the survivor's is kept.
// params: $keep, $drop
// returns: moved
MATCH (d:Organisation {id: $drop})-[r:GAVE_FEEDBACK]->(e)
MATCH (k:Organisation {id: $keep})
MERGE (k)-[n:GAVE_FEEDBACK]->(e)
ON CREATE SET n += properties(r)
DELETE r
RETURN count(*) AS moved
