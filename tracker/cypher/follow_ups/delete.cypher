// Delete one follow-up.
// params: $id
// returns: deleted
MATCH (f:FollowUp {id: $id})
WITH f, f.id AS id
DETACH DELETE f
RETURN count(id) AS deleted
