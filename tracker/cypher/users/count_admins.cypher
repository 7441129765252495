// How many active admins exist (make run creates the first one when there is none).
// params: none
// returns: count
MATCH (u:User {role: 'admin', active: true})
RETURN count(u) AS count
