// Note a successful login on the account (shown to admins on the users page).
// params: $id
// returns: id
MATCH (u:User {id: $id})
SET u.last_login_at = datetime()
RETURN u.id AS id
