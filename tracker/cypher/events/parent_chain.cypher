// Events that could be the parent (matched by id, or by exact name when typed without the
// picker), each with the ids of its whole ancestor chain (itself included), so a form can
// refuse an event that would become its own ancestor.
// params: $parent
// returns: id, name, chain
MATCH (p:Event)
WHERE p.id = $parent OR p.name = $parent
OPTIONAL MATCH (p)-[:PART_OF*0..]->(a:Event)
WITH p, collect(DISTINCT a.id) AS chain
RETURN p.id AS id, p.name AS name, chain
ORDER BY CASE WHEN p.id = $parent THEN 0 ELSE 1 END, p.id
