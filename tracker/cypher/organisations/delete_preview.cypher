// What deleting an organisation takes with it: relationship counts by type.
// params: $id
// returns: id, name, relationships
MATCH (n:Organisation {id: $id})
RETURN n.id AS id, n.name AS name,
  COLLECT { MATCH (n)-[r]-() WITH type(r) AS type, count(r) AS count ORDER BY type
            RETURN {type: type, count: count} } AS relationships
