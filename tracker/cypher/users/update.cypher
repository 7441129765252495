// Change a user's role and whether the account is active; a real change ends their sessions.
// params: $id, $role, $active
// returns: id, username, role, active
MATCH (u:User {id: $id})
WITH u, (u.role <> $role OR u.active <> $active) AS changed
SET u.role = $role, u.active = $active,
    u.session_version = coalesce(u.session_version, 0) + CASE WHEN changed THEN 1 ELSE 0 END
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active
