// Create a user; the username constraint refuses a duplicate. $must_change marks a one-time
// password (the first admin's, or one an admin typed) that must be replaced at first login.
// params: $id, $username, $password_hash, $role, $must_change
// returns: id, username, role, active
CREATE (u:User {id: $id, username: $username, password_hash: $password_hash, role: $role,
                active: true, created_at: datetime(), session_version: 1,
                must_change_password: $must_change, password_changed_at: datetime()})
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active
