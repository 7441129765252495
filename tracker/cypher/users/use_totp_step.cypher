// Spend one time step of a user's second factor: a code is accepted once. used is false when
// this step or a later one was already used. The SET first takes the user's write lock, so two
// logins with the same code at the same moment cannot both pass.
// params: $id, $step
// returns: used
MATCH (u:User {id: $id})
SET u.totp_checked_at = datetime()
WITH u, coalesce(u.totp_last_step, -1) < $step AS used
SET u.totp_last_step = CASE WHEN used THEN $step ELSE u.totp_last_step END
RETURN used
