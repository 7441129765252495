// One user by id, with the password hash (for login checks only).
// params: $id
// returns: id, username, role, active, password_hash
MATCH (u:User {id: $id})
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active,
       u.password_hash AS password_hash
