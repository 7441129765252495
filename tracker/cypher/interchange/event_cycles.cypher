// Events among the given ids that have become their own ancestor (checked before commit).
// params: $ids
// returns: id
UNWIND $ids AS i
MATCH (e:Event {id: i})
WHERE EXISTS { MATCH (e)-[:PART_OF*1..]->(e) }
RETURN e.id AS id
