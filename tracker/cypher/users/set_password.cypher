// Replace a user's password hash and end their sessions everywhere (the session version moves on);
// $must_change marks a one-time password to be replaced at the next login.
// params: $id, $password_hash, $must_change
// returns: id, session_version
MATCH (u:User {id: $id})
SET u.password_hash = $password_hash, u.must_change_password = $must_change,
    u.password_changed_at = datetime(),
    u.session_version = coalesce(u.session_version, 0) + 1
RETURN u.id AS id, u.session_version AS session_version
