// One page of the member organisations of a group (community, sub-community or partner network;
// actor ids are unique across kinds), by name, with the membership's dates.
// params: $id, $skip, $limit
// returns: id, name, since, until
MATCH (o:Organisation)-[m:MEMBER_OF]->(:Actor {id: $id})
WITH o, m ORDER BY toLower(o.name), o.id
SKIP $skip LIMIT $limit
RETURN o.id AS id, o.name AS name, m.since AS since, m.until AS until
