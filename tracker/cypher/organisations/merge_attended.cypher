// Merge step: move attendance to the survivor; where both attended one event the counts add up.
// params: $keep, $drop
// returns: moved
MATCH (d:Organisation {id: $drop})-[r:ATTENDED]->(e)
MATCH (k:Organisation {id: $keep})
MERGE (k)-[n:ATTENDED]->(e)
ON CREATE SET n += properties(r)
ON MATCH SET n.attendees = coalesce(n.attendees, 0) + coalesce(r.attendees, 0)
DELETE r
RETURN count(*) AS moved
