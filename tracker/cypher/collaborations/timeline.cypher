// Every collaboration (top-level event) in order, with the actors that contributed to it or to
// any of its sessions, however deeply nested. Ordered by start date, ties broken by id.
// params: none
// returns: id, name, start, actors
MATCH (c:Event)
WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
CALL (c) {
  OPTIONAL MATCH (a:Actor)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(c)
  RETURN collect(DISTINCT a.id) AS actors
}
RETURN c.id AS id, c.name AS name, c.start AS start, actors
ORDER BY c.start, c.id
