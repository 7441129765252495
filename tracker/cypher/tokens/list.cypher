// API tokens (never their hashes), newest first: one user's ($user_id) or everyone's (null).
// params: $user_id
// returns: id, name, role, owner, created_at, expires_at, revoked_at, expired
MATCH (t:ApiToken)-[:OWNED_BY]->(u:User)
WHERE $user_id IS NULL OR u.id = $user_id
RETURN t.id AS id, t.name AS name, t.role AS role, u.username AS owner,
       t.created_at AS created_at, t.expires_at AS expires_at, t.revoked_at AS revoked_at,
       t.expires_at <= datetime() AS expired
ORDER BY t.created_at DESC
