// Turn a user's second factor on (a TOTP secret, hashed recovery codes and the time step of the
// code that confirmed it, which cannot be used again) or off (nulls).
// params: $id, $secret, $recovery_hashes, $last_step
// returns: id
MATCH (u:User {id: $id})
SET u.totp_secret = $secret, u.recovery_hashes = $recovery_hashes,
    u.totp_last_step = $last_step
RETURN u.id AS id
