// The given collaborations (top-level events) in the timeline's order with their teams, as
// collaborations/timeline gives every collaboration (extending a cached timeline).
// params: $ids
// returns: id, name, start, teams
MATCH (c:Event)
WHERE c.id IN $ids AND c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
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
