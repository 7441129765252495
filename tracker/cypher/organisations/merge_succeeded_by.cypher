// Merge step: move successions both ways; a link between the two merged bodies is dropped.
// params: $keep, $drop
// returns: moved
MATCH (k:Organisation {id: $keep}), (d:Organisation {id: $drop})
CALL (k, d) {
  MATCH (d)-[r:SUCCEEDED_BY]->(x) WHERE x <> k
  MERGE (k)-[n:SUCCEEDED_BY]->(x) ON CREATE SET n += properties(r)
  DELETE r
  RETURN count(*) AS outgoing
}
CALL (k, d) {
  MATCH (x)-[r:SUCCEEDED_BY]->(d) WHERE x <> k
  MERGE (x)-[n:SUCCEEDED_BY]->(k) ON CREATE SET n += properties(r)
  DELETE r
  RETURN count(*) AS incoming
}
RETURN outgoing + incoming AS moved
