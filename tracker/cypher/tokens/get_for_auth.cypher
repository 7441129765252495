// One token with its owner, for checking a Bearer header: expired and revoked tokens are
// reported as such, and the owner's current role and active flag come along.
// params: $id
// returns: token_hash, role, usable, owner
MATCH (t:ApiToken {id: $id})-[:OWNED_BY]->(u:User)
RETURN t.token_hash AS token_hash, t.role AS role,
       (t.revoked_at IS NULL AND t.expires_at > datetime()) AS usable,
       u {.id, .username, .role, .active, session_version: coalesce(u.session_version, 0)} AS owner
