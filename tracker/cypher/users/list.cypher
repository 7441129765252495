// Every user, by username (no secrets).
// params: none
// returns: id, username, role, active, created_at, must_change_password, totp_enabled, last_login_at
MATCH (u:User)
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active,
       u.created_at AS created_at, coalesce(u.must_change_password, false) AS must_change_password,
       u.totp_secret IS NOT NULL AS totp_enabled, u.last_login_at AS last_login_at
ORDER BY u.username
