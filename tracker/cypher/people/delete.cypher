// Delete a person and every relationship they have.
// params: $id
// returns: deleted
MATCH (n:Person {id: $id})
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
