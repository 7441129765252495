// Set each event's parent (PART_OF), replacing a previous parent; null parent = top level.
// params: $rows (list of {id, parent})
// returns: count
UNWIND $rows AS r
MATCH (e:Event {id: r.id})
OPTIONAL MATCH (e)-[old:PART_OF]->(:Event)
DELETE old
WITH DISTINCT e, r
WHERE r.parent IS NOT NULL
MATCH (p:Event {id: r.parent})
MERGE (e)-[:PART_OF]->(p)
RETURN count(e) AS count
