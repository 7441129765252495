// Change a user's role and active flag unless that would leave no active admin; no row comes
// back when the user does not exist or the change was refused for that reason. A real change
// (another role, or disabling) ends the user's sessions: the session version moves on.
// params: $id, $role, $active
// returns: id, username, role, active
MATCH (u:User {id: $id})
OPTIONAL MATCH (other:User {role: 'admin', active: true})
WHERE other.id <> $id
WITH u, count(other) AS other_admins
WHERE other_admins > 0 OR ($role = 'admin' AND $active)
WITH u, (u.role <> $role OR u.active <> $active) AS changed
SET u.role = $role, u.active = $active,
    u.session_version = coalesce(u.session_version, 0) + CASE WHEN changed THEN 1 ELSE 0 END
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active
