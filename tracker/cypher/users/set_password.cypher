// Replace a user's password hash.
// params: $id, $password_hash
// returns: id
MATCH (u:User {id: $id})
SET u.password_hash = $password_hash
RETURN u.id AS id
