// Every user, by username (no password hashes).
// params: none
// returns: id, username, role, active, created_at
MATCH (u:User)
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active,
       u.created_at AS created_at
ORDER BY u.username
