// Change a sub-community's name, description and parent community; no row if either is missing.
// params: $id, $props (map of name, description; null removes), $community
// returns: item
MATCH (n:SubCommunity {id: $id})
MATCH (c:Community {id: $community})
SET n += $props
WITH n, c
CALL (n, c) {
  OPTIONAL MATCH (n)-[old:PART_OF]->(other:Community) WHERE other <> c
  DELETE old
}
MERGE (n)-[:PART_OF]->(c)
RETURN n {.*, community: c.id} AS item
