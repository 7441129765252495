// Merge step: move any other incoming relationship (e.g. register child links), keeping its type
// and properties; runs after the named steps, so only unknown types remain.
// params: $keep, $drop
// returns: moved
MATCH (x)-[r]->(d:Organisation {id: $drop})
MATCH (k:Organisation {id: $keep})
WHERE x <> k AND x <> d
MERGE (x)-[n:$(type(r))]->(k)
ON CREATE SET n += properties(r)
DELETE r
RETURN count(*) AS moved
