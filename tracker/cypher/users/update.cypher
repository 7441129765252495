// Change a user's role and whether the account is active.
// params: $id, $role, $active
// returns: id, username, role, active
MATCH (u:User {id: $id})
SET u.role = $role, u.active = $active
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active
