// Every community's id and name, for the sub-community form's choice of parent.
// params: none
// returns: id, name
MATCH (n:Community)
RETURN n.id AS id, n.name AS name
ORDER BY toLower(n.name), n.id
