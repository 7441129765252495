// One user by id, with the secrets needed for login checks (the repository strips them).
// params: $id
// returns: id, username, role, active, password_hash, session_version, must_change_password, totp_secret, recovery_hashes
MATCH (u:User {id: $id})
RETURN u.id AS id, u.username AS username, u.role AS role, u.active AS active,
       u.password_hash AS password_hash, coalesce(u.session_version, 0) AS session_version,
       coalesce(u.must_change_password, false) AS must_change_password,
       u.totp_secret AS totp_secret, coalesce(u.recovery_hashes, []) AS recovery_hashes
