// One page of an organisation's collaboration partners, strongest link first: the actors that
// contributed to a collaboration it contributed to (sessions rolled up), with the link weight
// (how many such collaborations).
// params: $id, $skip, $limit
// returns: id, name, kind, weight
MATCH (o:Organisation {id: $id})-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(top:Event)
WHERE NOT EXISTS { (top)-[:PART_OF]->(:Event) }
WITH DISTINCT o, top
MATCH (a:Actor)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(top)
WHERE a <> o
WITH a, count(DISTINCT top) AS weight
ORDER BY weight DESC, toLower(a.name), a.id
SKIP $skip LIMIT $limit
RETURN a.id AS id, a.name AS name, [l IN labels(a) WHERE l <> 'Actor'][0] AS kind, weight
