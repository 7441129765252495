// Delete a community and its relationships, unless sub-communities are still part of it.
// params: $id
// returns: deleted
MATCH (n:Community {id: $id})
WHERE NOT EXISTS { (:SubCommunity)-[:PART_OF]->(n) }
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
