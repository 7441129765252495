// End every session of a user (logout everywhere): the session version moves on.
// params: $id
// returns: session_version
MATCH (u:User {id: $id})
SET u.session_version = coalesce(u.session_version, 0) + 1
RETURN u.session_version AS session_version
