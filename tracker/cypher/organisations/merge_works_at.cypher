// Merge step: people who worked at the dropped organisation now work at the survivor.
// params: $keep, $drop
// returns: moved
MATCH (p)-[r:WORKS_AT]->(d:Organisation {id: $drop})
MATCH (k:Organisation {id: $keep})
MERGE (p)-[n:WORKS_AT]->(k)
ON CREATE SET n += properties(r)
DELETE r
RETURN count(*) AS moved
