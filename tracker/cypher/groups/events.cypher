// One page of the events an actor contributed to directly, latest first, with its role.
// params: $id, $skip, $limit
// returns: id, name, start, role
MATCH (:Actor {id: $id})-[r:CONTRIBUTED]->(e:Event)
WITH e, r ORDER BY e.start DESC, e.id, r.role
SKIP $skip LIMIT $limit
RETURN e.id AS id, e.name AS name, e.start AS start, r.role AS role
