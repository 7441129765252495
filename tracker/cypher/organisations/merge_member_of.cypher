// Merge step: move memberships; where both were members the span widens (earliest since,
// latest until, open-ended if either is).
// params: $keep, $drop
// returns: moved
MATCH (d:Organisation {id: $drop})-[r:MEMBER_OF]->(g)
MATCH (k:Organisation {id: $keep})
WHERE g <> k
MERGE (k)-[n:MEMBER_OF]->(g)
ON CREATE SET n += properties(r)
ON MATCH SET
  n.since = CASE WHEN n.since IS NULL OR r.since IS NULL THEN coalesce(n.since, r.since)
                 WHEN r.since < n.since THEN r.since ELSE n.since END,
  n.until = CASE WHEN n.until IS NULL OR r.until IS NULL THEN null
                 WHEN r.until > n.until THEN r.until ELSE n.until END
DELETE r
RETURN count(*) AS moved
