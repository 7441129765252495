// One user by username, with the password hash (for login checks only).
// params: $username
// returns: id, username, role, active, password_hash
MATCH (u:User {username: $username})
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active,
       u.password_hash AS password_hash
