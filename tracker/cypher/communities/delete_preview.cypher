// What deleting a community takes with it: relationship counts by type, and sub-communities that block it.
// params: $id
// returns: id, name, relationships, blockers
MATCH (n:Community {id: $id})
RETURN n.id AS id, n.name AS name,
  COLLECT { MATCH (n)-[r]-() WITH type(r) AS type, count(r) AS count ORDER BY type
            RETURN {type: type, count: count} } AS relationships,
  COLLECT { MATCH (s:SubCommunity)-[:PART_OF]->(n) WITH s ORDER BY s.name RETURN s {.id, .name} } AS blockers
