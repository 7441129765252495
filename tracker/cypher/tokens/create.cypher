// Create an API token owned by a user; only the hash of its secret is stored.
// params: $id, $user_id, $name, $role, $token_hash, $expires_at
// returns: id, name, role, expires_at
MATCH (u:User {id: $user_id})
CREATE (t:ApiToken {id: $id, name: $name, role: $role, token_hash: $token_hash,
                    created_at: datetime(), expires_at: datetime($expires_at)})
CREATE (t)-[:OWNED_BY]->(u)
RETURN t.id AS id, t.name AS name, t.role AS role, t.expires_at AS expires_at
