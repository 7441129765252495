// Turn a user's second factor on (a TOTP secret and hashed recovery codes) or off (nulls).
// params: $id, $secret, $recovery_hashes
// returns: id
MATCH (u:User {id: $id})
SET u.totp_secret = $secret, u.recovery_hashes = $recovery_hashes
RETURN u.id AS id
