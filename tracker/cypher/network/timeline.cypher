// Collaborations as of a date in the product's order (start date, then id), each with the ids of
// the actors that contributed to it or to any of its sessions (the page replays link growth).
// params: $as_of
// returns: id, name, date, actors
MATCH (c:Event)
WHERE NOT (c)-[:PART_OF]->(:Event)
  AND ($as_of IS NULL OR c.start <= date($as_of))
OPTIONAL MATCH (c)<-[:PART_OF*0..]-(:Event)<-[:CONTRIBUTED]-(x:Actor)
WITH c, collect(DISTINCT x.id) AS actors
RETURN c.id AS id, c.name AS name, c.start AS date, actors
ORDER BY date, id
