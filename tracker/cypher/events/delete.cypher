// Delete an event and all its sessions (nested) with every relationship attached to them.
// params: $id
// returns: ids (the deleted event ids)
MATCH (e:Event {id: $id})
OPTIONAL MATCH (x:Event)-[:PART_OF*0..]->(e)
WITH collect(DISTINCT x) AS tree
WITH tree, [x IN tree | x.id] AS ids
FOREACH (x IN tree | DETACH DELETE x)
RETURN ids
