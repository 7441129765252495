// Create or update people; a person WORKS_AT at most one organisation (replaced when given).
// params: $rows (list of {id, name, organisation, props})
// returns: count
UNWIND $rows AS r
MERGE (p:Person {id: r.id})
SET p += r.props, p.name = r.name
WITH p, r
CALL (p, r) {
  WITH p, r WHERE r.organisation IS NOT NULL
  OPTIONAL MATCH (p)-[old:WORKS_AT]->(:Organisation)
  DELETE old
  WITH DISTINCT p, r
  MATCH (o:Organisation {id: r.organisation})
  MERGE (p)-[:WORKS_AT]->(o)
}
RETURN count(p) AS count
