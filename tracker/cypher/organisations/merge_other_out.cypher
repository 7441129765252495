// Merge step: move any other outgoing relationship (e.g. register parent links), keeping its type
// and properties; runs after the named steps, so only unknown types remain.
// params: $keep, $drop
// returns: moved
MATCH (d:Organisation {id: $drop})-[r]->(x)
MATCH (k:Organisation {id: $keep})
WHERE x <> k AND x <> d
MERGE (k)-[n:$(type(r))]->(x)
ON CREATE SET n += properties(r)
DELETE r
RETURN count(*) AS moved
