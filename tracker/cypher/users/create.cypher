// Create a user; the username constraint refuses a duplicate.
// params: $id, $username, $password_hash, $role
// returns: id, username, role, active
CREATE (u:User {id: $id, username: $username, password_hash: $password_hash, role: $role,
                active: true, created_at: datetime()})
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active
