// Every collaboration (top-level event) in order with its teams: for each of its event nodes
// (the collaboration itself or a session at any depth) that has direct contributors, the ids of
// the actors that contributed to that node or to any of its ancestors within the collaboration.
// Teams are listed by event id. Ordered by start date, ties broken by id.
// params: none
// returns: id, name, start, teams
MATCH (c:Event)
WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
CALL (c) {
  MATCH path = (e:Event)-[:PART_OF*0..]->(c)
  WHERE EXISTS { (:Actor)-[:CONTRIBUTED]->(e) }
  UNWIND nodes(path) AS above
  MATCH (a:Actor)-[:CONTRIBUTED]->(above)
  WITH e, collect(DISTINCT a.id) AS team
  ORDER BY e.id
  RETURN collect(team) AS teams
}
RETURN c.id AS id, c.name AS name, c.start AS start, teams
ORDER BY c.start, c.id
