// Delete one note.
// params: $id
// returns: deleted
MATCH (n:Note {id: $id})
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
