// Delete an organisation and every relationship it has (its people stay, unattached).
// params: $id
// returns: deleted
MATCH (n:Organisation {id: $id})
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
