// Revoke a token (kept, marked revoked); $user_id limits it to that owner's tokens (null: any).
// params: $id, $user_id
// returns: id, name, owner
MATCH (t:ApiToken {id: $id})-[:OWNED_BY]->(u:User)
WHERE ($user_id IS NULL OR u.id = $user_id) AND t.revoked_at IS NULL
SET t.revoked_at = datetime()
RETURN t.id AS id, t.name AS name, u.username AS owner
