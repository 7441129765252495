// One organisation by id (a domain may only identify an organisation).
// params: $id
// returns: id, name
MATCH (o:Organisation {id: $id})
RETURN o.id AS id, o.name AS name
