// Delete a sub-community and every relationship it has.
// params: $id
// returns: deleted
MATCH (n:SubCommunity {id: $id})
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
